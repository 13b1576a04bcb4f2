// Recent LIST answers' JSON text, reused while the list is the same: the same stored object
// versions under the same envelope. A list's text is every item's cached text joined, and joining
// (then flattening the joined string to write it) costs in proportion to the answer's bytes, which
// a repeated LIST between two writes need not pay again. Bounded, so idle clusters hold nothing.

interface Entry {
  readonly items: readonly object[];
  readonly text: string;
}

/** A least-recently-used cache of list texts, bounded in entries and in characters. */
export class ListTextCache {
  readonly #entries = new Map<string, Entry>();
  #chars = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxChars: number,
  ) {}

  /** The text cached under `key` for exactly these items (the same objects), or undefined. */
  get(key: string, items: readonly object[]): string | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.items.length !== items.length) return undefined;
    for (let i = 0; i < items.length; i++) if (entry.items[i] !== items[i]) return undefined;
    // Most recently used last, so eviction takes the oldest first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.text;
  }

  /** Keeps `text` for these items under `key`, evicting the least recently used past the bounds. */
  set(key: string, items: readonly object[], text: string): void {
    if (text.length > this.maxChars / 8) return; // one huge list must not flush the rest
    this.#drop(key);
    this.#entries.set(key, { items: [...items], text });
    this.#chars += text.length;
    while (this.#entries.size > this.maxEntries || this.#chars > this.maxChars) {
      this.#drop(this.#entries.keys().next().value!);
    }
  }

  /** How many texts and characters are held. */
  get size(): { entries: number; chars: number } {
    return { entries: this.#entries.size, chars: this.#chars };
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#chars -= entry.text.length;
  }
}
