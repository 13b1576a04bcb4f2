// A watch's body pushed straight to the connection (fkas's own servers): batching per microtask,
// one shared buffer per change for every watcher, backpressure, durability, closing.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { jsonWatchEncoding, watchResponse } from "../../src/kube/watch_response.ts";
import { type BodyPusher, type BodySink, pushedBodyOf } from "../../src/runtime/mod.ts";
import { openWatch } from "../../src/watch/mod.ts";
import { FakeClock, newStore, pod, PODS_STORED, podSpec } from "./_fixtures.ts";

const decoder = new TextDecoder();
const microtasks = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A sink that records what it is given; `room` false makes every write report a full buffer. */
class RecordingSink implements BodySink {
  readonly chunks: Uint8Array[] = [];
  ended = false;
  room = true;
  write(bytes: Uint8Array): boolean {
    this.chunks.push(bytes);
    return this.room;
  }
  end(): void {
    this.ended = true;
  }
  lines(): string[] {
    return this.chunks.flatMap((c) => decoder.decode(c).trim().split("\n"));
  }
}

function pushed(response: Response): BodyPusher {
  const pusher = pushedBodyOf(response);
  assert.ok(pusher, "a watch response carries a pusher");
  return pusher;
}

const names = (lines: string[]) => lines.map((l) => JSON.parse(l).object.metadata.name);

describe("watchResponse pushed to the connection", () => {
  it("writes what is ready in one write per turn and ends the body when the watch ends", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    for (let i = 0; i < 3; i++) store.create(PODS_STORED, pod("a", `p${i}`));
    const watch = openWatch(store, podSpec({ timeoutSeconds: 5 }), { clock });
    const sink = new RecordingSink();
    pushed(watchResponse(watch, jsonWatchEncoding((event) => event.object))).start(sink);
    await microtasks();
    assert.equal(sink.chunks.length, 1);
    assert.deepEqual(names(sink.lines()), ["p0", "p1", "p2"]);
    store.create(PODS_STORED, pod("a", "p3"));
    store.create(PODS_STORED, pod("a", "p4"));
    await microtasks();
    assert.equal(sink.chunks.length, 2, "both changes of one turn leave in one write");
    assert.deepEqual(names(sink.lines()), ["p0", "p1", "p2", "p3", "p4"]);
    assert.equal(sink.ended, false);
    clock.advance(5000);
    await microtasks();
    assert.equal(sink.ended, true);
  });

  it("gives every watcher of a change the same bytes, not a copy each", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const sinks = [new RecordingSink(), new RecordingSink()];
    for (const sink of sinks) {
      const watch = openWatch(store, podSpec(), { clock });
      pushed(watchResponse(watch, jsonWatchEncoding((event) => event.object))).start(sink);
    }
    store.create(PODS_STORED, pod("a", "p1"));
    await microtasks();
    assert.equal(sinks[0].chunks.length, 1);
    assert.equal(sinks[0].chunks[0], sinks[1].chunks[0]);
    assert.match(decoder.decode(sinks[0].chunks[0]), /^\{"type":"ADDED","object":\{/);
  });

  it("gives every watcher of the same changes of a turn one joined buffer, not a copy each", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const sinks = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    for (const sink of sinks) {
      const watch = openWatch(store, podSpec(), { clock });
      pushed(watchResponse(watch, jsonWatchEncoding((event) => event.object))).start(sink);
    }
    store.create(PODS_STORED, pod("a", "p1"));
    store.create(PODS_STORED, pod("a", "p2"));
    await microtasks();
    assert.equal(sinks[0].chunks.length, 1, "both changes leave in one write");
    assert.equal(sinks[1].chunks[0], sinks[0].chunks[0]);
    assert.equal(sinks[2].chunks[0], sinks[0].chunks[0]);
    assert.deepEqual(names(sinks[2].lines()), ["p1", "p2"]);
    store.create(PODS_STORED, pod("a", "p3"));
    store.create(PODS_STORED, pod("a", "p4"));
    await microtasks();
    assert.notEqual(sinks[0].chunks[1], sinks[0].chunks[0], "a new turn joins its own batch");
    assert.equal(sinks[1].chunks[1], sinks[0].chunks[1]);
    assert.deepEqual(names(sinks[1].lines()), ["p1", "p2", "p3", "p4"]);
  });

  it("joins its own batch for a watcher whose events differ from the others'", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const all = new RecordingSink();
    const onlyB = new RecordingSink();
    pushed(
      watchResponse(openWatch(store, podSpec(), { clock }), jsonWatchEncoding((e) => e.object)),
    )
      .start(all);
    pushed(
      watchResponse(
        openWatch(store, podSpec({ namespace: "b" }), { clock }),
        jsonWatchEncoding((e) => e.object),
      ),
    ).start(onlyB);
    store.create(PODS_STORED, pod("a", "p1"));
    store.create(PODS_STORED, pod("b", "p2"));
    store.create(PODS_STORED, pod("b", "p3"));
    await microtasks();
    assert.deepEqual(names(all.lines()), ["p1", "p2", "p3"]);
    assert.deepEqual(names(onlyB.lines()), ["p2", "p3"]);
  });

  it("takes nothing while the buffer is full; a watcher that never drains overflows", async () => {
    const { store, listeners } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock, maxQueuedEvents: 2 });
    const sink = new RecordingSink();
    sink.room = false;
    const pusher = pushed(watchResponse(watch, jsonWatchEncoding((event) => event.object)));
    pusher.start(sink);
    store.create(PODS_STORED, pod("a", "p0"));
    await microtasks();
    assert.equal(sink.chunks.length, 1);
    store.create(PODS_STORED, pod("a", "p1"));
    store.create(PODS_STORED, pod("a", "p2"));
    await microtasks();
    assert.equal(sink.chunks.length, 1, "no write until drained");
    sink.room = true;
    pusher.drained();
    await microtasks();
    assert.deepEqual(names(sink.lines()), ["p0", "p1", "p2"]);
    sink.room = false;
    store.create(PODS_STORED, pod("a", "p3"));
    await microtasks(); // written, and the buffer is full again
    for (let i = 4; i < 8; i++) store.create(PODS_STORED, pod("a", `p${i}`));
    assert.equal(await watch.closed, "overflow");
    assert.equal(listeners(), 0);
    await microtasks();
    assert.equal(sink.ended, true, "a watch cut off while its buffer is full ends its body");
  });

  it("with a durability gate, writes a batch only once the journal holds its changes", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock });
    let pending: PromiseWithResolvers<void> | undefined = Promise.withResolvers();
    const gate = pending;
    const sink = new RecordingSink();
    pushed(
      watchResponse(watch, jsonWatchEncoding((event) => event.object), () => pending?.promise),
    ).start(sink);
    store.create(PODS_STORED, pod("a", "p1"));
    await microtasks();
    assert.equal(sink.chunks.length, 0, "the event waits while its change is not durable");
    pending = undefined;
    gate.resolve();
    await microtasks();
    assert.deepEqual(names(sink.lines()), ["p1"]);
    store.create(PODS_STORED, pod("a", "p2"));
    await microtasks();
    assert.deepEqual(names(sink.lines()), ["p1", "p2"]);
  });

  it("a failed journal ends the body instead of showing the change", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock });
    const sink = new RecordingSink();
    pushed(
      watchResponse(
        watch,
        jsonWatchEncoding((event) => event.object),
        () => Promise.reject(new Error("journal write failed")),
      ),
    ).start(sink);
    store.create(PODS_STORED, pod("a", "p1"));
    assert.equal(await watch.closed, "closed");
    await microtasks();
    assert.equal(sink.chunks.length, 0);
    assert.equal(sink.ended, true);
  });

  it("the client going away closes the watch and frees its timers", async () => {
    const { store, listeners } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock });
    const sink = new RecordingSink();
    const pusher = pushed(watchResponse(watch, jsonWatchEncoding((event) => event.object)));
    pusher.start(sink);
    pusher.closed();
    assert.equal(await watch.closed, "closed");
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
    store.create(PODS_STORED, pod("a", "p1"));
    await microtasks();
    assert.equal(sink.chunks.length, 0);
  });
});
