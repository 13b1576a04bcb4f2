// Starts the worker threads of `--workers N` and connects a `WorkerClusterHost` to them.

import type { Config } from "../config/mod.ts";
import type { ClusterAddress } from "../hosts/mod.ts";
import {
  fromWireError,
  type HostChannel,
  type HostMessage,
  type RestoredAddress,
  WorkerClusterHost,
  type WorkerLogLevel,
} from "../hosts/workers/mod.ts";
import type { ClusterEvent } from "../cluster/mod.ts";
import { isPortFree, startWorkerThread, type WorkerThread } from "../runtime/mod.ts";
import type { ClusterWorkerData } from "./cluster_worker.ts";

/** The running workers and the host that reaches them. */
export interface ClusterWorkers {
  readonly host: WorkerClusterHost;
  /** Closes every cluster, then ends the threads. */
  close(): Promise<void>;
}

/** What starting the workers needs besides the Config. */
export interface ClusterWorkersOptions {
  readonly count: number;
  /** The module workers start on. @default ./cluster_worker_main.ts beside this file */
  readonly module?: URL;
  readonly onEvent: (event: ClusterEvent, cluster: ClusterAddress) => void;
  readonly onLog: (level: WorkerLogLevel, message: string, fields: Record<string, unknown>) => void;
  /** Hears a worker that ended on its own (its clusters are gone with it). */
  readonly onWorkerExit: (index: number, code: number, error?: Error) => void;
  /**
   * Each worker's journal dir (`--data-dir`, see `placeDataDir`): a worker restores what its
   * journal holds before it is ready, and journals its clusters there.
   */
  readonly journalDirs?: readonly string[];
}

/** Starts `count` workers and resolves once each has built its clusters' side. */
export async function startClusterWorkers(
  config: Config,
  options: ClusterWorkersOptions,
): Promise<ClusterWorkers> {
  const module = options.module ?? new URL("./cluster_worker_main.ts", import.meta.url);
  const threads: WorkerThread<HostMessage>[] = [];
  let closing = false;
  // Set once every worker is ready; a worker ending earlier fails the start instead.
  const started: { host?: WorkerClusterHost } = {};
  const ready: Promise<readonly RestoredAddress[]>[] = [];
  for (let index = 0; index < options.count; index++) {
    const data: ClusterWorkerData = {
      config,
      threads: options.count,
      index,
      journalDir: options.journalDirs?.[index],
    };
    const thread = startWorkerThread<HostMessage>(module, data);
    threads.push(thread);
    ready.push(
      new Promise<readonly RestoredAddress[]>((resolve, reject) => {
        thread.onMessage((message) => {
          // Until the host listens, start-up's log lines and events (a restore's) pass here.
          if (!started.host && message.type === "log") {
            options.onLog(message.level, message.message, message.fields);
          }
          if (!started.host && message.type === "event") {
            options.onEvent(message.event, message.cluster);
          }
          if (message.type === "ready") resolve(message.restored ?? []);
          // The worker's own error (a corrupt journal names its file): the start fails with it.
          if (message.type === "failed") reject(fromWireError(message.error));
        });
        thread.onExit((code, error) => {
          reject(
            new Error(`Cannot start worker ${index}: it exited with ${code}`, { cause: error }),
          );
          if (closing) return;
          started.host?.workerGone(
            index,
            `exited with ${code}${error ? `: ${error.message}` : ""}`,
          );
          options.onWorkerExit(index, code, error);
        });
      }),
    );
  }
  let restored: (readonly RestoredAddress[])[];
  try {
    restored = await Promise.all(ready);
  } catch (error) {
    closing = true;
    await Promise.all(threads.map((thread) => thread.terminate()));
    throw error;
  }
  const channels: HostChannel[] = threads;
  const host = started.host = new WorkerClusterHost({
    workers: channels,
    ports: config.ports,
    isPortFree: (port) => isPortFree(config.listenHost, port),
    onEvent: options.onEvent,
    onLog: options.onLog,
  });
  host.adopt(restored.flat());
  return {
    host,
    async close() {
      await host.close();
      closing = true;
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}
