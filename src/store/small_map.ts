// A Map of a few entries held as two arrays: a store's collections, and what one cluster's
// controllers keep per node or owner.

/**
 * A string-keyed Map (same answers, same insertion order) held as two arrays while it has at
 * most `small` entries (16 unless given; a lookup scans the keys), a Map beyond. In JavaScriptCore a Map that ever held an entry costs 256 bytes (912 from 5
 * entries, 2.7 KB from 17), where two arrays cost 32 bytes and 16 an entry; each of 10,000
 * clusters keeps a dozen maps of a few entries (resources, nodes, DaemonSets, owners). Iterations read a
 * copy of the entries taken when they start, so an entry set or deleted meanwhile is not visited.
 */
export class SmallMap<V> {
  #keys: string[] = [];
  #values: V[] = [];
  #map?: Map<string, V>;

  constructor(private readonly small = 16) {}

  /** How many entries are held. */
  get size(): number {
    return this.#map ? this.#map.size : this.#keys.length;
  }

  /** The value under `key`, or undefined. */
  get(key: string): V | undefined {
    if (this.#map) return this.#map.get(key);
    const at = this.#keys.indexOf(key);
    return at < 0 ? undefined : this.#values[at];
  }

  /** Whether an entry has this key. */
  has(key: string): boolean {
    return this.#map ? this.#map.has(key) : this.#keys.includes(key);
  }

  /** Sets the value under `key` (a new key goes last); returns this map. */
  set(key: string, value: V): this {
    if (this.#map) {
      this.#map.set(key, value);
      return this;
    }
    const at = this.#keys.indexOf(key);
    if (at >= 0) this.#values[at] = value;
    else if (this.#keys.length < this.small) {
      this.#keys.push(key);
      this.#values.push(value);
    } else {
      this.#map = new Map(this.entries()).set(key, value);
      this.#keys = [];
      this.#values = [];
    }
    return this;
  }

  /** Removes the entry under `key`; whether there was one. */
  delete(key: string): boolean {
    if (this.#map) return this.#map.delete(key);
    const at = this.#keys.indexOf(key);
    if (at < 0) return false;
    this.#keys.splice(at, 1);
    this.#values.splice(at, 1);
    return true;
  }

  /** Removes every entry (and the Map a large one had). */
  clear(): void {
    this.#map = undefined;
    this.#keys = [];
    this.#values = [];
  }

  /** The keys, in insertion order. */
  keys(): string[] {
    return this.#map ? [...this.#map.keys()] : this.#keys.slice();
  }

  /** The values, in insertion order. */
  values(): V[] {
    return this.#map ? [...this.#map.values()] : this.#values.slice();
  }

  /** The entries, in insertion order. */
  entries(): [string, V][] {
    if (this.#map) return [...this.#map];
    return this.#keys.map((key, at) => [key, this.#values[at]]);
  }

  /** The entries, in insertion order. */
  [Symbol.iterator](): Iterator<[string, V]> {
    return this.entries()[Symbol.iterator]();
  }
}
