// A store's collections by resource storage key, in the order first written, without a Map.

import { ObjectCollection } from "./object_collection.ts";

// Up to this many resources a lookup scans the keys (resource keys are mostly the catalog's own
// strings, so most comparisons are one pointer test); beyond, a Map finds their positions.
const SMALL = 32;

/**
 * The collections of one store. A cluster writes ~20 resources: in JavaScriptCore a Map of 17 to
 * 64 entries costs 2.7 KB, two arrays of 20 about 400 bytes. Collections are never removed.
 */
export class CollectionTable {
  readonly #keys: string[] = [];
  readonly #collections: ObjectCollection[] = [];
  #positions?: Map<string, number>;

  /** The collection of resource `key`, if it was ever written. */
  get(key: string): ObjectCollection | undefined {
    const at = this.#positions ? this.#positions.get(key) ?? -1 : this.#keys.indexOf(key);
    return at < 0 ? undefined : this.#collections[at];
  }

  /** The collection of resource `key`, added empty if it is new. */
  add(key: string): ObjectCollection {
    const known = this.get(key);
    if (known) return known;
    const collection = new ObjectCollection();
    this.#keys.push(key);
    this.#collections.push(collection);
    if (this.#positions) this.#positions.set(key, this.#keys.length - 1);
    else if (this.#keys.length > SMALL) {
      this.#positions = new Map(this.#keys.map((known, at) => [known, at]));
    }
    return collection;
  }

  /** Resource keys in the order first written. */
  keys(): string[] {
    return [...this.#keys];
  }

  /** Resource keys and their collections, in the order first written. */
  entries(): [string, ObjectCollection][] {
    return this.#keys.map((key, at) => [key, this.#collections[at]]);
  }
}
