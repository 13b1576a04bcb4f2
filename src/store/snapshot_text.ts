// A store snapshot kept as the JSON text the journal holds, parsed only when its store is first
// used: a restart reads thousands of snapshots, and most clusters are not asked anything soon.

import type { StoreSnapshot } from "./object_store.ts";

/** A `StoreSnapshot` as JSON text (from a checksummed journal record), not parsed yet. */
export class SnapshotText {
  /**
   * The snapshot of an empty store: what a store restored from a journal alone (no snapshot
   * before its changes) starts from, so that its changes too are replayed on first use.
   */
  static readonly EMPTY = new SnapshotText('{"revision":0,"objects":[],"history":[]}');

  /** `text` is the snapshot's JSON as `JSON.stringify` wrote it. */
  constructor(readonly text: string) {}

  /** The snapshot the text holds (a throw when it is not one: the store stays unread). */
  parse(): StoreSnapshot {
    const value = JSON.parse(this.text) as Partial<StoreSnapshot> | null;
    if (
      typeof value !== "object" || value === null || typeof value.revision !== "number" ||
      !Array.isArray(value.objects) || !Array.isArray(value.history)
    ) {
      throw new TypeError("a store snapshot's text is not a snapshot");
    }
    return value as StoreSnapshot;
  }
}
