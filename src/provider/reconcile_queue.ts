// A keyed reconcile queue as controller-runtime's: one reconcile per key at a time, a change
// during a reconcile runs it again afterwards, failures back off, results may ask to look again.

import { backoffDelay } from "../retry/mod.ts";

// setTimeout's longest delay (2^31 - 1 ms, about 24.8 days); longer ones fire at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a reconcile may ask for: to be run again after some time (a phase coming due). */
export interface ReconcileResult {
  readonly requeueAfterMs?: number;
}

interface KeyState {
  running: boolean;
  dirty: boolean;
  queued: boolean;
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** Runs `reconcile` per key with at most `concurrency` at once. */
export class ReconcileQueue {
  readonly #keys = new Map<string, KeyState>();
  readonly #ready: string[] = [];
  #active = 0;
  #stopped = false;
  #paused: boolean;
  readonly #idle = new Set<() => void>();

  constructor(
    private readonly reconcile: (key: string) => Promise<ReconcileResult | void>,
    private readonly options: {
      readonly concurrency: number;
      readonly random: () => number;
      readonly onError: (key: string, error: unknown, retryInMs: number) => void;
      /** Collects keys without running them until resume(). */
      readonly paused?: boolean;
    },
  ) {
    this.#paused = options.paused ?? false;
  }

  /** Starts running what was collected while paused. */
  resume(): void {
    this.#paused = false;
    this.#pump();
  }

  /** Reconciles `key` soon (again after the current run, if one is running). */
  add(key: string): void {
    if (this.#stopped) return;
    const state = this.#state(key);
    clearTimeout(state.timer);
    state.timer = undefined;
    if (state.running) {
      state.dirty = true;
      return;
    }
    if (state.queued) return;
    state.queued = true;
    this.#ready.push(key);
    this.#pump();
  }

  /** Reconciles `key` after `ms`, unless something adds it sooner. */
  addAfter(key: string, ms: number): void {
    if (this.#stopped) return;
    const state = this.#state(key);
    if (state.timer !== undefined || state.queued) return;
    // A delay past a timer's range (an FkasMachine's "1000000h") would fire at once and spin;
    // waking early instead only reconciles once more, and the reconciler waits again.
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.add(key);
    }, Math.min(Math.max(ms, 0), MAX_TIMER_MS));
  }

  /** Drops a key's pending retries (its object is gone). */
  forget(key: string): void {
    const state = this.#keys.get(key);
    if (state && !state.running && !state.queued) {
      clearTimeout(state.timer);
      this.#keys.delete(key);
    }
  }

  /** Resolves when nothing runs or waits to run (timers aside). */
  whenIdle(): Promise<void> {
    if (this.#active === 0 && this.#ready.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  stop(): void {
    this.#stopped = true;
    for (const state of this.#keys.values()) clearTimeout(state.timer);
    this.#ready.length = 0;
  }

  #state(key: string): KeyState {
    let state = this.#keys.get(key);
    if (!state) {
      state = { running: false, dirty: false, queued: false, failures: 0 };
      this.#keys.set(key, state);
    }
    return state;
  }

  #pump(): void {
    if (this.#paused) return;
    while (!this.#stopped && this.#active < this.options.concurrency && this.#ready.length) {
      const key = this.#ready.shift()!;
      this.#run(key);
    }
    if (this.#active === 0 && this.#ready.length === 0) {
      for (const resolve of this.#idle) resolve();
      this.#idle.clear();
    }
  }

  async #run(key: string): Promise<void> {
    const state = this.#state(key);
    state.queued = false;
    state.running = true;
    this.#active++;
    try {
      const result = await this.reconcile(key);
      state.failures = 0;
      if (result?.requeueAfterMs !== undefined) this.#after(key, state, result.requeueAfterMs);
    } catch (error) {
      const retryInMs = backoffDelay(state.failures++, this.options.random);
      this.options.onError(key, error, retryInMs);
      this.#after(key, state, retryInMs);
    } finally {
      state.running = false;
      this.#active--;
      if (state.dirty) {
        state.dirty = false;
        this.add(key);
      }
      this.#pump();
    }
  }

  #after(key: string, state: KeyState, ms: number): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    this.addAfter(key, Math.max(0, Math.ceil(ms)));
  }
}
