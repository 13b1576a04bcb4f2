// Wires one fkas process: cluster registry, per-cluster listeners, kube app and control API.

import type { ClusterEvent, ClusterRegistry } from "../cluster/mod.ts";
import type { Config } from "../config/mod.ts";
import { createControlApp } from "../control/mod.ts";
import { BootTimeline, CpuUsage, createDashboardApp, RequestRates } from "../dashboard/mod.ts";
import { createPeerRouter, PeerSet } from "../hosts/peers/mod.ts";
import { type ClusterHost, type ClusterRef, LocalClusterHost } from "../hosts/mod.ts";
import type { Logger } from "../log/mod.ts";
import { createFkasMetrics } from "../metrics/mod.ts";
import {
  caSecretsReader,
  type InformerListing,
  listingMessage,
  type ManagementClient,
  type ManagementWatcher,
  startBaremetalHostWatcher,
  startMachineWatcher,
} from "../management/mod.ts";
import { startProvider } from "../provider/mod.ts";
import {
  availableCores,
  isPortFree,
  processCpuSeconds,
  residentMemoryBytes,
  startHttpEndpoint,
} from "../runtime/mod.ts";
import { clusterCounts } from "./cluster_counts.ts";
import { createClusterSide } from "./cluster_side.ts";
import { startClusterWorkers } from "./cluster_workers.ts";
import { type Durability, openDurability } from "./durability.ts";
import { placeDataDir } from "./data_dir_placement.ts";
import { logClusterEvent } from "./cluster_event_log.ts";
import { exposureWarnings } from "./exposure_warnings.ts";
import { connectManagement } from "./management_connection.ts";

/** A running fkas: where its control API listens, its clusters, and how to stop it. */
export interface FkasServer {
  readonly controlPort: number;
  /** This thread's clusters, when they live here (`--workers 1`; tests and durability read them). */
  readonly registry?: ClusterRegistry;
  /** Where the clusters live: what the control API, dashboard, watchers and provider use. */
  readonly host: ClusterHost;
  /** The management cluster's API server, when fkas uses one. */
  readonly managementServer?: string;
  /** Stops accepting, closes the control API and every cluster listener. */
  close(): Promise<void>;
}

/** Starts the control API; cluster listeners start as their first control plane reports in. */
export async function startFkas(
  config: Config,
  log: Logger,
  options: { readonly workerModule?: URL } = {},
): Promise<FkasServer> {
  const workers = workerCount(config.workers, availableCores());
  const management = connectManagement(config);
  const dataDir = config.dataDir;
  // The process holds the data dir's lock; each thread of clusters journals in its own dir.
  const placement = dataDir === undefined
    ? undefined
    : placeDataDir({ ...config, dataDir }, workers, log, () => performance.now());
  let durability: Durability | undefined;
  try {
    durability = placement && workers === 1
      ? await openDurability(
        { ...config, dataDir: placement.dirs[0] },
        log,
        () => performance.now(),
        { lock: false, cpuSeconds: processCpuSeconds },
      )
      : undefined;
  } catch (error) {
    placement?.unlock();
    throw error;
  }
  // The dashboard's per-cluster rates hear every request the metrics hear (in this thread).
  const rates = new RequestRates(() => performance.now());
  // The dashboard's boot timelines hear every lifecycle event the log hears.
  const boots = new BootTimeline(() => Date.now());
  const onEvent = (event: ClusterEvent, cluster: ClusterRef & { readonly port: number }) => {
    const key = `${cluster.namespace}/${cluster.name}`;
    logClusterEvent(log, event, cluster);
    boots.record(key, event);
    if (event.kind === "deleted") rates.forget(key);
  };
  // The gauges read the registry at scrape time; with workers, each worker counts its own and
  // /metrics sums them.
  const metrics = createFkasMetrics({
    now: () => performance.now(),
    clusters: () =>
      registry ? clusterCounts(registry.list()) : { clusters: 0, listeners: 0, nodes: 0 },
  });
  let registry: ClusterRegistry | undefined;
  let host: ClusterHost;
  let closeWorkers: (() => Promise<void>) | undefined;
  let workerMetrics: (() => Promise<string[]>) | undefined;
  if (workers > 1) {
    const started = await startClusterWorkers(config, {
      count: workers,
      module: options.workerModule,
      journalDirs: placement?.dirs,
      onEvent,
      onLog: (level, message, fields) => log[level](message, fields),
      onWorkerExit: (index, code, error) =>
        log.error("worker thread ended; its clusters are gone", { worker: index, code, error }),
    }).catch((error) => {
      placement?.unlock();
      throw error;
    });
    host = started.host;
    closeWorkers = started.close;
    workerMetrics = () => started.host.metrics();
  } else {
    registry = createClusterSide({
      config,
      log,
      metrics,
      rates,
      onEvent,
      durability,
      readCaSecrets: management && caSecretsReader(management),
      defaultCaSource: config.caSource ?? (management ? "secrets" : "generated"),
      isPortFree: (port) => isPortFree(config.listenHost, port),
    });
    host = new LocalClusterHost(registry, { traffic: rates });
  }
  const controlApp = createControlApp({
    host,
    token: config.controlToken,
    maxFaultRules: config.maxFaultRules,
    onRequest: (entry) => log.debug("control request", { ...entry, ms: Math.round(entry.ms) }),
    onChange: (message, fields) => log.info(message, fields),
    metrics,
    workerMetrics,
  });
  // Restored clusters are back before the control API answers anything.
  if (registry) await durability?.restore(registry);
  const dashboard = createDashboardApp({
    host,
    token: config.controlToken,
    residentMemoryBytes,
    cpu: new CpuUsage(processCpuSeconds, () => performance.now() / 1000),
    boots,
  });
  // `/ui` is the dashboard; everything else the control API.
  const controlFetch = (request: Request) =>
    isDashboardPath(urlPath(request.url)) ? dashboard.fetch(request) : controlApp.fetch(request);
  const served = durability ? durability.holdControl(controlFetch) : controlFetch;
  // With --peers, the peer layer sits in front: clusters this replica does not own go to theirs.
  const peers = config.peers && new PeerSet(config.peers, config.shardIndex ?? 0);
  const control = await startHttpEndpoint({
    host: config.controlAddress.host,
    port: config.controlAddress.port,
    fetch: peers ? createPeerRouter({ peers, local: served }) : served,
    // The cluster ports' timeouts: a silent client must not hold the control API's descriptors.
    timeouts: { headerTimeoutMs: config.headerTimeout, idleTimeoutMs: config.idleTimeout },
  });
  for (const warning of exposureWarnings(config, control.port)) {
    log.warn(warning.message, warning.fields);
  }
  if (peers) {
    log.info("replica of a sharded fkas", {
      shard: peers.selfIndex,
      replicas: peers.urls.length,
      peers: peers.urls.join(","),
    });
  }
  // Each replica acts in the management cluster only for the clusters it owns.
  const owns = peers && ((namespace: string, name: string) => peers.owns(namespace, name));
  const watcher = management && startWatcher(config, management, host, log, owns);
  const provider = management && config.provider
    ? startProvider({
      client: management,
      host,
      owns,
      log: (level, message, fields) => log[level](message, fields),
    })
    : undefined;
  return {
    controlPort: control.port,
    registry,
    host,
    managementServer: management?.server,
    async close() {
      await watcher?.stop();
      await provider?.stop();
      await control.close();
      if (closeWorkers) await closeWorkers();
      else await host.close();
      await durability?.close();
      placement?.unlock();
    },
  };
}

function isDashboardPath(path: string): boolean {
  return path === "/ui" || path.startsWith("/ui/");
}

// `new URL(url).pathname` without parsing the whole URL on every control request; a path that
// URL parsing could rewrite (dot segments, escapes, backslashes) still goes through it.
function urlPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  let end = start;
  while (end < url.length && url.charCodeAt(end) !== 63 && url.charCodeAt(end) !== 35) end++;
  const path = url.slice(start, end);
  return start < 0 || /[.%\\\s]/.test(path) ? new URL(url).pathname : path;
}

function startWatcher(
  config: Config,
  client: ManagementClient,
  host: ClusterHost,
  log: Logger,
  owns: ((namespace: string, name: string) => boolean) | undefined,
): ManagementWatcher | undefined {
  const onProblem = (message: string, fields: Record<string, unknown>) => log.warn(message, fields);
  const onReported = (report: { namespace: string; cluster: string; nodeName: string }) =>
    log.info("node reported from the management cluster", {
      cluster: `${report.namespace}/${report.cluster}`,
      node: report.nodeName,
    });
  const onListed = (listing: InformerListing) => log.info(listingMessage(listing), { ...listing });
  if (config.watch === "machines") {
    return startMachineWatcher({
      client,
      host,
      nodeNames: config.nodeName,
      owns,
      onProblem,
      onReported,
      onListed,
    });
  }
  if (config.watch === "baremetalhosts") {
    return startBaremetalHostWatcher({
      client,
      host,
      owns,
      onProblem,
      onReported,
      onListed,
    });
  }
  return undefined;
}

/** The thread count `--workers` asks for: "auto" is one per core. */
export function workerCount(workers: number | "auto", cores: number): number {
  return workers === "auto" ? Math.max(1, cores) : workers;
}
