import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openWatch, type Watch } from "../../src/watch/mod.ts";
import {
  FakeClock,
  newStore,
  peek,
  pod,
  PODS_STORED,
  podSpec,
  summary,
  take,
} from "./_fixtures.ts";

describe("watch timeout", () => {
  it("ends cleanly after timeoutSeconds: the iterator returns and everything is released", async () => {
    const { store, listeners } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec({ timeoutSeconds: 30 }), { clock });
    const iterator = watch[Symbol.asyncIterator]();
    const next = iterator.next();
    clock.advance(29_999);
    store.create(PODS_STORED, pod("a", "p"));
    assert.deepEqual(summary([(await next).value!]), ["ADDED a/p 1"]);
    const last = iterator.next();
    clock.advance(1);
    assert.deepEqual(await last, { done: true, value: undefined });
    assert.equal(await watch.closed, "timeout");
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
  });

  it("defaults to 1800 s when timeoutSeconds is absent or 0", async () => {
    for (const timeoutSeconds of [undefined, 0]) {
      const { store } = newStore();
      const clock = new FakeClock();
      const watch = openWatch(store, podSpec({ timeoutSeconds }), { clock });
      clock.advance(1_799_999);
      assert.equal(await peek(watch), "empty");
      clock.advance(1);
      assert.equal(await watch.closed, "timeout");
    }
  });

  it("waits a timeout longer than a runtime timer takes (30 days) in steps, never asking for more", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const delays: number[] = [];
    const setTimeout = clock.setTimeout.bind(clock);
    clock.setTimeout = (fn, ms) => (delays.push(ms), setTimeout(fn, ms));
    const watch = openWatch(store, podSpec({ timeoutSeconds: 30 * 24 * 3600 }), { clock });
    clock.advance(30 * 24 * 3600 * 1000 - 1);
    assert.equal(await peek(watch), "empty");
    clock.advance(1);
    assert.equal(await watch.closed, "timeout");
    assert.ok(delays.every((ms) => ms <= 2 ** 31 - 1), `asked for ${delays.join(", ")} ms`);
  });

  it("drops unread events at the timeout, as the apiserver closes the stream", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec({ timeoutSeconds: 1 }), { clock });
    store.create(PODS_STORED, pod("a", "p"));
    clock.advance(1000);
    assert.equal(await peek(watch), "ended");
  });
});

describe("watch bookmarks", () => {
  it("with allowWatchBookmarks, sends one every interval at the current version, and one 2 s before the timeout", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec({ allowWatchBookmarks: true, timeoutSeconds: 150 }), {
      clock,
    });
    store.create(PODS_STORED, pod("a", "p")); // 1
    clock.advance(60_000);
    store.create({ key: "nodes", namespaced: false, tracksGeneration: false }, {
      metadata: { name: "n" },
    }); // 2: any resource moves the version
    clock.advance(60_000);
    clock.advance(28_000);
    const events = await take(watch, 4);
    assert.deepEqual(summary(events), [
      "ADDED a/p 1",
      "BOOKMARK - 1",
      "BOOKMARK - 2",
      "BOOKMARK - 2",
    ]);
    assert.deepEqual(events[1].object, {
      kind: "Pod",
      apiVersion: "v1",
      metadata: { resourceVersion: "1" },
    });
    assert.equal(clock.pendingTimers, 1, "only the timeout is left after the pre-timeout bookmark");
    clock.advance(2_000);
    assert.equal(await watch.closed, "timeout");
    assert.equal(clock.pendingTimers, 0);
  });

  it("sends no periodic bookmark until the store moved past the version the watch started at", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "p")); // 1
    const watch = openWatch(store, podSpec({ allowWatchBookmarks: true }), { clock });
    clock.advance(180_000);
    assert.deepEqual(summary(await take(watch, 1)), ["ADDED a/p 1"]);
    store.create(PODS_STORED, pod("a", "q")); // 2
    clock.advance(60_000);
    assert.deepEqual(summary(await take(watch, 2)), ["ADDED a/q 2", "BOOKMARK - 2"]);
    watch.close();
  });

  it("honours the bookmark interval option", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec({ allowWatchBookmarks: true }), {
      clock,
      bookmarkIntervalMs: 1_000,
    });
    store.create(PODS_STORED, pod("a", "p"));
    clock.advance(1_000);
    assert.deepEqual(summary(await take(watch, 2)), ["ADDED a/p 1", "BOOKMARK - 1"]);
    watch.close();
  });

  it("never sends bookmarks when the client did not allow them", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec({ timeoutSeconds: 300 }), { clock });
    assert.equal(clock.pendingTimers, 1, "only the timeout timer");
    store.create(PODS_STORED, pod("a", "p"));
    clock.advance(299_000);
    store.create(PODS_STORED, pod("a", "q"));
    assert.deepEqual(summary(await take(watch, 2)), ["ADDED a/p 1", "ADDED a/q 2"]);
    assert.equal(await peek(watch), "empty");
    watch.close();
  });
});

describe("slow consumers", () => {
  it("a watcher that never reads is closed as overflow while others keep receiving", async () => {
    const { store, listeners } = newStore(10);
    const clock = new FakeClock();
    const idle = openWatch(store, podSpec(), { clock, maxQueuedEvents: 5 });
    const busy = openWatch(store, podSpec(), { clock, maxQueuedEvents: 5 });
    const received: string[] = [];
    const reading = (async () => {
      for await (const event of busy) {
        received.push(summary([event])[0]);
        if (received.length === 20) break;
      }
    })();
    for (let i = 0; i < 20; i++) {
      store.create(PODS_STORED, pod("a", `p${i}`));
      await Promise.resolve(); // the busy reader keeps up
    }
    await reading;
    assert.equal(await idle.closed, "overflow");
    assert.equal(await peek(idle), "ended");
    assert.equal(received.length, 20);
    assert.equal(received[19], "ADDED a/p19 20");
    assert.equal(await busy.closed, "closed", "breaking out of for-await closes the watch");
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
  });

  it("exactly maxQueuedEvents unread events are kept; one more closes the watch", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock, maxQueuedEvents: 3 });
    let closed: string | undefined;
    watch.closed.then((reason) => closed = reason);
    for (let i = 0; i < 3; i++) store.create(PODS_STORED, pod("a", `p${i}`));
    await Promise.resolve();
    assert.equal(closed, undefined);
    store.create(PODS_STORED, pod("a", "p3"));
    assert.equal(await watch.closed, "overflow");
  });

  it("the initial state does not count against the queue limit", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    for (let i = 0; i < 10; i++) store.create(PODS_STORED, pod("a", `p${i}`));
    const watch = openWatch(store, podSpec(), { clock, maxQueuedEvents: 2 });
    store.create(PODS_STORED, pod("b", "x"));
    assert.equal((await take(watch, 11)).length, 11);
    watch.close();
  });
});

describe("no leaks", () => {
  it("1,000 open/close cycles, ended every way, leave no listener and no timer", async () => {
    const { store, listeners } = newStore(50);
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "seed"));
    const ways: ((watch: Watch) => Promise<void> | void)[] = [
      (watch) => watch.close(),
      async (watch) => {
        for await (const _ of watch) break;
      },
      async (watch) => void await watch[Symbol.asyncIterator]().return!(),
      () => clock.advance(10_000), // timeout
      () => {
        for (let i = 0; i < 4; i++) store.create(PODS_STORED, pod("z", `o${clock.time}-${i}`));
      }, // overflow
    ];
    for (let i = 0; i < 1000; i++) {
      const spec = i % 3 === 0
        ? podSpec({ allowWatchBookmarks: true, timeoutSeconds: 10 })
        : podSpec({
          sendInitialEvents: true,
          resourceVersionMatch: "NotOlderThan",
          allowWatchBookmarks: true,
          timeoutSeconds: 10,
        });
      const watch = openWatch(store, spec, { clock, maxQueuedEvents: 2 });
      await ways[i % ways.length](watch);
      await watch.closed;
      assert.equal(listeners(), 0, `cycle ${i}`);
      assert.equal(clock.pendingTimers, 0, `cycle ${i}`);
    }
    // Expired and too-large starts release too.
    const expired = openWatch(store, podSpec({ resourceVersion: "1" }), { clock });
    const future = openWatch(
      store,
      podSpec({
        resourceVersion: "999999",
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
      }),
      { clock },
    );
    clock.advance(3_000);
    assert.equal(await expired.closed, "expired");
    assert.equal(await future.closed, "tooLarge");
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
  });
});
