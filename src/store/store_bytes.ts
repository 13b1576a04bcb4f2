// The bytes one cluster's objects take, as etcd's --quota-backend-bytes bounds its database: a
// running tally kept on every write (O(1): no scan), and the check a client write must pass.

import type { KubeObject } from "./kube_object.ts";
import { StoreError } from "./store_error.ts";

/**
 * The tally of an `ObjectStore`. A client write counts its encoded JSON's length (what its answer
 * reuses, so nothing is serialized for the count); a later version written without one (a
 * controller's status) keeps the size of the version it replaces; what fkas seeds and its
 * controllers create is not counted, until a restore: then every object is measured, once, on the
 * first client write (or read of `ObjectStore.bytes`). Objects are replaced, never changed in
 * place, so a size stays true of its object.
 */
export class StoreBytes {
  #bytes = 0;
  // Made on the first size kept: most clusters' clients write little.
  #sizes?: WeakMap<KubeObject, number>;
  #unmeasured = false;

  /** `limit`: the bytes past which a client write fails with NoSpace; undefined, no bound. */
  constructor(private readonly limit?: number) {}

  /** The bytes counted (all of them once `measure`d after a restore). */
  get total(): number {
    return this.#bytes;
  }

  /** Whether a restore left objects to `measure` before the tally is true. */
  get unmeasured(): boolean {
    return this.#unmeasured;
  }

  /**
   * Counts `object` replacing `previous` (undefined on a create); `encoded` is the client's
   * encoder's result (a string for a client write), undefined for a write of fkas's own. A client
   * write that would pass the limit throws NoSpace and counts nothing. The caller measures first
   * when `unmeasured` and `encoded` is a string.
   */
  write(
    resource: string,
    object: KubeObject,
    previous: KubeObject | undefined,
    encoded: unknown,
  ): void {
    // A write of fkas's own keeps the size of the version it replaces.
    let size = previous ? this.#sizes?.get(previous) : undefined;
    const freed = size ?? 0;
    if (typeof encoded === "string") {
      size = encoded.length;
      // etcd's quota check (v3rpc quotaKVServer): a put that would take the database past the
      // quota raises the NOSPACE alarm and fails with ErrGRPCNoSpace.
      if (this.limit !== undefined && this.#bytes + size - freed > this.limit) {
        throw new StoreError(
          "NoSpace",
          resource,
          object.metadata.name ?? "",
          "etcdserver: mvcc: database space exceeded",
        );
      }
    }
    if (size !== undefined) (this.#sizes ??= new WeakMap()).set(object, size);
    this.#bytes += (size ?? 0) - freed;
  }

  /** Frees what a removed object counted. */
  remove(previous: KubeObject): void {
    this.#bytes -= this.#sizes?.get(previous) ?? 0;
  }

  /** A restored or replayed object replaced `previous`: the tally is measured again when needed. */
  restored(previous?: KubeObject): void {
    if (previous) this.remove(previous);
    this.#unmeasured = true;
  }

  /** Counts every object of the store not counted yet: its JSON's length (and a newline). */
  measure(objects: Iterable<KubeObject>): void {
    this.#unmeasured = false;
    const sizes = this.#sizes ??= new WeakMap();
    for (const object of objects) {
      if (sizes.has(object)) continue;
      const size = JSON.stringify(object).length + 1;
      sizes.set(object, size);
      this.#bytes += size;
    }
  }
}
