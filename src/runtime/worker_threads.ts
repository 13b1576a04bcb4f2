// Worker threads (`node:worker_threads`, on Deno and Bun alike): start one on a module, or reach
// the parent from inside one. Messages are structured clones.

import { availableParallelism } from "node:os";
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

/** Starts a worker thread running `module` with `data` (structured-cloned). */
export function startWorkerThread<T>(module: URL, data: unknown): WorkerThread<T> {
  const worker = new Worker(module, { workerData: data });
  let failure: Error | undefined;
  worker.on("error", (error: Error) => failure = error);
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on("message", listener),
    onExit: (listener) => worker.on("exit", (code: number) => listener(code, failure)),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/** Inside a worker thread: the port to its parent and the data it was started with. */
export function parentThread<T>(): (ThreadPort<T> & { readonly data: unknown }) | undefined {
  const port = parentPort;
  if (!port) return undefined;
  return {
    data: workerData,
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.on("message", listener),
  };
}

/** How many threads may usefully run at once on this machine (`--workers auto`). */
export function availableCores(): number {
  return availableParallelism();
}
