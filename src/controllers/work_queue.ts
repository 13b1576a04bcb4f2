// A deduplicating work queue drained in scheduled tasks, so reactions run outside store events.

// client-go's DefaultTypedControllerRateLimiter, per item: 5 ms doubled at each failure in a row,
// up to 1,000 s (its overall 10 qps bucket is not modelled: one cluster's controllers are few).
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 1_000_000;

/**
 * Runs keyed work items once per enqueue burst, in FIFO order, catching their failures. Work
 * added with `later` runs only when no other work is pending: a workload controller's status
 * sync then sees the pods the scheduler and kubelets have finished with, and writes once
 * instead of once per intermediate state (fewer writes, less watch history per cluster). Work
 * that fails runs again after a delay doubled at each failure in a row, as a kube controller's
 * `AddRateLimited` (a create refused while etcd is full is retried, never in a busy loop).
 */
export class WorkQueue {
  // Replaced by empty Maps once drained: a Map keeps the table its busiest moment grew (a
  // cluster's boot queues every object), and 10,000 idle clusters would each hold theirs.
  #pending = new Map<string, () => void>();
  #later = new Map<string, () => void>();
  #scheduled = false;
  #stopped = false;
  // Failures in a row and the pending retry of each failing key: made on a first failure and
  // dropped once none is left, so 10,000 clusters whose work never fails hold no Map for them.
  #failures?: Map<string, number>;
  #retries?: Map<string, () => void>;

  /**
   * `schedule` runs a drain soon (a microtask); after `batch` items a drain hands the rest to
   * `scheduleLater` (a macrotask, when given) so that a burst of thousands of pods does not keep
   * the event loop, and every API request with it, waiting until it is done. `setTimer` runs
   * a retry after its delay and returns its cancel function; without it, failed work is not
   * retried (a later change of what it watches queues it again).
   */
  constructor(
    private readonly schedule: (task: () => void) => void,
    private readonly onError: (error: unknown) => void,
    private readonly scheduleLater?: (task: () => void) => void,
    private readonly batch = 500,
    private readonly setTimer?: (delayMs: number, task: () => void) => () => void,
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
    for (const cancel of this.#retries?.values() ?? []) cancel();
    this.#retries = undefined;
    this.#failures = undefined;
  }

  // client-go's AddRateLimited: the key again after its per-item delay; one retry pending a key.
  #retry(key: string, work: () => void, later: boolean): void {
    const counts = this.#failures ??= new Map();
    const failures = counts.get(key) ?? 0;
    counts.set(key, failures + 1);
    const retries = this.#retries ??= new Map();
    if (!this.setTimer || retries.has(key)) return;
    const delay = Math.min(RETRY_BASE_MS * 2 ** failures, RETRY_MAX_MS);
    retries.set(
      key,
      this.setTimer(delay, () => {
        retries.delete(key);
        if (this.#retries?.size === 0 && this.#failures?.size === 0) this.#retries = undefined;
        this.add(key, work, later);
      }),
    );
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
        // client-go's Forget: a success starts the key's delays over.
        if (this.#failures?.delete(key) && this.#failures.size === 0) {
          this.#failures = undefined;
          if (this.#retries?.size === 0) this.#retries = undefined;
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.onError(new Error(`Cannot run controller work ${key}: ${reason}`, { cause: error }));
        this.#retry(key, work, lane === this.#later);
      }
    }
    // Both are empty here; a drain of one item or two grew nothing worth giving back.
    if (ran > 2) {
      this.#pending = new Map();
      this.#later = new Map();
    }
  }
}
