import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RESOURCES } from "../../../src/resources/mod.ts";
import { addNode, PODS, statusOf, workloadCluster } from "./_workload_fixture.ts";

const SETS = BUILTIN_RESOURCES.find((r) => r.key === "apps/statefulsets")!;

const set = (replicas: number) => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db", namespace: "default" },
  spec: {
    replicas,
    serviceName: "db",
    selector: { matchLabels: { app: "db" } },
    template: {
      metadata: { labels: { app: "db" } },
      spec: { containers: [{ name: "postgres", image: "postgres:16" }] },
    },
  },
});

describe("StatefulSetController", () => {
  it("creates db-0, db-1, db-2 in order with the pod-name label, hostname and subdomain", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    const created: string[] = [];
    store.onChange((c) => {
      if (c.resource === "pods" && c.type === "ADDED") created.push(c.object.metadata.name!);
    });
    store.create(SETS, set(3));
    settle();
    assert.deepEqual(errors, []);
    assert.deepEqual(created, ["db-0", "db-1", "db-2"]);
    const pod = store.get(PODS, "default", "db-1")!;
    assert.equal(pod.metadata.labels?.["statefulset.kubernetes.io/pod-name"], "db-1");
    assert.equal(pod.metadata.labels?.["apps.kubernetes.io/pod-index"], "1");
    assert.equal((pod.spec as { hostname: string }).hostname, "db-1");
    assert.equal((pod.spec as { subdomain: string }).subdomain, "db");
    const status = statusOf(store.get(SETS, "default", "db"));
    assert.equal(status.replicas, 3);
    assert.equal(status.readyReplicas, 3);
    assert.equal(status.availableReplicas, 3);
    assert.equal(status.currentRevision, status.updateRevision);
    assert.match(status.updateRevision, /^db-[a-z0-9]+$/);
  });

  it("waits for a lower ordinal that is not ready, and scales down from the top", () => {
    const { store, settle } = workloadCluster();
    store.create(SETS, set(2));
    settle();
    assert.deepEqual(
      store.list(PODS, "default").map((p) => p.metadata.name),
      ["db-0"],
      "db-0 has no node",
    );
    addNode(store, "w1", "10.0.0.2");
    settle();
    assert.deepEqual(store.list(PODS, "default").map((p) => p.metadata.name), ["db-0", "db-1"]);
    const current = store.get(SETS, "default", "db")!;
    store.update(SETS, { ...current, spec: { ...(current.spec as object), replicas: 1 } });
    settle();
    assert.deepEqual(store.list(PODS, "default").map((p) => p.metadata.name), ["db-0"]);
  });
});
