// Tests NodeSync against a real registry: report once, wait for clusters, follow re-registration.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NodeReport } from "../../src/cluster/mod.ts";
import { NodeSync } from "../../src/management/node_sync.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const report = (nodeName: string): NodeReport => ({
  namespace: "default",
  cluster: "demo",
  nodeName,
  providerID: `fake://${nodeName}`,
  labels: { "cluster.x-k8s.io/control-plane": "" },
});

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 1));
};

function setup(owns?: (namespace: string, cluster: string) => boolean) {
  const { registry } = registryWithFakeListeners();
  const reported: string[] = [];
  const sync = new NodeSync({
    host: new LocalClusterHost(registry),
    random: () => 0,
    owns,
    onReported: (r) => reported.push(r.nodeName),
  });
  const nodes = () =>
    registry.get("default", "demo")?.store.list(
      registry.get("default", "demo")!.catalog.byKey("nodes")!,
    ).map((n) => n.metadata.name) ?? [];
  return { registry, sync, reported, nodes };
}

describe("NodeSync", () => {
  it("with --peers, leaves the nodes of clusters another replica owns alone", async () => {
    const s = setup((namespace, cluster) => `${namespace}/${cluster}` !== "default/demo");
    await s.registry.register({ namespace: "default", name: "demo" });
    s.sync.want("default/m-0", report("m-0"));
    await settle();
    assert.deepEqual(s.nodes(), []);
    assert.deepEqual(s.reported, []);
    assert.equal(s.sync.states().get("default/m-0"), undefined, "not even followed");
    s.sync.stop();
  });

  it("waits for the cluster to be registered, then reports the node once", async () => {
    const s = setup();
    s.sync.want("default/m-0", report("m-0"));
    await settle();
    assert.deepEqual(s.sync.states().get("default/m-0"), "waiting for cluster");
    await s.registry.register({ namespace: "default", name: "demo" });
    await settle();
    assert.deepEqual(s.nodes(), ["m-0"]);
    s.sync.want("default/m-0", report("m-0"));
    await settle();
    assert.deepEqual(s.reported, ["m-0"], "the same report again changes nothing");
    s.sync.stop();
  });

  it("reports the nodes again into a cluster deleted and registered anew", async () => {
    const s = setup();
    await s.registry.register({ namespace: "default", name: "demo" });
    s.sync.want("default/m-0", report("m-0"));
    await settle();
    await s.registry.unregister("default", "demo");
    await s.registry.register({ namespace: "default", name: "demo" });
    await settle();
    assert.deepEqual(s.nodes(), ["m-0"]);
    assert.deepEqual(s.reported, ["m-0", "m-0"]);
    s.sync.stop();
  });

  it("forget() removes the machine it reported", async () => {
    const s = setup();
    await s.registry.register({ namespace: "default", name: "demo" });
    s.sync.want("default/m-0", report("m-0"));
    s.sync.want("default/m-1", report("m-1"));
    await settle();
    s.sync.forget("default/m-1");
    await settle();
    assert.deepEqual(s.nodes(), ["m-0"]);
    s.sync.stop();
  });
});
