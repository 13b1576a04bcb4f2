// core/v1 Events as kube-apiserver checks them (legacyValidateEvent).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "../../kube/kube_fixture.ts";

const EVENTS = "/api/v1/namespaces/default/events";

describe("core/v1 Event validation", () => {
  it("refuses an involved object of another namespace, as kube-apiserver v1.36.3 does", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const bad = await call("POST", EVENTS, {
      metadata: { name: "ev2" },
      involvedObject: { kind: "Pod", name: "p", namespace: "other" },
      type: "Weird",
    });
    assert.equal(bad.status, 422);
    // The type is not checked through /api/v1 (scripts/oracle).
    assert.equal(
      bad.json.message,
      'Event "ev2" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    );
    const ok = await call("POST", EVENTS, {
      metadata: { name: "ev1" },
      involvedObject: { kind: "Pod", name: "p", namespace: "default" },
      reason: "Test",
      message: "hello",
      type: "Normal",
      source: { component: "oracle" },
    });
    assert.equal(ok.status, 201, ok.text);
  });

  it("an event with an eventTime needs its reporting fields", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const bad = await call("POST", EVENTS, {
      metadata: { name: "ev3" },
      eventTime: "2026-01-02T03:04:05.000000Z",
      involvedObject: { kind: "Pod", name: "p", namespace: "default" },
      reason: "R".repeat(129),
    });
    assert.equal(bad.status, 422);
    // Required, then IsQualifiedName's two complaints about an empty name.
    assert.deepEqual(bad.json.details.causes.map((c: { field: string }) => c.field), [
      "reportingComponent",
      "reportingComponent",
      "reportingComponent",
      "reportingInstance",
      "action",
      "reason",
    ]);
  });

  it("counts the reporting fields and the message in bytes, as Go's len does", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const event = (name: string, reason: string, message: string) => ({
      metadata: { name },
      eventTime: "2026-01-02T03:04:05.000000Z",
      involvedObject: { kind: "Pod", name: "p", namespace: "default" },
      reportingComponent: "fkas.test/oracle",
      reportingInstance: "i",
      action: "Act",
      reason,
      message,
    });
    // 65 two-byte letters: 65 UTF-16 units but 130 bytes; 600 of them: 1,200 bytes.
    const bad = await call("POST", EVENTS, event("ev4", "é".repeat(65), "é".repeat(600)));
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(
      bad.json.details.causes.map((c: { field: string; message: string }) => [c.field, c.message]),
      [
        ["reason", 'Invalid value: "": can have at most 128 characters'],
        ["message", 'Invalid value: "": can have at most 1024 characters'],
      ],
    );
    const ok = await call("POST", EVENTS, event("ev5", "é".repeat(64), "é".repeat(512)));
    assert.equal(ok.status, 201, ok.text);
  });
});
