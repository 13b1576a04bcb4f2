// A controller's pods share in memory what they have alike, across clusters; writes stay their own.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type KubeObject, ObjectStore } from "../../src/store/mod.ts";

const PODS = { key: "pods", namespaced: true, tracksGeneration: true };

function newStore(prefix: string) {
  let uid = 0;
  return new ObjectStore({
    now: () => new Date("2026-01-02T03:04:05Z"),
    newUid: () => `${prefix}-${++uid}`,
  });
}

// What a ReplicaSet controller creates: the template's spec, a generated name, a controller owner.
function podOf(name: string, owner = "web-6d4cf56db6"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      labels: { app: "web", "pod-template-hash": "6d4cf56db6" },
      ownerReferences: [{
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: owner,
        uid: "rs-uid",
        controller: true,
        blockOwnerDeletion: true,
      }],
    },
    spec: {
      containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }],
      restartPolicy: "Always",
    },
    status: { phase: "Pending" },
  };
}

describe("pods of one controller template", () => {
  it("share their equal parts, frozen, in one store and across stores, with the same JSON", () => {
    const one = newStore("a");
    const two = newStore("b");
    const a = one.create(PODS, podOf("web-6d4cf56db6-aaaaa"));
    const b = one.create(PODS, podOf("web-6d4cf56db6-bbbbb"));
    const c = two.create(PODS, podOf("web-6d4cf56db6-aaaaa"));
    assert.equal(a.spec, b.spec);
    assert.equal(a.spec, c.spec);
    assert.equal(a.metadata.labels, b.metadata.labels);
    assert.ok(
      Object.isFrozen(a.spec) && Object.isFrozen(
        (a.spec as KubeObject["spec"] & {
          containers: object[];
        }).containers[0],
      ),
    );
    assert.notEqual(a.metadata, b.metadata);
    assert.equal(a.metadata.uid, "a-1");
    assert.equal(c.metadata.uid, "b-1");
    assert.equal(a.metadata.resourceVersion, "1");
    assert.equal(b.metadata.resourceVersion, "2");
    assert.equal(c.metadata.resourceVersion, "1");
    const expected = podOf("web-6d4cf56db6-bbbbb");
    assert.equal(
      JSON.stringify(b),
      JSON.stringify({
        ...expected,
        // The fields the store sets in ObjectMeta's Go order.
        metadata: {
          name: expected.metadata.name,
          namespace: expected.metadata.namespace,
          uid: "a-2",
          resourceVersion: "2",
          generation: 1,
          creationTimestamp: "2026-01-02T03:04:05Z",
          labels: expected.metadata.labels,
          ownerReferences: expected.metadata.ownerReferences,
        },
      }),
    );
  });

  it("a write to one pod never shows in its siblings or in another store; resourceVersions stay right", () => {
    const one = newStore("a");
    const two = newStore("b");
    const a = one.create(PODS, podOf("p-1"));
    const b = one.create(PODS, podOf("p-2"));
    const c = two.create(PODS, podOf("p-1"));
    const before = [JSON.stringify(b), JSON.stringify(c)];
    const spec = a.spec as { containers: { image: string }[]; nodeName?: string };
    const updated = one.update(PODS, {
      ...a,
      spec: { ...spec, nodeName: "n1", containers: [{ ...spec.containers[0], image: "nginx:2" }] },
    });
    assert.equal(updated.metadata.resourceVersion, "3");
    assert.equal(updated.metadata.generation, 2);
    assert.deepEqual(
      (one.get(PODS, "default", "p-1")!.spec as typeof spec).containers[0].image,
      "nginx:2",
    );
    assert.equal(JSON.stringify(one.get(PODS, "default", "p-2")), before[0]);
    assert.equal(JSON.stringify(two.get(PODS, "default", "p-1")), before[1]);
    assert.equal(two.revision, 1);
    // A pod created after the write still starts from the template, not from the written pod.
    const d = one.create(PODS, podOf("p-3"));
    assert.equal((d.spec as typeof spec).containers[0].image, "nginx:1.27");
    assert.equal((d.spec as typeof spec).nodeName, undefined);
    assert.equal(d.metadata.resourceVersion, "4");
  });

  it("leaves pods without a workload controller (none, or a mirror pod's Node) as given", () => {
    const store = newStore("a");
    const spec = { containers: [{ name: "x", image: "busybox" }] };
    const pod = store.create(PODS, { metadata: { name: "solo", namespace: "default" }, spec });
    assert.equal(pod.spec, spec);
    const mirrorSpec = { containers: [{ name: "etcd", image: "etcd" }] };
    const mirror = store.create(PODS, {
      metadata: {
        name: "etcd-n1",
        namespace: "kube-system",
        ownerReferences: [{
          apiVersion: "v1",
          kind: "Node",
          name: "n1",
          uid: "n",
          controller: true,
        }],
      },
      spec: mirrorSpec,
    });
    assert.equal(mirror.spec, mirrorSpec);
    assert.ok(!Object.isFrozen(spec) && !Object.isFrozen(mirrorSpec));
  });
});
