import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openWatch } from "../../src/watch/mod.ts";
import { parseLabelSelector } from "../../src/selectors/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";
import { FakeClock, newStore, pod, PODS_STORED, podSpec, summary, take } from "./_fixtures.ts";

const appWeb = parseLabelSelector("app=web");
const matchesWeb = (object: KubeObject) => appWeb.matches(object.metadata.labels ?? {});

describe("watch filtering", () => {
  it("an update that makes an object stop matching is DELETED with its previous content at the new version", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const created = store.create(PODS_STORED, pod("a", "p", { app: "web" })); // 1
    const watch = openWatch(store, podSpec({ resourceVersion: "1", matches: matchesWeb }), {
      clock,
    });
    store.update(PODS_STORED, pod("a", "p", { app: "db" })); // 2
    const [event] = await take(watch, 1);
    assert.equal(event.type, "DELETED");
    const object = event.object as KubeObject;
    assert.deepEqual(object.metadata.labels, { app: "web" });
    assert.equal(object.metadata.resourceVersion, "2");
    assert.equal(created.metadata.resourceVersion, "1", "the stored object is not mutated");
    watch.close();
  });

  it("an update that makes an object match is ADDED; updates of unmatched objects send nothing", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "p", { app: "db" })); // 1
    const watch = openWatch(store, podSpec({ matches: matchesWeb }), { clock });
    store.update(PODS_STORED, pod("a", "p", { app: "db", v: "2" })); // 2: unmatched → nothing
    store.update(PODS_STORED, pod("a", "p", { app: "web" })); // 3
    store.update(PODS_STORED, pod("a", "p", { app: "web", v: "4" })); // 4
    store.delete(PODS_STORED, "a", "p"); // 5
    store.create(PODS_STORED, pod("a", "q", { app: "db" })); // 6: unmatched
    store.delete(PODS_STORED, "a", "q"); // 7: unmatched
    store.create(PODS_STORED, pod("a", "r", { app: "web" })); // 8
    assert.deepEqual(summary(await take(watch, 4)), [
      "ADDED a/p 3",
      "MODIFIED a/p 4",
      "DELETED a/p 5",
      "ADDED a/r 8",
    ]);
    watch.close();
  });

  it("replayed history goes through the same transitions", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "p", { app: "web" })); // 1
    store.update(PODS_STORED, pod("a", "p", { app: "db" })); // 2
    store.update(PODS_STORED, pod("a", "p", { app: "web" })); // 3
    const watch = openWatch(store, podSpec({ resourceVersion: "0", matches: matchesWeb }), {
      clock,
    });
    const resumed = openWatch(store, podSpec({ resourceVersion: "1", matches: matchesWeb }), {
      clock,
    });
    assert.deepEqual(summary(await take(watch, 1)), ["ADDED a/p 3"]);
    assert.deepEqual(summary(await take(resumed, 2)), ["DELETED a/p 2", "ADDED a/p 3"]);
    watch.close();
    resumed.close();
  });

  it("a namespaced watch sees only its namespace, initially, in replay and live", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "p1")); // 1
    store.create(PODS_STORED, pod("b", "p1")); // 2
    const initial = openWatch(store, podSpec({ namespace: "b" }), { clock });
    const replay = openWatch(store, podSpec({ namespace: "a", resourceVersion: "0" }), { clock });
    const resumed = openWatch(store, podSpec({ namespace: "b", resourceVersion: "1" }), { clock });
    store.create(PODS_STORED, pod("a", "p2")); // 3
    store.delete(PODS_STORED, "b", "p1"); // 4
    assert.deepEqual(summary(await take(initial, 2)), ["ADDED b/p1 2", "DELETED b/p1 4"]);
    assert.deepEqual(summary(await take(replay, 2)), ["ADDED a/p1 1", "ADDED a/p2 3"]);
    assert.deepEqual(summary(await take(resumed, 2)), ["ADDED b/p1 2", "DELETED b/p1 4"]);
    for (const watch of [initial, replay, resumed]) watch.close();
  });

  it("a watch sees only its own resource", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock });
    store.create({ key: "configmaps", namespaced: true, tracksGeneration: false }, {
      metadata: { name: "c", namespace: "a" },
    });
    store.create(PODS_STORED, pod("a", "p"));
    assert.deepEqual(summary(await take(watch, 1)), ["ADDED a/p 2"]);
    watch.close();
  });

  it("the watchers of a change share its event, per type, whatever their filters", () => {
    const { store } = newStore();
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "p", { app: "db" })); // 1
    const all = [openWatch(store, podSpec(), { clock }), openWatch(store, podSpec(), { clock })];
    const web = [
      openWatch(store, podSpec({ matches: matchesWeb }), { clock }),
      openWatch(store, podSpec({ matches: matchesWeb }), { clock }),
    ];
    for (const watch of [...all, ...web]) watch.takeReady(10); // the initial ADDED of p
    store.update(PODS_STORED, pod("a", "p", { app: "web" })); // 2: MODIFIED for all, ADDED for web
    const [[a1], [a2], [w1], [w2]] = [...all, ...web].map((watch) => watch.takeReady(10));
    assert.equal(a1.type, "MODIFIED");
    assert.equal(a1, a2);
    assert.equal(w1.type, "ADDED");
    assert.equal(w1, w2);
    assert.equal(a1.object, w1.object);
    store.update(PODS_STORED, pod("a", "p", { app: "db" })); // 3: stops matching web
    const [[g1], [g2]] = web.map((watch) => watch.takeReady(10));
    assert.equal(g1.type, "DELETED");
    assert.equal(g1, g2, "the previous content at the new version is built once");
    assert.equal((g1.object as KubeObject).metadata.resourceVersion, "3");
    for (const watch of [...all, ...web]) watch.close();
  });
});
