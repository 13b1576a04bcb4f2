// One resource's objects in one store, by storage key: small collections as sorted arrays.

import type { KubeObject } from "./kube_object.ts";

// Up to this many objects a collection is two sorted arrays (a lookup is a binary search of at
// most 6 steps, an insert moves at most 32 slots); beyond, a Map and its keys sorted on demand.
const SMALL = 32;

/**
 * A resource's objects by storage key (`namespace/name`, or `name`), listed in key order.
 * Thousands of clusters each hold ~20 collections of a few objects: in JavaScriptCore a Map that
 * ever held an entry costs 256 bytes up to 4 entries and 912 up to 16 (and the list order needs a
 * sorted copy of its keys), where two arrays cost 32 bytes and 16 a key. Large collections (a
 * cluster's 10,000 pods) keep a Map, whose inserts do not move the others.
 */
export class ObjectCollection {
  // Small: keys in list order (code-unit order, as `Array.prototype.sort`) and their objects.
  #keys: string[] = [];
  #objects: KubeObject[] = [];
  // Large: the objects by key, and the keys sorted when first listed after an add or remove.
  #map?: Map<string, KubeObject>;
  #sorted?: readonly string[];

  /** How many objects are held. */
  get size(): number {
    return this.#map ? this.#map.size : this.#keys.length;
  }

  /** The object stored under `key`, or undefined. */
  get(key: string): KubeObject | undefined {
    if (this.#map) return this.#map.get(key);
    const at = this.#indexOf(key);
    return this.#keys[at] === key ? this.#objects[at] : undefined;
  }

  /** Whether an object is stored under `key`. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores `object` under `key`, replacing the object there. */
  set(key: string, object: KubeObject): void {
    const map = this.#map;
    if (map) {
      if (!map.has(key)) this.#sorted = undefined;
      map.set(key, object);
      return;
    }
    const at = this.#indexOf(key);
    if (this.#keys[at] === key) {
      this.#objects[at] = object;
      return;
    }
    if (this.#keys.length < SMALL) {
      this.#keys.splice(at, 0, key);
      this.#objects.splice(at, 0, object);
      return;
    }
    const large = new Map<string, KubeObject>();
    for (let i = 0; i < this.#keys.length; i++) large.set(this.#keys[i], this.#objects[i]);
    large.set(key, object);
    this.#map = large;
    this.#keys = [];
    this.#objects = [];
  }

  /** Removes the object stored under `key`; whether there was one. */
  delete(key: string): boolean {
    const map = this.#map;
    if (map) {
      if (!map.delete(key)) return false;
      this.#sorted = undefined;
      return true;
    }
    const at = this.#indexOf(key);
    if (this.#keys[at] !== key) return false;
    this.#keys.splice(at, 1);
    this.#objects.splice(at, 1);
    return true;
  }

  /** The objects whose keys start with `prefix` (all for ""), in key order. */
  list(prefix: string): KubeObject[] {
    const map = this.#map;
    const keys = map ? (this.#sorted ??= [...map.keys()].sort()) : this.#keys;
    const items: KubeObject[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key.startsWith(prefix)) items.push(map ? map.get(key)! : this.#objects[i]);
    }
    return items;
  }

  /** Every key and object (small collections in key order, large ones in insertion order). */
  entries(): [string, KubeObject][] {
    if (this.#map) return Array.from(this.#map);
    return this.#keys.map((key, i) => [key, this.#objects[i]]);
  }

  // The first index whose key is not below `key` (where it is, or would be inserted).
  #indexOf(key: string): number {
    const keys = this.#keys;
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (keys[middle] < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
