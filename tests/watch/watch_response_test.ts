import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { jsonWatchEncoding, watchResponse } from "../../src/kube/watch_response.ts";
import { openWatch, type WatchEvent } from "../../src/watch/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";
import { FakeClock, newStore, pod, PODS_STORED, podSpec } from "./_fixtures.ts";

const decoder = new TextDecoder();

// Events that are already waiting leave in one chunk; lines are split back out here.
const buffered = new WeakMap<object, string[]>();

async function readLine(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const queue = buffered.get(reader) ?? [];
  buffered.set(reader, queue);
  if (queue.length === 0) {
    const { value, done } = await reader.read();
    assert.equal(done, false);
    queue.push(...decoder.decode(value).split(/(?<=\n)/));
  }
  return queue.shift()!;
}

describe("watchResponse", () => {
  it("streams one JSON event per line as application/json, each as soon as it is read", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "p1"));
    const watch = openWatch(store, podSpec(), { clock });
    const response = watchResponse(watch, jsonWatchEncoding((event) => event.object));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json");
    const reader = response.body!.getReader();
    const first = await readLine(reader);
    assert.ok(first.endsWith("}\n"));
    const parsed = JSON.parse(first);
    assert.equal(parsed.type, "ADDED");
    assert.equal(parsed.object.metadata.name, "p1");
    const second = reader.read();
    store.delete(PODS_STORED, "a", "p1");
    const line = decoder.decode((await second).value);
    assert.match(line, /^\{"type":"DELETED","object":\{"apiVersion":"v1","kind":"Pod",/);
    await reader.cancel();
  });

  it("encodes a stored object's event once for every watcher, each stream getting its own bytes", () => {
    const { store } = newStore();
    const object = store.create(PODS_STORED, pod("a", "p1"));
    const encoding = jsonWatchEncoding((event) => event.object);
    const event: WatchEvent = { type: "MODIFIED", object };
    const first = encoding.encode([event], 0);
    const second = encoding.encode([event], 3);
    assert.notEqual(first, second); // an adapter that takes over a chunk takes only its own
    assert.deepEqual(first, second);
    assert.equal(
      decoder.decode(first),
      `{"type":"MODIFIED","object":${JSON.stringify(object)}}\n`,
    );
    first.fill(0); // one stream's bytes are not another's
    assert.deepEqual(encoding.encode([event], 0), second);
    // The same object version in a different event type (a selector transition) is its own line.
    const added = decoder.decode(encoding.encode([{ type: "ADDED", object }], 0));
    assert.equal(added, `{"type":"ADDED","object":${JSON.stringify(object)}}\n`);
    // An encoder that returns another object (type meta added, a Table) is not shared.
    const other = jsonWatchEncoding(() => ({ kind: "Table" }));
    assert.equal(
      decoder.decode(other.encode([event], 0)),
      `{"type":"MODIFIED","object":{"kind":"Table"}}\n`,
    );
  });

  it("with a durability gate, an event leaves only once the journal holds its change", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock });
    let pending: PromiseWithResolvers<void> | undefined;
    const response = watchResponse(
      watch,
      jsonWatchEncoding((event) => event.object),
      () => pending?.promise,
    );
    const reader = response.body!.getReader();
    pending = Promise.withResolvers();
    store.create(PODS_STORED, pod("a", "p1"));
    let read = false;
    const next = reader.read().then((result) => {
      read = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(read, false, "the event waits while its change is not durable");
    const durable = pending;
    pending = undefined;
    durable.resolve();
    const line = decoder.decode((await next).value);
    assert.match(line, /^\{"type":"ADDED","object":\{[^\n]*"name":"p1"/);
    await reader.cancel();
  });

  it("a failed journal ends the stream instead of showing the change", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock });
    const response = watchResponse(
      watch,
      jsonWatchEncoding((event) => event.object),
      () => Promise.reject(new Error("journal write failed")),
    );
    const reader = response.body!.getReader();
    store.create(PODS_STORED, pod("a", "p1"));
    await assert.rejects(reader.read(), /journal write failed/);
    assert.equal(await watch.closed, "closed");
  });

  it("takes events from the watch only when the client reads", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock, maxQueuedEvents: 2 });
    const response = watchResponse(watch, jsonWatchEncoding((event) => event.object));
    for (let i = 0; i < 3; i++) store.create(PODS_STORED, pod("a", `p${i}`));
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(await watch.closed, "overflow", "unread events stay in the watch queue");
    await response.body!.cancel();
  });

  it("cancelling the body closes the watch", async () => {
    const { store, listeners } = newStore();
    const clock = new FakeClock();
    const watch = openWatch(store, podSpec(), { clock });
    const response = watchResponse(watch, jsonWatchEncoding((event) => event.object));
    const reader = response.body!.getReader();
    const pending = reader.read();
    await reader.cancel();
    assert.equal((await pending).done, true);
    assert.equal(await watch.closed, "closed");
    assert.equal(listeners(), 0);
    assert.equal(clock.pendingTimers, 0);
  });

  it("ends the body when the watch ends, after a final ERROR event", async () => {
    const { store } = newStore(1);
    const clock = new FakeClock();
    for (let i = 0; i < 3; i++) store.create(PODS_STORED, pod("a", `p${i}`));
    const watch = openWatch(store, podSpec({ resourceVersion: "1" }), { clock });
    const text = await watchResponse(watch, jsonWatchEncoding((event) => event.object)).text();
    assert.equal(
      text,
      '{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}\n',
    );
  });

  it("sends events that are already waiting in one write, in order", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    for (let i = 0; i < 5; i++) store.create(PODS_STORED, pod("a", `p${i}`));
    const watch = openWatch(store, podSpec(), { clock });
    const reader = watchResponse(watch, jsonWatchEncoding((event) => event.object)).body!
      .getReader();
    const { value } = await reader.read();
    const names = decoder.decode(value).trim().split("\n").map((l) =>
      JSON.parse(l).object.metadata.name
    );
    assert.deepEqual(names, ["p0", "p1", "p2", "p3", "p4"]);
    await reader.cancel();
  });

  it("passes each event and its index to encodeEvent (Table: column definitions on the first only)", async () => {
    const { store } = newStore();
    const clock = new FakeClock();
    store.create(PODS_STORED, pod("a", "p1"));
    store.create(PODS_STORED, pod("a", "p2"));
    const watch = openWatch(store, podSpec({ timeoutSeconds: 1 }), { clock });
    const seen: [string, number][] = [];
    const response = watchResponse(
      watch,
      jsonWatchEncoding((event: WatchEvent, index) => {
        const object = event.object as KubeObject;
        seen.push([object.metadata.name!, index]);
        return {
          kind: "Table",
          apiVersion: "meta.k8s.io/v1",
          metadata: { resourceVersion: object.metadata.resourceVersion },
          columnDefinitions: index === 0 ? [{ name: "Name", type: "string" }] : null,
          rows: [{ cells: [object.metadata.name] }],
        };
      }),
    );
    const reader = response.body!.getReader();
    const lines = [await readLine(reader), await readLine(reader)].map((l) => JSON.parse(l));
    assert.deepEqual(seen, [["p1", 0], ["p2", 1]]);
    assert.equal(lines[0].object.columnDefinitions.length, 1);
    assert.equal(lines[1].object.columnDefinitions, null);
    const end = reader.read();
    clock.advance(1000);
    assert.equal((await end).done, true);
  });
});
