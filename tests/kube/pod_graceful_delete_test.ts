// Graceful pod deletion as kube-apiserver v1.36.3 answers it (probed against it): a DELETE of a
// bound pod marks it (deletionTimestamp = now + grace, deletionGracePeriodSeconds, generation + 1)
// and answers 200 with it; a second DELETE only shortens; grace 0 (the kubelet's) removes it, and
// watchers see MODIFIED then DELETED.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { StoreChange } from "../../src/store/mod.ts";
import { kubeFixture } from "./kube_fixture.ts";

const PODS = "/api/v1/namespaces/default/pods";

function pod(name: string, spec: Record<string, unknown> = {}) {
  return {
    metadata: { name },
    spec: { containers: [{ name: "c", image: "nginx:1.27" }], ...spec },
  };
}

function setUp() {
  const fixture = kubeFixture({ kubernetesVersion: "v1.36.3" });
  const changes: StoreChange[] = [];
  fixture.cluster.store.onChange((change) => {
    if (change.resource === "pods") changes.push(change);
  });
  const events = () =>
    changes.splice(0).map(({ type, object: { metadata } }) => [
      type,
      metadata.deletionTimestamp,
      metadata.deletionGracePeriodSeconds,
    ]);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { ...fixture, events, settle };
}

const NOW = "2026-01-02T03:04:05Z";

describe("graceful pod deletion", () => {
  it("marks a bound pod for its grace period; a second DELETE only shortens it; 0 removes", async () => {
    const { call, events } = setUp();
    // No node of that name: no kubelet confirms, as on kube-apiserver without one.
    assert.equal((await call("POST", PODS, pod("g1", { nodeName: "nowhere" }))).status, 201);
    events();
    const marked = await call("DELETE", `${PODS}/g1`);
    assert.equal(marked.status, 200);
    assert.equal(marked.json.kind, "Pod");
    assert.equal(marked.json.metadata.deletionTimestamp, "2026-01-02T03:04:35Z");
    assert.equal(marked.json.metadata.deletionGracePeriodSeconds, 30);
    assert.equal(marked.json.metadata.generation, 2);
    assert.equal((await call("GET", `${PODS}/g1`)).json.metadata.deletionGracePeriodSeconds, 30);
    // Longer or unset: the pending deletion answers as it is, unchanged.
    for (const query of ["?gracePeriodSeconds=60", ""]) {
      const again = await call("DELETE", `${PODS}/g1${query}`);
      assert.equal(again.status, 200);
      assert.equal(again.json.metadata.resourceVersion, marked.json.metadata.resourceVersion);
    }
    const shorter = await call("DELETE", `${PODS}/g1?gracePeriodSeconds=10`);
    assert.equal(shorter.json.metadata.deletionTimestamp, "2026-01-02T03:04:15Z");
    assert.equal(shorter.json.metadata.deletionGracePeriodSeconds, 10);
    assert.equal(shorter.json.metadata.generation, 2);
    const removed = await call("DELETE", `${PODS}/g1`, { gracePeriodSeconds: 0 });
    assert.equal(removed.status, 200);
    assert.equal(removed.json.kind, "Pod");
    assert.equal(removed.json.metadata.deletionTimestamp, "2026-01-02T03:04:05Z");
    assert.equal(removed.json.metadata.deletionGracePeriodSeconds, 0);
    assert.equal((await call("GET", `${PODS}/g1`)).status, 404);
    assert.deepEqual(events(), [
      ["MODIFIED", "2026-01-02T03:04:35Z", 30],
      ["MODIFIED", "2026-01-02T03:04:15Z", 10],
      ["MODIFIED", NOW, 0],
      ["DELETED", NOW, 0],
    ]);
  });

  it("keeps a pod in its grace period through updates (ShouldDeleteDuringUpdate needs grace 0)", async () => {
    const { call, events } = setUp();
    assert.equal((await call("POST", PODS, pod("g2", { nodeName: "nowhere" }))).status, 201);
    assert.equal((await call("DELETE", `${PODS}/g2`)).status, 200);
    events();
    const patched = await call("PATCH", `${PODS}/g2`, { metadata: { labels: { x: "y" } } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.metadata.labels.x, "y");
    const kept = await call("GET", `${PODS}/g2`);
    assert.equal(kept.status, 200);
    assert.equal(kept.json.metadata.deletionGracePeriodSeconds, 30);
    assert.deepEqual(events().map(([type]) => type), ["MODIFIED"]);
  });

  it("deletes unbound and finished pods at once, MODIFIED then DELETED", async () => {
    const { call, events, cluster } = setUp();
    await call("POST", PODS, pod("pending"));
    await call("POST", PODS, pod("done", { nodeName: "nowhere" }));
    const done = (await call("GET", `${PODS}/done`)).json;
    cluster.store.update(cluster.catalog.byKey("pods")!, {
      ...done,
      status: { ...done.status, phase: "Succeeded" },
    });
    events();
    for (const name of ["pending", "done"]) {
      const answer = await call("DELETE", `${PODS}/${name}`);
      assert.equal(answer.status, 200);
      assert.equal(answer.json.metadata.deletionGracePeriodSeconds, 0);
      assert.equal((await call("GET", `${PODS}/${name}`)).status, 404);
    }
    assert.deepEqual(events(), [
      ["MODIFIED", NOW, 0],
      ["DELETED", NOW, 0],
      ["MODIFIED", NOW, 0],
      ["DELETED", NOW, 0],
    ]);
  });

  it("takes the pod's terminationGracePeriodSeconds; a negative period counts as 1", async () => {
    const { call } = setUp();
    await call("POST", PODS, pod("t5", { nodeName: "nowhere", terminationGracePeriodSeconds: 5 }));
    assert.equal((await call("DELETE", `${PODS}/t5`)).json.metadata.deletionGracePeriodSeconds, 5);
    await call("POST", PODS, pod("neg", { nodeName: "nowhere" }));
    const negative = await call("DELETE", `${PODS}/neg?gracePeriodSeconds=-3`);
    assert.equal(negative.json.metadata.deletionGracePeriodSeconds, 1);
    assert.equal(negative.json.metadata.deletionTimestamp, "2026-01-02T03:04:06Z");
  });

  it("refuses a gracePeriodSeconds that is no int64 as the decoders do (400)", async () => {
    const { call } = setUp();
    await call("POST", PODS, pod("bad", { nodeName: "nowhere" }));
    const refusal = async (query: string, body?: unknown) => {
      const { status, json } = await call("DELETE", `${PODS}/bad${query}`, body);
      return [status, json.reason, json.message];
    };
    assert.deepEqual(await refusal("?gracePeriodSeconds=abc"), [
      400,
      "BadRequest",
      'strconv.ParseInt: parsing "abc": invalid syntax',
    ]);
    for (
      const [value, found] of [["x", "string"], [1.5, "number 1.5"], [true, "bool"]] as const
    ) {
      assert.deepEqual(await refusal("", { gracePeriodSeconds: value }), [
        400,
        "BadRequest",
        `json: cannot unmarshal ${found} into Go struct field DeleteOptions.gracePeriodSeconds of type int64`,
      ]);
    }
    assert.equal((await call("GET", `${PODS}/bad`)).json.metadata.deletionTimestamp, undefined);
  });

  it("a node's agent confirms with grace 0: the pod goes once its containers stopped", async () => {
    const { call, events, settle } = setUp();
    await call("POST", "/api/v1/nodes", { metadata: { name: "n1" } });
    await call("POST", PODS, pod("run", { nodeName: "n1" }));
    events();
    const marked = await call("DELETE", `${PODS}/run`);
    assert.equal(marked.json.metadata.deletionGracePeriodSeconds, 30);
    await settle();
    assert.equal((await call("GET", `${PODS}/run`)).status, 404);
    assert.deepEqual(events(), [
      ["MODIFIED", "2026-01-02T03:04:35Z", 30],
      ["MODIFIED", "2026-01-02T03:04:05Z", 0],
      ["DELETED", "2026-01-02T03:04:05Z", 0],
    ]);
  });

  it("an eviction marks DisruptionTarget, then deletes the same way, with its DeleteOptions", async () => {
    const { call, events } = setUp();
    await call("POST", PODS, pod("ev", { nodeName: "nowhere" }));
    const before = (await call("GET", `${PODS}/ev`)).json;
    events();
    const evicted = await call("POST", `${PODS}/ev/eviction`, {
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: "ev" },
      deleteOptions: { gracePeriodSeconds: 7 },
    });
    assert.equal(evicted.status, 201);
    const held = (await call("GET", `${PODS}/ev`)).json;
    assert.equal(held.metadata.deletionGracePeriodSeconds, 7);
    assert.equal(held.metadata.deletionTimestamp, "2026-01-02T03:04:12Z");
    assert.deepEqual(held.status.conditions, [{
      type: "DisruptionTarget",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: NOW,
      reason: "EvictionByEvictionAPI",
      message: "Eviction API: evicting",
    }]);
    // Straight to storage: no managedFields entry for the condition.
    assert.deepEqual(held.metadata.managedFields, before.metadata.managedFields);
    assert.deepEqual(events(), [
      ["MODIFIED", undefined, undefined],
      ["MODIFIED", "2026-01-02T03:04:12Z", 7],
    ]);
    // A stale resourceVersion precondition is the early Conflict, before any write.
    await call("POST", PODS, pod("ev2", { nodeName: "nowhere" }));
    events();
    const stale = await call("POST", `${PODS}/ev2/eviction`, {
      metadata: { name: "ev2" },
      deleteOptions: { preconditions: { resourceVersion: "1" } },
    });
    assert.equal(stale.status, 409);
    assert.match(
      stale.json.message,
      /^Operation cannot be fulfilled on Pod "ev2": the ResourceVersion/,
    );
    assert.deepEqual(events(), []);
  });
});
