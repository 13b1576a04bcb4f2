// Activation copies objects made and Go-shaped once into each cluster, telling the store they are
// shaped: what it stores must be exactly what shaping every part again would give.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goShapedKind } from "../../src/api/schema/mod.ts";
import { ensureActivation } from "../../src/cluster/activation.ts";
import type { FakeCluster } from "../../src/cluster/mod.ts";
import { kubeFixture } from "../kube/kube_fixture.ts";

// A second no other test activates in: the first cluster makes the objects, the second copies them.
const NOW = new Date("2031-05-06T07:08:09Z");

// deno-lint-ignore no-explicit-any
type Loose = any;

function activated(): FakeCluster {
  const cluster = kubeFixture({ now: NOW }).cluster as unknown as FakeCluster;
  ensureActivation(cluster, NOW);
  return cluster;
}

// Every stored object by `resource namespace/name`, as its JSON text (key order included).
function storedTexts(cluster: FakeCluster): Map<string, string> {
  const texts = new Map<string, string>();
  for (const key of cluster.store.resourceKeys()) {
    const resource = cluster.catalog.byKey(key)!;
    for (const object of cluster.store.list(resource)) {
      const { namespace, name } = object.metadata;
      texts.set(`${key} ${namespace ?? ""}/${name}`, JSON.stringify(object));
    }
  }
  return texts;
}

// The identity each cluster's store gives an object: the rest is what activation made.
const withoutIdentity = (text: string) => {
  const object = JSON.parse(text) as Loose;
  delete object.metadata.uid;
  delete object.metadata.resourceVersion;
  return JSON.stringify(object);
};

describe("activation's objects made once per release and second", () => {
  it("are stored Go-shaped, key order included, in the cluster that made them and in one that copied them", () => {
    for (const cluster of [activated(), activated()]) {
      let checked = 0;
      for (const key of cluster.store.resourceKeys()) {
        const resource = cluster.catalog.byKey(key)!;
        for (const object of cluster.store.list(resource)) {
          const reshaped = goShapedKind(cluster.kubernetesVersion, resource, object);
          assert.equal(
            JSON.stringify(reshaped),
            JSON.stringify(object),
            `${key} ${object.metadata.name}`,
          );
          checked++;
        }
      }
      assert.ok(checked > 150, `only ${checked} objects`);
    }
  });

  it("are the same objects in every cluster but for uid and resourceVersion", () => {
    const one = storedTexts(activated());
    const two = storedTexts(activated());
    assert.deepEqual([...two.keys()], [...one.keys()]);
    for (const [name, text] of one) {
      if (name.startsWith("coordination.k8s.io/leases ")) continue; // leader leases: own holders
      assert.equal(withoutIdentity(two.get(name)!), withoutIdentity(text), name);
    }
  });

  it("are each cluster's own where not frozen: no container a write in place could reach is shared", () => {
    const one = activated();
    const two = activated();
    let compared = 0;
    for (const key of one.store.resourceKeys()) {
      const resource = one.catalog.byKey(key)!;
      for (const a of one.store.list(resource)) {
        const b = two.store.get(resource, a.metadata.namespace, a.metadata.name!)!;
        assert.deepEqual(sharedUnfrozen(a, b), [], `${key} ${a.metadata.name}`);
        compared++;
      }
    }
    assert.ok(compared > 150, `only ${compared} objects`);
  });
});

// The paths where `a` and `b` hold the very same container and it is not frozen.
function sharedUnfrozen(a: unknown, b: unknown, path = ""): string[] {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return [];
  if (a === b) return Object.isFrozen(a) ? [] : [path || "/"];
  const paths: string[] = [];
  for (const key of Object.keys(a)) {
    paths.push(...sharedUnfrozen((a as Loose)[key], (b as Loose)[key], `${path}/${key}`));
  }
  return paths;
}
