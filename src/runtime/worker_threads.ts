// Worker threads (`node:worker_threads`, on Deno and Bun alike): start one on a module, or reach
// the parent from inside one. Messages are structured clones, posted in batches: what one turn of
// the event loop posts leaves as one array.

import { availableParallelism } from "node:os";
import { setImmediate } from "node:timers";
import { parentPort, Worker, workerData } from "node:worker_threads";

/** One end of a thread's message port. */
export interface ThreadPort<T> {
  post(message: T): void;
  onMessage(listener: (message: T) => void): void;
}

/** A started worker thread. */
export interface WorkerThread<T> extends ThreadPort<T> {
  /** Hears the thread end: its exit code, and the error that ended it, if one did. */
  onExit(listener: (code: number, error?: Error) => void): void;
  /** Stops the thread at once. */
  terminate(): Promise<void>;
}

/**
 * A `post` that gathers messages and sends them with `send` as one array: an `urgent` one (that
 * someone waits for) at once with those before it, the others once `schedule` runs the flush
 * (after the I/O of this turn of the event loop). A registered cluster raises a dozen events,
 * each a structured clone and a wake-up of the other thread (~7 µs of CPU on Bun); batched, a
 * turn's events cost about one, and no answer waits for a turn.
 */
export function batchedPost<T>(
  send: (batch: T[]) => void,
  urgent: (message: T) => boolean,
  schedule: (flush: () => void) => void = setImmediate,
): (message: T) => void {
  let pending: T[] | undefined;
  const flush = () => {
    if (pending === undefined) return;
    const batch = pending;
    pending = undefined;
    try {
      send(batch);
    } catch (error) {
      // One message that cannot be cloned must not take the others with it: they go one by
      // one, and the failure is thrown as the post of that message alone would have thrown.
      if (batch.length === 1) throw error;
      let failure: unknown;
      for (const message of batch) {
        try {
          send([message]);
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure !== undefined) throw failure;
    }
  };
  return (message) => {
    if (pending === undefined) {
      pending = [];
      if (!urgent(message)) schedule(flush);
    }
    pending.push(message);
    if (urgent(message)) flush();
  };
}

/** How a thread's port posts: which messages are urgent (the rest wait for the turn's end). */
export interface ThreadPortOptions<T> {
  /** Default: every message (none is batched). */
  readonly urgent?: (message: T) => boolean;
}

const ALWAYS = () => true;

// Each message event carries a batch (`batchedPost`): its messages in order.
const eachOf = <T>(listener: (message: T) => void) => (batch: T[]) => {
  for (const message of batch) listener(message);
};

/** Starts a worker thread running `module` with `data` (structured-cloned). */
export function startWorkerThread<T>(
  module: URL,
  data: unknown,
  options: ThreadPortOptions<T> = {},
): WorkerThread<T> {
  const worker = new Worker(module, { workerData: data });
  let failure: Error | undefined;
  worker.on("error", (error: Error) => failure = error);
  return {
    post: batchedPost<T>((batch) => worker.postMessage(batch), options.urgent ?? ALWAYS),
    onMessage: (listener) => worker.on("message", eachOf(listener)),
    onExit: (listener) => worker.on("exit", (code: number) => listener(code, failure)),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/** Inside a worker thread: the port to its parent and the data it was started with. */
export function parentThread<T>(
  options: ThreadPortOptions<T> = {},
): (ThreadPort<T> & { readonly data: unknown }) | undefined {
  const port = parentPort;
  if (!port) return undefined;
  return {
    data: workerData,
    post: batchedPost<T>((batch) => port.postMessage(batch), options.urgent ?? ALWAYS),
    onMessage: (listener) => port.on("message", eachOf(listener)),
  };
}

/** How many threads may usefully run at once on this machine (`--workers auto`). */
export function availableCores(): number {
  return availableParallelism();
}
