// Ordering with delays: etcd before the Node of a joining control plane, etcd before the API server.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FakeCluster } from "../../src/cluster/mod.ts";
import { registryWithFakeListeners } from "./registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };
const report = (nodeName: string) => ({
  namespace: "default",
  cluster: "demo",
  nodeName,
  labels: CP,
  kubernetesVersion: "v1.33.1",
});

/** Records, at every Node and Pod event, what a watcher of the cluster could see then. */
function observe(cluster: FakeCluster) {
  const violations: string[] = [];
  cluster.store.onChange((change) => {
    const name = change.object.metadata.name!;
    if (change.resource === "nodes" && change.type === "ADDED") {
      if (!cluster.etcd.memberNamed(name)) violations.push(`Node ${name} before its etcd member`);
    }
  });
  return violations;
}

for (const delayed of [false, true]) {
  describe(`boot order ${delayed ? "with" : "without"} provisioning delays`, () => {
    it("a control plane's etcd member exists before its Node is visible; the listener opens after etcd", async () => {
      const sleeps: (() => void)[] = [];
      let membersAtListen = -1;
      const { registry } = registryWithFakeListeners({
        sleep: () => new Promise((resolve) => sleeps.push(() => resolve())),
        startListener: (cluster) => {
          membersAtListen = cluster.etcd.members.length;
          return Promise.resolve({ close: () => Promise.resolve() });
        },
      });
      const step = { startupMs: delayed ? 100 : 0, jitter: 0 };
      await registry.register({
        namespace: "default",
        name: "demo",
        provisioning: { node: step, etcd: step, apiServer: step },
      });
      const cluster = registry.get("default", "demo")!;
      const violations = observe(cluster);
      const settle = async () => {
        for (let i = 0; i < 1000 && (sleeps.length || cluster.booting.size); i++) {
          sleeps.shift()?.();
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      };
      await registry.reportNode(report("cp-1"));
      await settle();
      assert.equal(membersAtListen, 1, "the first API server starts with its etcd member there");
      await registry.reportNode(report("cp-2"));
      await registry.reportNode(report("cp-3"));
      await settle();
      assert.equal(cluster.etcd.members.length, 3);
      assert.deepEqual(violations, []);
    });
  });
}
