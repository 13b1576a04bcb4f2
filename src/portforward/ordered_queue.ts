// Runs tasks strictly in order: synchronously while nothing is pending, chained behind async ones.

/** A FIFO of sync-or-async tasks; async steps (zlib) never let a later frame overtake an earlier one. */
export class OrderedQueue {
  #tail: Promise<void> | null = null;
  readonly #onError: (error: unknown) => void;

  /** `onError` receives any task's failure; later tasks still run. */
  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Runs `task` now when idle, else after every task queued before it. */
  push(task: () => void | Promise<void>): void {
    if (this.#tail === null) {
      let result: void | Promise<void>;
      try {
        result = task();
      } catch (error) {
        return this.#onError(error);
      }
      if (result instanceof Promise) this.#track(result);
      return;
    }
    this.#track(this.#tail.then(task));
  }

  #track(work: Promise<void>): void {
    const tail: Promise<void> = work.catch(this.#onError).then(() => {
      if (this.#tail === tail) this.#tail = null;
    });
    this.#tail = tail;
  }
}
