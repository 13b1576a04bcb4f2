// A worker thread's side of `--workers N`: its own registry, kube app and listeners for the
// clusters placed on it, served to the main thread over the host protocol.

import type { Config } from "../config/mod.ts";
import { LocalClusterHost } from "../hosts/mod.ts";
import {
  type HostChannel,
  type HostMessage,
  plainFields,
  serveClusterHost,
  toWireError,
  type WorkerLogLevel,
} from "../hosts/workers/mod.ts";
import type { LogFields, Logger } from "../log/mod.ts";
import { RequestRates } from "../dashboard/mod.ts";
import { caSecretsReader } from "../management/mod.ts";
import { createFkasMetrics } from "../metrics/mod.ts";
import type { ThreadPort } from "../runtime/mod.ts";
import { clusterCounts } from "./cluster_counts.ts";
import { createClusterSide } from "./cluster_side.ts";
import { openDurability } from "./durability.ts";
import { connectManagement } from "./management_connection.ts";

/** What the main thread starts a worker with (structured-cloned). */
export interface ClusterWorkerData {
  readonly config: Config;
  /** How many workers share the process. */
  readonly threads: number;
  /** This worker's index. */
  readonly index?: number;
  /** This worker's journal dir inside the data dir, whose lock the main thread holds. */
  readonly journalDir?: string;
}

/**
 * Runs a worker's clusters until the main thread closes them and ends the thread; with a
 * journal dir it first restores the clusters journaled there. Tells the main thread "ready"
 * (with what it restored) or "failed".
 */
export async function runClusterWorker(
  parent: ThreadPort<HostMessage>,
  data: ClusterWorkerData,
): Promise<void> {
  const channel: HostChannel = parent;
  try {
    await serveWorker(channel, data);
  } catch (error) {
    channel.post({ type: "failed", error: toWireError(error) });
  }
}

async function serveWorker(channel: HostChannel, data: ClusterWorkerData): Promise<void> {
  const { config, threads, journalDir } = data;
  const log = forwardingLogger(channel);
  const durability = journalDir === undefined ? undefined : await openDurability(
    { ...config, dataDir: journalDir },
    log,
    () => performance.now(),
    { lock: false, worker: data.index },
  );
  const management = connectManagement(config);
  const metrics = createFkasMetrics({
    now: () => performance.now(),
    clusters: () => clusterCounts(registry.list()),
  });
  // The dashboard's rates of this worker's clusters, read through the host's summaries.
  const rates = new RequestRates(() => performance.now());
  const registry = createClusterSide({
    config,
    log,
    metrics,
    rates,
    // Events are the main thread's to log and to show on the dashboard.
    onEvent: (event, cluster) => {
      if (event.kind === "deleted") rates.forget(`${cluster.namespace}/${cluster.name}`);
      channel.post({
        type: "event",
        event,
        cluster: {
          namespace: cluster.namespace,
          name: cluster.name,
          resourceName: `${cluster.namespace}/${cluster.name}`,
          host: config.advertiseHost,
          port: cluster.port,
        },
      });
    },
    readCaSecrets: management && caSecretsReader(management),
    defaultCaSource: config.caSource ?? (management ? "secrets" : "generated"),
    // The main thread chose the port and probed it; this worker only claims it.
    isPortFree: () => Promise.resolve(true),
    threads,
    durability,
  });
  try {
    await durability?.restore(registry);
  } catch (error) {
    await durability?.close();
    throw error;
  }
  const host = new LocalClusterHost(registry, { traffic: rates });
  serveClusterHost(channel, host, () => metrics.render(), durability);
  const restored = durability
    ? registry.list().map((cluster) => ({ resourceName: cluster.resourceName, port: cluster.port }))
    : undefined;
  channel.post({ type: "ready", restored });
}

// Log lines travel to the main thread, whose logger writes them (one format, one level).
function forwardingLogger(channel: HostChannel): Logger {
  const line = (level: WorkerLogLevel) => (message: string, fields: LogFields = {}) =>
    channel.post({ type: "log", level, message, fields: plainFields(fields) });
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}
