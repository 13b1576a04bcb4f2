// Which worker messages go at once: what someone waits for, and warnings and errors.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type HostMessage, isUrgent } from "../../../src/hosts/workers/mod.ts";

const cluster = { namespace: "ns", name: "c", resourceName: "ns/c", port: 20000 } as never;

describe("isUrgent", () => {
  it("sends calls, answers, failures and the worker's start at once", () => {
    const messages: HostMessage[] = [
      { type: "call", id: 1, method: "register", args: [] },
      { type: "answer", id: 1, value: 1 },
      { type: "failure", id: 1, error: { name: "Error", message: "x" } },
      { type: "ready" },
      { type: "failed", error: { name: "Error", message: "x" } },
      { type: "log", level: "warn", message: "w", fields: {} },
      { type: "log", level: "error", message: "e", fields: {} },
    ];
    for (const message of messages) assert.equal(isUrgent(message), true, message.type);
  });

  it("lets events, registrations and info or debug lines wait for the end of the turn", () => {
    const messages: HostMessage[] = [
      { type: "event", cluster, event: { kind: "listenerUp" } as never },
      { type: "registered", cluster },
      { type: "log", level: "info", message: "i", fields: {} },
      { type: "log", level: "debug", message: "d", fields: {} },
    ];
    for (const message of messages) assert.equal(isUrgent(message), false, message.type);
  });
});
