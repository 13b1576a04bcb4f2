// A real ObjectStore, a fake clock that counts its timers, and helpers to read watch events.

import { type KubeObject, ObjectStore } from "../../src/store/mod.ts";
import type { Watch, WatchClock, WatchEvent, WatchSpec } from "../../src/watch/mod.ts";

export const PODS_STORED = { key: "pods", namespaced: true, tracksGeneration: true };
export const NODES_STORED = { key: "nodes", namespaced: false, tracksGeneration: false };
export const PODS = { key: "pods", kind: "Pod", apiVersion: "v1", namespaced: true };

/** A clock whose time moves only when a test says so. */
export class FakeClock implements WatchClock {
  time = 0;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers set and not yet fired or cleared. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.#timers) {
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      }
      if (!due) break;
      this.#timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}

/** A store (history of `historyLimit` changes) whose live listener count a test can read. */
export function newStore(historyLimit = 1000) {
  let uid = 0;
  const store = new ObjectStore({
    now: () => new Date("2026-01-02T03:04:05Z"),
    newUid: () => `uid-${++uid}`,
    historyLimit,
  });
  let listeners = 0;
  const onChange = store.onChange.bind(store);
  store.onChange = (listener) => {
    listeners++;
    const off = onChange(listener);
    let removed = false;
    return () => {
      if (!removed) listeners--;
      removed = true;
      off();
    };
  };
  return { store, listeners: () => listeners };
}

/** A pod object to create. */
export function pod(namespace: string, name: string, labels: Record<string, string> = {}) {
  return { apiVersion: "v1", kind: "Pod", metadata: { namespace, name, labels }, spec: {} };
}

/** A watch spec on pods in all namespaces, matching everything unless told otherwise. */
export function podSpec(overrides: Partial<WatchSpec> = {}): WatchSpec {
  return { resource: PODS, matches: () => true, allowWatchBookmarks: false, ...overrides };
}

/** The next `n` events (they must already be queued or arrive soon). */
export async function take(watch: Watch, n: number): Promise<WatchEvent[]> {
  const iterator = watch[Symbol.asyncIterator]();
  const events: WatchEvent[] = [];
  for (let i = 0; i < n; i++) {
    const result = await iterator.next();
    if (result.done) throw new Error(`Cannot take event ${i + 1} of ${n}: the watch ended`);
    events.push(result.value);
  }
  return events;
}

/** Whether the watch yields nothing right now: resolves "ended", "empty" or the pending event. */
export async function peek(watch: Watch): Promise<"ended" | "empty" | WatchEvent> {
  const iterator = watch[Symbol.asyncIterator]();
  let settled: IteratorResult<WatchEvent> | undefined;
  const next = iterator.next().then((r) => settled = r);
  await Promise.resolve();
  await Promise.resolve();
  if (settled) return settled.done ? "ended" : settled.value;
  // Nothing queued: the pending read would swallow the next event, so this is for final checks only.
  void next;
  return "empty";
}

/** `[type, namespace/name, resourceVersion]` of each event, for compact assertions. */
export function summary(events: WatchEvent[]): string[] {
  return events.map((event) => {
    const object = event.object as KubeObject;
    const meta = object.metadata;
    const name = meta.name ? `${meta.namespace ?? ""}/${meta.name}` : "-";
    return `${event.type} ${name} ${meta.resourceVersion ?? ""}`;
  });
}
