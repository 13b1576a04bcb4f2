// The fake etcd's key-value space: enough MVCC bookkeeping (revisions, versions) for Range and Put.

/** One stored key, as mvccpb.KeyValue carries it. */
export interface KeyValue {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
}

/** What a Range found: the matching keys (up to `limit`) and how many matched in all. */
export interface RangeResult {
  readonly kvs: KeyValue[];
  readonly count: number;
  readonly more: boolean;
}

// Keys as "binary strings" (one char per byte) keep byte order under plain string comparison.
const asKey = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** An in-memory keyspace with etcd's revision counter (it starts at 1, as a fresh etcd's does). */
export class KvStore {
  #revision = 1;
  readonly #entries = new Map<string, KeyValue>();

  /** The store revision: bumped by every Put. */
  get revision(): number {
    return this.#revision;
  }

  /** Stores `value` under `key` at a new revision and returns the previous pair, if any. */
  put(key: Uint8Array, value: Uint8Array): KeyValue | undefined {
    const name = asKey(key);
    const previous = this.#entries.get(name);
    const revision = ++this.#revision;
    this.#entries.set(name, {
      key: key.slice(),
      value: value.slice(),
      createRevision: previous?.createRevision ?? revision,
      modRevision: revision,
      version: (previous?.version ?? 0) + 1,
    });
    return previous;
  }

  /** Reads `key` alone (empty `rangeEnd`), `[key, rangeEnd)`, or every key >= `key` (`rangeEnd` "\0"). */
  range(key: Uint8Array, rangeEnd: Uint8Array, limit = 0): RangeResult {
    const from = asKey(key);
    if (rangeEnd.length === 0) {
      const found = this.#entries.get(from);
      return { kvs: found ? [found] : [], count: found ? 1 : 0, more: false };
    }
    const to = rangeEnd.length === 1 && rangeEnd[0] === 0 ? undefined : asKey(rangeEnd);
    const all = [...this.#entries.keys()]
      .filter((name) => name >= from && (to === undefined || name < to))
      .sort()
      .map((name) => this.#entries.get(name)!);
    const kvs = limit > 0 ? all.slice(0, limit) : all;
    return { kvs, count: all.length, more: kvs.length < all.length };
  }
}
