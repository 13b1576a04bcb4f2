import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createLogger } from "../../src/log/mod.ts";
import { logClusterEvent } from "../../src/server/cluster_event_log.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: "info",
    format: "json",
    write: (line) => lines.push(JSON.parse(line)),
    now: () => new Date(0),
  });
  return { log, lines };
}

const cluster = { namespace: "ns", name: "c1", port: 20001 };

describe("cluster event log", () => {
  it("writes one line per expired fault rule, naming the cluster, namespace, port and rule", () => {
    const { log, lines } = capture();
    logClusterEvent(log, { kind: "faultRulesExpired", ids: ["a", "b"] }, cluster);
    assert.deepEqual(
      lines.map(({ msg, cluster, namespace, port, rule }) => ({
        msg,
        cluster,
        namespace,
        port,
        rule,
      })),
      [
        { msg: "fault rule expired", cluster: "c1", namespace: "ns", port: 20001, rule: "a" },
        { msg: "fault rule expired", cluster: "c1", namespace: "ns", port: 20001, rule: "b" },
      ],
    );
  });

  it("names the boot phase a node finished", () => {
    const { log, lines } = capture();
    logClusterEvent(log, { kind: "phaseDone", node: "n1", phase: "etcd" }, cluster);
    assert.equal(lines[0].msg, "boot phase done: etcd member joined");
    assert.equal(lines[0].node, "n1");
  });
});
