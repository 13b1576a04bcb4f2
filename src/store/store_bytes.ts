// The bytes one cluster's objects take, as etcd's --quota-backend-bytes bounds its database: a
// running tally kept on every write once a client has written (O(1) per write: no scan), and the
// check a write must pass.

import type { KubeObject } from "./kube_object.ts";
import { StoreError } from "./store_error.ts";
import { jsonSize, jsonSizeChange } from "./json_size.ts";

/**
 * The tally of an `ObjectStore`: every stored object counts its JSON's length and a newline. A
 * store starts unmeasured, as a restored one does: it holds only what fkas seeded and its
 * controllers made of that, so nothing is counted (a cluster no client writes to pays nothing).
 * The first client write (an `encoded` string) has every object measured, once; from then on
 * every write counts. A client write counts its encoded length (what its answer reuses, kept per
 * version); any other version is measured (`jsonSize`, shared frozen parts once) when written
 * and measured again when replaced or removed, so no size is kept for it: objects are replaced,
 * never changed in place, so a measure stays true of its object. Replacing one measured version
 * by another walks only the parts they do not share (`jsonSizeChange`).
 */
export class StoreBytes {
  #bytes = 0;
  // Sizes of client-written versions; made on the first one.
  #sizes?: WeakMap<KubeObject, number>;
  #unmeasured = true;

  /** `limit`: the bytes past which a write that grows the tally fails with NoSpace; undefined, no bound. */
  constructor(private readonly limit?: number) {}

  /** The bytes counted (all of them once `measure`d). */
  get total(): number {
    return this.#bytes;
  }

  /** Whether no client has written since the store was made or restored: nothing is counted. */
  get unmeasured(): boolean {
    return this.#unmeasured;
  }

  /**
   * Counts `object` replacing `previous` (undefined on a create); `encoded` is a client write's
   * encoded JSON (the caller measures first when `unmeasured`), undefined for fkas's own write.
   * A `refusable` write that would grow the tally past the limit throws NoSpace and counts
   * nothing. Nothing is counted while `unmeasured`.
   */
  write(
    resource: string,
    object: KubeObject,
    previous: KubeObject | undefined,
    encoded: unknown,
    refusable: boolean,
  ): void {
    if (this.#unmeasured) return;
    const client = typeof encoded === "string";
    const kept = previous && this.#sizes?.get(previous);
    let change: number;
    if (client) change = encoded.length - (previous ? kept ?? jsonSize(previous) + 1 : 0);
    else if (!previous) change = jsonSize(object) + 1;
    // Both measured: only what differs is walked.
    else if (kept === undefined) change = jsonSizeChange(object, previous);
    else change = jsonSize(object) + 1 - kept;
    // etcd's quota check (v3rpc quotaKVServer): a put that would take the database past the
    // quota raises the NOSPACE alarm and fails with ErrGRPCNoSpace. A write that shrinks the
    // tally passes (fkas has no alarm: see README).
    if (refusable && this.limit !== undefined && change > 0 && this.#bytes + change > this.limit) {
      throw new StoreError(
        "NoSpace",
        resource,
        object.metadata.name ?? "",
        "etcdserver: mvcc: database space exceeded",
      );
    }
    if (client) (this.#sizes ??= new WeakMap()).set(object, encoded.length);
    this.#bytes += change;
  }

  /** Frees what a removed object counted. */
  remove(previous: KubeObject): void {
    if (!this.#unmeasured) this.#bytes -= this.#sizeOf(previous);
  }

  /** A restored or replayed object replaced another: the tally is measured again when needed. */
  restored(): void {
    this.#unmeasured = true;
  }

  /** Counts every object of the store, from now on kept on every write. */
  measure(objects: Iterable<KubeObject>): void {
    this.#unmeasured = false;
    let bytes = 0;
    for (const object of objects) bytes += this.#sizeOf(object);
    this.#bytes = bytes;
  }

  // What a stored version counted: a client's encoded length, else its measure.
  #sizeOf(object: KubeObject): number {
    return this.#sizes?.get(object) ?? jsonSize(object) + 1;
  }
}
