import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openWatch } from "../../src/watch/mod.ts";
import {
  FakeClock,
  newStore,
  NODES_STORED,
  peek,
  pod,
  PODS_STORED,
  podSpec,
  summary,
  take,
} from "./_fixtures.ts";

function seeded() {
  const { store, listeners } = newStore();
  store.create(PODS_STORED, pod("b", "p2")); // 1
  store.create(PODS_STORED, pod("a", "p1")); // 2
  store.create(PODS_STORED, pod("b", "p1")); // 3
  return { store, listeners, clock: new FakeClock() };
}

describe("watch start: resourceVersion unset or 0", () => {
  for (const resourceVersion of [undefined, "", "0"]) {
    it(`rv=${JSON.stringify(resourceVersion)} sends ADDED for every object in key order, then live events, no bookmark`, async () => {
      const { store, clock } = seeded();
      const watch = openWatch(store, podSpec({ resourceVersion, allowWatchBookmarks: true }), {
        clock,
      });
      store.create(PODS_STORED, pod("c", "p9")); // 4
      assert.deepEqual(summary(await take(watch, 4)), [
        "ADDED a/p1 2",
        "ADDED b/p1 3",
        "ADDED b/p2 1",
        "ADDED c/p9 4",
      ]);
      watch.close();
    });
  }

  it("initial events carry the stored objects themselves, not copies", async () => {
    const { store, clock } = seeded();
    const watch = openWatch(store, podSpec(), { clock });
    const [first] = await take(watch, 1);
    assert.equal(first.object, store.get(PODS_STORED, "a", "p1"));
    watch.close();
  });

  it("sendInitialEvents=false with rv unset starts at the most recent version: no initial events", async () => {
    const { store, clock } = seeded();
    const watch = openWatch(
      store,
      podSpec({ sendInitialEvents: false, resourceVersionMatch: "NotOlderThan" }),
      { clock },
    );
    store.create(PODS_STORED, pod("c", "new"));
    assert.deepEqual(summary(await take(watch, 1)), ["ADDED c/new 4"]);
    watch.close();
  });
});

describe("watch start: sendInitialEvents=true (watch-list)", () => {
  for (const resourceVersion of [undefined, "", "0", "2", "3"]) {
    it(`rv=${JSON.stringify(resourceVersion)} sends every object as ADDED, then the initial-events-end bookmark at the current version`, async () => {
      const { store, clock } = seeded();
      const watch = openWatch(
        store,
        podSpec({
          resourceVersion,
          sendInitialEvents: true,
          resourceVersionMatch: "NotOlderThan",
          allowWatchBookmarks: true,
        }),
        { clock },
      );
      const events = await take(watch, 4);
      assert.deepEqual(summary(events.slice(0, 3)), [
        "ADDED a/p1 2",
        "ADDED b/p1 3",
        "ADDED b/p2 1",
      ]);
      assert.deepEqual(events[3], {
        type: "BOOKMARK",
        object: {
          kind: "Pod",
          apiVersion: "v1",
          metadata: { resourceVersion: "3", annotations: { "k8s.io/initial-events-end": "true" } },
        },
      });
      store.delete(PODS_STORED, "a", "p1");
      assert.deepEqual(summary(await take(watch, 1)), ["DELETED a/p1 4"]);
      watch.close();
    });
  }

  it("without allowWatchBookmarks the initial events end with no bookmark (the cacher needs both)", async () => {
    const { store, clock } = seeded();
    const watch = openWatch(
      store,
      podSpec({ sendInitialEvents: true, resourceVersionMatch: "NotOlderThan" }),
      { clock },
    );
    store.create(PODS_STORED, pod("c", "x"));
    assert.deepEqual(summary(await take(watch, 4)).map((s) => s.split(" ")[0]), [
      "ADDED",
      "ADDED",
      "ADDED",
      "ADDED",
    ]);
    watch.close();
  });

  it("a future resourceVersion waits until the store reaches it, then sends the full state", async () => {
    const { store, clock } = seeded();
    const watch = openWatch(
      store,
      podSpec({
        resourceVersion: "5",
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
        allowWatchBookmarks: true,
      }),
      { clock },
    );
    const pending = take(watch, 5);
    store.create(NODES_STORED, { metadata: { name: "n1" } }); // 4: another resource moves the revision
    clock.advance(2_000);
    store.create(PODS_STORED, pod("c", "x")); // 5
    store.create(PODS_STORED, pod("c", "y")); // 6: live
    const events = await pending;
    assert.deepEqual(summary(events), [
      "ADDED a/p1 2",
      "ADDED b/p1 3",
      "ADDED b/p2 1",
      "ADDED c/x 5",
      "BOOKMARK - 5",
    ]);
    assert.deepEqual(summary(await take(watch, 1)), ["ADDED c/y 6"]);
    watch.close();
  });

  it("a future resourceVersion not reached within 3 s ends with a 504 Too large resource version ERROR", async () => {
    const { store, clock, listeners } = seeded();
    const watch = openWatch(
      store,
      podSpec({
        resourceVersion: "10",
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
        allowWatchBookmarks: true,
      }),
      { clock },
    );
    clock.advance(3_000);
    assert.equal(await watch.closed, "tooLarge");
    assert.deepEqual(await take(watch, 1), [{
      type: "ERROR",
      object: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: "Timeout: Too large resource version: 10, current: 3",
        reason: "Timeout",
        details: {
          causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
          retryAfterSeconds: 1,
        },
        code: 504,
      },
    }]);
    assert.equal(await peek(watch), "ended");
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
  });
});

describe("watch start: resume from resourceVersion N", () => {
  it("replays every change after N in order, deletions included, then live events", async () => {
    const { store, clock } = seeded();
    store.update(PODS_STORED, { ...pod("a", "p1", { x: "1" }) }); // 4
    store.delete(PODS_STORED, "b", "p2"); // 5
    store.create(NODES_STORED, { metadata: { name: "n1" } }); // 6: other resource
    const watch = openWatch(store, podSpec({ resourceVersion: "2" }), { clock });
    store.create(PODS_STORED, pod("a", "p3")); // 7
    assert.deepEqual(summary(await take(watch, 4)), [
      "ADDED b/p1 3",
      "MODIFIED a/p1 4",
      "DELETED b/p2 5",
      "ADDED a/p3 7",
    ]);
    watch.close();
  });

  it("N equal to the current version replays nothing and streams what follows", async () => {
    const { store, clock } = seeded();
    const watch = openWatch(store, podSpec({ resourceVersion: "3" }), { clock });
    store.delete(PODS_STORED, "b", "p1");
    assert.deepEqual(summary(await take(watch, 1)), ["DELETED b/p1 4"]);
    watch.close();
  });

  it("N older than the history gets one 410 Expired ERROR and the watch ends", async () => {
    const { store, listeners } = newStore(2);
    const clock = new FakeClock();
    for (let i = 0; i < 5; i++) store.create(PODS_STORED, pod("a", `p${i}`)); // 1..5, keeps 4 and 5
    assert.equal(store.oldestResumableRevision, 3);
    const watch = openWatch(store, podSpec({ resourceVersion: "2", allowWatchBookmarks: true }), {
      clock,
    });
    assert.equal(await watch.closed, "expired");
    const [event] = await take(watch, 1);
    assert.equal(
      JSON.stringify(event.object),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 2 (3)","reason":"Expired","code":410}',
    );
    assert.equal(await peek(watch), "ended");
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
    // The oldest resumable version itself still works.
    const resumed = openWatch(store, podSpec({ resourceVersion: "3" }), { clock });
    assert.deepEqual(summary(await take(resumed, 2)), ["ADDED a/p3 4", "ADDED a/p4 5"]);
    resumed.close();
  });

  it("N in the future (plain watch) starts there: only changes after N are sent", async () => {
    const { store, clock } = seeded();
    const watch = openWatch(store, podSpec({ resourceVersion: "5" }), { clock });
    store.create(PODS_STORED, pod("c", "x")); // 4
    store.create(PODS_STORED, pod("c", "y")); // 5
    store.create(PODS_STORED, pod("c", "z")); // 6
    assert.deepEqual(summary(await take(watch, 1)), ["ADDED c/z 6"]);
    watch.close();
  });

  it("sendInitialEvents=false with N resumes after N without the state", async () => {
    const { store, clock } = seeded();
    const watch = openWatch(
      store,
      podSpec({
        resourceVersion: "2",
        sendInitialEvents: false,
        resourceVersionMatch: "NotOlderThan",
      }),
      { clock },
    );
    assert.deepEqual(summary(await take(watch, 1)), ["ADDED b/p1 3"]);
    watch.close();
  });
});
