// Measures watch fan-out: W watchers on one store, N changes; events/s through openWatch and bytes/s through watchResponse.
// Usage: npx --yes deno@2.9.6 run -A scripts/bench_watch.ts [watchers=1000] [changes=5000]
//        npx --yes bun@1.4.5 scripts/bench_watch.ts [watchers=1000] [changes=5000]

import process from "node:process";
import { watchFrame } from "../src/kube/protobuf_body.ts";
import { messageRegistry } from "../src/protobuf/mod.ts";
import {
  jsonWatchEncoding,
  protobufWatchEncoding,
  type WatchEncoding,
  watchResponse,
} from "../src/kube/watch_response.ts";
import type { ResourceType } from "../src/resources/mod.ts";
import { ObjectStore } from "../src/store/mod.ts";
import { openWatch, systemClock, type Watch, type WatchSpec } from "../src/watch/mod.ts";

const WATCHERS = Number(process.argv[2] ?? 1000);
const CHANGES = Number(process.argv[3] ?? 5000);
const NAMESPACES = 100;
const POOL = 200; // pods updated round-robin
const BATCH = 100; // changes written between yields to the event loop
const PODS = { key: "pods", namespaced: true, tracksGeneration: true };
const RESOURCE = { key: "pods", kind: "Pod", apiVersion: "v1", namespaced: true };
// What the REST layer's watchFrame reads of the resource (its kind and served version).
const POD_TYPE = { ...PODS, group: "", version: "v1", kind: "Pod" } as unknown as ResourceType;
const ENCODINGS: Record<string, () => WatchEncoding> = {
  json: () => jsonWatchEncoding((event) => event.object),
  protobuf: () =>
    protobufWatchEncoding((event) =>
      watchFrame(
        POD_TYPE,
        event.type,
        event.object as Record<string, unknown>,
        true,
        messageRegistry(),
      )
    ),
};

function newStore(): ObjectStore {
  let uid = 0;
  const store = new ObjectStore({ now: () => new Date(0), newUid: () => `uid-${++uid}` });
  for (let i = 0; i < POOL; i++) store.create(PODS, podObject(i, 0));
  return store;
}

function podObject(i: number, generation: number) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `pod-${i}`, namespace: `ns-${i % NAMESPACES}`, labels: { app: "bench" } },
    spec: { nodeName: `node-${i % 10}`, containers: [{ name: "c", image: "busybox" }] },
    status: { phase: "Running", observedGeneration: generation },
  };
}

/** Writes CHANGES updates in batches, yielding so consumers can drain; returns the elapsed ms. */
async function writeChanges(store: ObjectStore, whenDone: Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let n = 0; n < CHANGES; n++) {
    store.update(PODS, podObject(n % POOL, n + 1));
    if ((n + 1) % BATCH === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await whenDone;
  return performance.now() - start;
}

function spec(scoped: boolean, w: number): WatchSpec {
  return {
    resource: RESOURCE,
    namespace: scoped ? `ns-${w % NAMESPACES}` : undefined,
    matches: () => true,
    resourceVersion: String(POOL), // resume after the pool was created: live changes only
    allowWatchBookmarks: false,
  };
}

async function viaIterator(scoped: boolean) {
  const store = newStore();
  const expected = scoped ? CHANGES / NAMESPACES : CHANGES;
  let delivered = 0;
  const watches: Watch[] = [];
  const consumers = [];
  for (let w = 0; w < WATCHERS; w++) {
    const watch = openWatch(store, spec(scoped, w), { clock: systemClock });
    watches.push(watch);
    consumers.push((async () => {
      let seen = 0;
      for await (const _ of watch) {
        delivered++;
        if (++seen === expected) break;
      }
    })());
  }
  const ms = await writeChanges(store, Promise.all(consumers));
  const overflowed = (await Promise.all(watches.map((w) => w.closed)))
    .filter((r) => r === "overflow").length;
  return { ms, delivered, overflowed };
}

async function viaResponse(scoped: boolean, encoding: string) {
  const store = newStore();
  const expected = scoped ? CHANGES / NAMESPACES : CHANGES;
  let delivered = 0;
  let bytes = 0;
  const consumers = [];
  for (let w = 0; w < WATCHERS; w++) {
    const watch = openWatch(store, spec(scoped, w), { clock: systemClock });
    const reader = watchResponse(watch, ENCODINGS[encoding]()).body!.getReader();
    consumers.push((async () => {
      let seen = 0;
      while (seen < expected) {
        const { value, done } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        // A chunk carries every event that was waiting: count them.
        const events = encoding === "json" ? countLines(value) : countFrames(value);
        seen += events;
        delivered += events;
      }
      await reader.cancel();
    })());
  }
  const ms = await writeChanges(store, Promise.all(consumers));
  return { ms, delivered, bytes };
}

function countLines(chunk: Uint8Array): number {
  let n = 0;
  for (const byte of chunk) if (byte === 0x0a) n++;
  return n;
}

// Protobuf watch frames: a 4-byte big-endian length, then the WatchEvent.
function countFrames(chunk: Uint8Array): number {
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let n = 0;
  for (let at = 0; at < chunk.length; at += 4 + view.getUint32(at)) n++;
  return n;
}

function rate(count: number, ms: number): string {
  return `${Math.round(count / (ms / 1000)).toLocaleString("en-US")}/s`;
}

const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
console.log(`bench_watch on ${runtime}: ${WATCHERS} watchers, ${CHANGES} changes to ${POOL} pods`);
for (const scoped of [false, true]) {
  const label = scoped ? `namespace-scoped (1/${NAMESPACES} match)` : "all namespaces";
  const iterator = await viaIterator(scoped);
  console.log(
    `  openWatch     ${label}: ${iterator.delivered.toLocaleString("en-US")} events in ${
      iterator.ms.toFixed(0)
    } ms = ${rate(iterator.delivered, iterator.ms)} events, ${
      rate(CHANGES, iterator.ms)
    } changes; overflowed ${iterator.overflowed}`,
  );
  for (const encoding of Object.keys(ENCODINGS)) {
    const response = await viaResponse(scoped, encoding);
    console.log(
      `  watchResponse ${encoding.padEnd(8)} ${label}: ${
        response.delivered.toLocaleString("en-US")
      } events in ${response.ms.toFixed(0)} ms = ${rate(response.delivered, response.ms)} events, ${
        (response.bytes / 1e6 / (response.ms / 1000)).toFixed(1)
      } MB/s (${(response.bytes / 1e6).toFixed(1)} MB)`,
    );
  }
}
