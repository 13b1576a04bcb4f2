// Lifecycle events of the registry: what the operator's info log is made of.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ClusterEvent } from "../../src/cluster/mod.ts";
import { registryWithFakeListeners } from "./registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };

describe("ClusterRegistry lifecycle events", () => {
  it("tells registration, node report, each boot phase, listener up/down and deletion once", async () => {
    const events: string[] = [];
    const { registry } = registryWithFakeListeners({
      onEvent: (event: ClusterEvent, cluster) =>
        events.push(
          `${cluster.namespace}/${cluster.name}:${cluster.port} ${event.kind}${
            "node" in event ? ` ${event.node}` : ""
          }${"phase" in event ? ` ${event.phase}` : ""}${
            "caSource" in event ? ` ${event.caSource}` : ""
          }`,
        ),
    });
    await registry.register({ namespace: "ns", name: "demo" });
    await registry.register({ namespace: "ns", name: "demo" });
    const report = {
      namespace: "ns",
      cluster: "demo",
      nodeName: "cp-1",
      labels: CP,
      k8sversion: "v1.33.1",
    };
    await registry.reportNode(report);
    await registry.reportNode(report);
    await registry.listeners.stop(registry.get("ns", "demo")!);
    await registry.unregister("ns", "demo");
    assert.deepEqual(events, [
      "ns/demo:20000 registered generated",
      "ns/demo:20000 nodeReported cp-1",
      "ns/demo:20000 listenerUp",
      "ns/demo:20000 phaseDone cp-1 node",
      "ns/demo:20000 phaseDone cp-1 etcd",
      "ns/demo:20000 phaseDone cp-1 apiServer",
      "ns/demo:20000 listenerDown",
      "ns/demo:20000 deleted",
    ]);
  });
});
