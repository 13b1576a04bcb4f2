// Amounts held per key (a cluster, an endpoint) and in total, each given back once: what the
// bounds on open watches and on buffered bytes count, each with its own rule for refusing.

/** Amounts held per key and in total. */
export class Tally {
  #total = 0;
  readonly #byKey = new WeakMap<object, number>();

  /** What all keys hold now. */
  get total(): number {
    return this.#total;
  }

  /** What `key` holds now. */
  of(key: object): number {
    return this.#byKey.get(key) ?? 0;
  }

  /** Counts `amount` as held by `key`: the function that gives it back (once, however often called). */
  hold(key: object, amount: number): () => void {
    this.#byKey.set(key, this.of(key) + amount);
    this.#total += amount;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total -= amount;
      this.#byKey.set(key, this.of(key) - amount);
    };
  }
}
