import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { resolveFenceposts } from "../../../src/controllers/deployment/mod.ts";
import type { KubeObject } from "../../../src/store/mod.ts";
import {
  addNode,
  deployment,
  DEPLOYMENTS,
  podsIn,
  REPLICASETS,
  statusOf,
  workloadCluster,
} from "./_workload_fixture.ts";

const REVISION = "deployment.kubernetes.io/revision";

function withImage(d: KubeObject, image: string): KubeObject {
  const spec = d.spec as { template: { spec: { containers: { name: string; image: string }[] } } };
  const template = {
    ...spec.template,
    spec: { ...spec.template.spec, containers: [{ ...spec.template.spec.containers[0], image }] },
  };
  return { ...d, spec: { ...spec, template } };
}

function cluster() {
  const c = workloadCluster();
  addNode(c.store, "w1", "10.0.0.2");
  addNode(c.store, "w2", "10.0.0.3");
  return c;
}

describe("DeploymentController", () => {
  it("rolls a new template out to a second ReplicaSet, revision 2, old one scaled to 0", () => {
    const { store, settle, errors } = cluster();
    store.create(DEPLOYMENTS, deployment("web", 4));
    settle();
    store.update(DEPLOYMENTS, withImage(store.get(DEPLOYMENTS, "default", "web")!, "nginx:1.28"));
    settle();
    assert.deepEqual(errors, []);
    const sets = store.list(REPLICASETS, "default");
    assert.equal(sets.length, 2);
    const byRevision = Object.fromEntries(
      sets.map((
        rs,
      ) => [rs.metadata.annotations![REVISION], (rs.spec as { replicas: number }).replicas]),
    );
    assert.deepEqual(byRevision, { "1": 0, "2": 4 });
    const pods = podsIn(store);
    assert.equal(pods.length, 4);
    for (const pod of pods) {
      const image = (pod.spec as { containers: { image: string }[] }).containers[0].image;
      assert.equal(image, "nginx:1.28");
    }
    const d = store.get(DEPLOYMENTS, "default", "web")!;
    assert.equal(d.metadata.annotations![REVISION], "2");
    const status = statusOf(d);
    assert.equal(status.observedGeneration, 2);
    assert.equal(status.updatedReplicas, 4);
    assert.equal(status.replicas, 4);
    assert.equal(status.conditions.at(-1).reason, "NewReplicaSetAvailable");
  });

  it("going back to an earlier template (rollout undo) reuses its ReplicaSet with the next revision", () => {
    const { store, settle } = cluster();
    const first = store.create(DEPLOYMENTS, deployment("web", 2));
    settle();
    store.update(DEPLOYMENTS, withImage(store.get(DEPLOYMENTS, "default", "web")!, "nginx:1.28"));
    settle();
    const current = store.get(DEPLOYMENTS, "default", "web")!;
    store.update(DEPLOYMENTS, { ...current, spec: first.spec });
    settle();
    const sets = store.list(REPLICASETS, "default");
    assert.equal(sets.length, 2);
    const revisions = sets.map((rs) => [
      (rs.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
        .containers[0].image,
      rs.metadata.annotations![REVISION],
      (rs.spec as { replicas: number }).replicas,
    ]).sort();
    assert.deepEqual(revisions, [["nginx:1.27", "3", 2], ["nginx:1.28", "2", 0]]);
    assert.equal(store.get(DEPLOYMENTS, "default", "web")!.metadata.annotations![REVISION], "3");
  });

  it("scales down to fewer replicas, deleting pods", () => {
    const { store, settle } = cluster();
    store.create(DEPLOYMENTS, deployment("web", 5));
    settle();
    const d = store.get(DEPLOYMENTS, "default", "web")!;
    store.update(DEPLOYMENTS, { ...d, spec: { ...(d.spec as object), replicas: 1 } });
    settle();
    assert.equal(podsIn(store).length, 1);
    assert.equal(statusOf(store.get(DEPLOYMENTS, "default", "web")).availableReplicas, 1);
  });

  it("Recreate empties the old ReplicaSet before the new one gets pods", () => {
    const { store, settle } = cluster();
    store.create(DEPLOYMENTS, deployment("web", 2, { strategy: { type: "Recreate" } }));
    settle();
    store.update(DEPLOYMENTS, withImage(store.get(DEPLOYMENTS, "default", "web")!, "nginx:1.28"));
    settle();
    const images = podsIn(store).map((p) =>
      (p.spec as { containers: { image: string }[] }).containers[0].image
    );
    assert.deepEqual(images, ["nginx:1.28", "nginx:1.28"]);
  });

  it("resolves maxSurge up and maxUnavailable down from percentages; 0/0 means one unavailable", () => {
    assert.deepEqual(resolveFenceposts(undefined, 10), { maxSurge: 3, maxUnavailable: 2 });
    assert.deepEqual(
      resolveFenceposts({ rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }, 3),
      { maxSurge: 0, maxUnavailable: 1 },
    );
    assert.deepEqual(resolveFenceposts({ type: "Recreate" }, 3), {
      maxSurge: 0,
      maxUnavailable: 0,
    });
  });
});
