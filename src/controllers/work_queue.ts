// A deduplicating work queue drained in scheduled tasks, so reactions run outside store events.

/**
 * Runs keyed work items once per enqueue burst, in FIFO order, catching their failures. Work
 * added with `later` runs only when no other work is pending: a workload controller's status
 * sync then sees the pods the scheduler and kubelets have finished with, and writes once
 * instead of once per intermediate state (fewer writes, less watch history per cluster).
 */
export class WorkQueue {
  // Replaced by empty Maps once drained: a Map keeps the table its busiest moment grew (a
  // cluster's boot queues every object), and 10,000 idle clusters would each hold theirs.
  #pending = new Map<string, () => void>();
  #later = new Map<string, () => void>();
  #scheduled = false;
  #stopped = false;

  /**
   * `schedule` runs a drain soon (a microtask); after `batch` items a drain hands the rest to
   * `scheduleLater` (a macrotask, when given) so that a burst of thousands of pods does not keep
   * the event loop, and every API request with it, waiting until it is done.
   */
  constructor(
    private readonly schedule: (task: () => void) => void,
    private readonly onError: (error: unknown) => void,
    private readonly scheduleLater?: (task: () => void) => void,
    private readonly batch = 500,
  ) {}

  /**
   * Queues `work` under `key` unless that key is already pending; schedules a drain if needed.
   * With `later`, the work waits until no other work is pending.
   */
  add(key: string, work: () => void, later = false): void {
    if (this.#stopped || this.#pending.has(key) || this.#later.has(key)) return;
    (later ? this.#later : this.#pending).set(key, work);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.schedule(() => this.#drain());
  }

  /** Drops pending work; later adds and already scheduled drains do nothing. */
  stop(): void {
    this.#stopped = true;
    this.#pending.clear();
    this.#later.clear();
  }

  // Work done here writes to the store, whose events queue more work: the loop picks it up.
  #drain(): void {
    this.#scheduled = false;
    let done = 0;
    let ran = 0;
    while (!this.#stopped && (this.#pending.size > 0 || this.#later.size > 0)) {
      if (this.scheduleLater && done++ >= this.batch) {
        this.#scheduled = true;
        this.scheduleLater(() => this.#drain());
        return;
      }
      const lane = this.#pending.size > 0 ? this.#pending : this.#later;
      const [key, work] = lane.entries().next().value!;
      lane.delete(key);
      ran++;
      try {
        work();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.onError(new Error(`Cannot run controller work ${key}: ${reason}`, { cause: error }));
      }
    }
    // Both are empty here; a drain of one item or two grew nothing worth giving back.
    if (ran > 2) {
      this.#pending = new Map();
      this.#later = new Map();
    }
  }
}
