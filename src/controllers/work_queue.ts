// A deduplicating work queue drained in scheduled tasks, so reactions run outside store events.

/** Runs keyed work items once per enqueue burst, in FIFO order, catching their failures. */
export class WorkQueue {
  readonly #pending = new Map<string, () => void>();
  #scheduled = false;
  #stopped = false;

  constructor(
    private readonly schedule: (task: () => void) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues `work` under `key` unless that key is already pending; schedules a drain if needed. */
  add(key: string, work: () => void): void {
    if (this.#stopped || this.#pending.has(key)) return;
    this.#pending.set(key, work);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.schedule(() => this.#drain());
  }

  /** Drops pending work; later adds and already scheduled drains do nothing. */
  stop(): void {
    this.#stopped = true;
    this.#pending.clear();
  }

  // Work done here writes to the store, whose events queue more work: the loop picks it up.
  #drain(): void {
    this.#scheduled = false;
    while (!this.#stopped && this.#pending.size > 0) {
      const [key, work] = this.#pending.entries().next().value!;
      this.#pending.delete(key);
      try {
        work();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.onError(new Error(`Cannot run controller work ${key}: ${reason}`, { cause: error }));
      }
    }
  }
}
