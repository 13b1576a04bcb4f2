// Wires one fkas process: cluster registry, per-cluster listeners, kube app and control API.

import { ClusterRegistry } from "../cluster/mod.ts";
import type { Config } from "../config/mod.ts";
import { createControlApp } from "../control/mod.ts";
import { BootTimeline, CpuUsage, createDashboardApp, RequestRates } from "../dashboard/mod.ts";
import { type ClusterHost, LocalClusterHost } from "../hosts/mod.ts";
import { createKubeApp } from "../kube/mod.ts";
import { clusterListenerStarter } from "../listener/mod.ts";
import type { Logger } from "../log/mod.ts";
import { createFkasMetrics } from "../metrics/mod.ts";
import {
  caSecretsReader,
  connectManagementCluster,
  type InformerListing,
  listingMessage,
  type ManagementClient,
  managementSource,
  type ManagementWatcher,
  type ManagementWrites,
  startBaremetalHostWatcher,
  startMachineWatcher,
} from "../management/mod.ts";
import { startProvider } from "../provider/mod.ts";
import {
  ConnectionBudget,
  environment,
  fileExists,
  isPortFree,
  openFileLimit,
  processCpuSeconds,
  residentMemoryBytes,
  startHttpEndpoint,
} from "../runtime/mod.ts";
import { clusterCounts } from "./cluster_counts.ts";
import { openDurability } from "./durability.ts";
import { logClusterEvent } from "./cluster_event_log.ts";
import { requestLogFields } from "./request_log.ts";
import { exposureWarnings } from "./exposure_warnings.ts";

/** A running fkas: where its control API listens, its clusters, and how to stop it. */
export interface FkasServer {
  readonly controlPort: number;
  /** This thread's clusters (tests and durability read them directly). */
  readonly registry: ClusterRegistry;
  /** Where the clusters live: what the control API, dashboard, watchers and provider use. */
  readonly host: ClusterHost;
  /** The management cluster's API server, when fkas uses one. */
  readonly managementServer?: string;
  /** Stops accepting, closes the control API and every cluster listener. */
  close(): Promise<void>;
}

/** Starts the control API; cluster listeners start as their first control plane reports in. */
export async function startFkas(config: Config, log: Logger): Promise<FkasServer> {
  const now = () => new Date();
  const debug = config.logLevel === "debug";
  const management = connectManagement(config);
  const dataDir = config.dataDir;
  const durability = dataDir === undefined
    ? undefined
    : await openDurability({ ...config, dataDir }, log, () => performance.now(), processCpuSeconds);
  // The gauges read the registry at scrape time, long after it exists.
  const metrics = createFkasMetrics({
    now: () => performance.now(),
    clusters: () => clusterCounts(registry.list()),
  });
  // The dashboard's per-cluster rates hear every request the metrics hear.
  const rates = new RequestRates(() => performance.now());
  // The dashboard's boot timelines hear every lifecycle event the log hears.
  const boots = new BootTimeline(() => Date.now());
  const kubeApp = createKubeApp({
    now,
    anonymousAuth: config.anonymousAuth,
    serviceAccountTokenAuth: config.serviceAccountTokenAuth,
    metrics: {
      ...metrics,
      recordKubeRequest(request) {
        metrics.recordKubeRequest(request);
        rates.record(request.cluster, request.verb, request.resource, request.code);
        if (debug) log.debug("request", requestLogFields(request));
      },
      watchStarted(cluster, resource) {
        const ended = metrics.watchStarted(cluster, resource);
        const closed = rates.watchOpened(cluster);
        return () => {
          ended();
          closed();
        };
      },
    },
    maxRequestBytes: config.maxRequestBytes,
    durable: durability && (() => durability.durable()),
  });
  const registry: ClusterRegistry = new ClusterRegistry({
    advertiseHost: config.advertiseHost,
    ports: config.ports,
    caKeyAlgorithm: config.caKeyAlgorithm,
    kubernetesVersion: config.kubernetesVersion,
    now,
    newUid: () => crypto.randomUUID(),
    isPortFree: (port) => isPortFree(config.listenHost, port),
    readCaSecrets: management && caSecretsReader(management),
    defaultCaSource: config.caSource ?? (management ? "secrets" : "generated"),
    maxNodesPerCluster: config.maxNodesPerCluster,
    workloads: config.workloads,
    clusterCidr: config.clusterCidr,
    nodeCidrMaskSize: config.nodeCidrMaskSize,
    bootstrapPolicy: config.bootstrapPolicy,
    leaseRenewal: config.leaseRenewal,
    journal: durability?.registryJournal,
    onEvent: (event, cluster) => {
      logClusterEvent(log, event, cluster);
      boots.record(`${cluster.namespace}/${cluster.name}`, event);
      if (event.kind === "deleted") rates.forget(`${cluster.namespace}/${cluster.name}`);
    },
    onCaRetry: (cluster, waitingFor, delayMs) =>
      log.info("cluster waits for its CA", { cluster: cluster.resourceName, waitingFor, delayMs }),
    onBackgroundError: (error, cluster) =>
      log.error("background work failed", { cluster: cluster.resourceName, error }),
    startListener: clusterListenerStarter({
      listenHost: config.listenHost,
      limits: {
        headerTimeoutMs: config.headerTimeout,
        idleTimeoutMs: config.idleTimeout,
        maxConnectionsPerListener: config.maxConnectionsPerCluster,
      },
      // The control API's listener is not counted: the budget's reserve keeps its descriptors.
      budget: new ConnectionBudget({
        maxConnections: config.maxConnections,
        descriptors: openFileLimit(),
      }),
      anonymousAuth: config.anonymousAuth,
      tunnelLimits: {
        maxHeaderBytes: config.portForwardMaxHeaderBytes,
        maxStreamBufferBytes: config.portForwardStreamBufferBytes,
        maxConnectionBufferBytes: config.portForwardConnectionBufferBytes,
        maxConcurrentStreams: config.portForwardMaxStreams,
      },
      now,
      kubeApp: durability
        ? { fetch: durability.holdKube((request, bindings) => kubeApp.fetch(request, bindings)) }
        : kubeApp,
      onError: (error, cluster) =>
        log.error("cluster request failed", { cluster: cluster.resourceName, error }),
    }),
  });
  const host = new LocalClusterHost(registry, { now });
  const controlApp = createControlApp({
    host,
    token: config.controlToken,
    maxFaultRules: config.maxFaultRules,
    onRequest: (entry) => log.debug("control request", { ...entry, ms: Math.round(entry.ms) }),
    onChange: (message, fields) => log.info(message, fields),
    metrics,
  });
  // Restored clusters are back before the control API answers anything.
  await durability?.restore(registry);
  const dashboard = createDashboardApp({
    host,
    token: config.controlToken,
    residentMemoryBytes,
    rates,
    cpu: new CpuUsage(processCpuSeconds, () => performance.now() / 1000),
    boots,
  });
  // `/ui` is the dashboard; everything else the control API.
  const controlFetch = (request: Request) =>
    isDashboardPath(new URL(request.url).pathname)
      ? dashboard.fetch(request)
      : controlApp.fetch(request);
  const control = await startHttpEndpoint({
    host: config.controlAddress.host,
    port: config.controlAddress.port,
    fetch: durability ? durability.holdControl(controlFetch) : controlFetch,
    // The cluster ports' timeouts: a silent client must not hold the control API's descriptors.
    timeouts: { headerTimeoutMs: config.headerTimeout, idleTimeoutMs: config.idleTimeout },
  });
  for (const warning of exposureWarnings(config, control.port)) {
    log.warn(warning.message, warning.fields);
  }
  const watcher = management && startWatcher(config, management, host, log);
  const provider = management && config.provider
    ? startProvider({
      client: management,
      host,
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
      await host.close();
      await durability?.close();
    },
  };
}

function isDashboardPath(path: string): boolean {
  return path === "/ui" || path.startsWith("/ui/");
}

function connectManagement(config: Config): (ManagementClient & ManagementWrites) | undefined {
  const source = managementSource(config.managementKubeconfig, environment(), fileExists);
  if (!source) {
    const needs = config.watch !== "none"
      ? `--watch ${config.watch}`
      : config.provider
      ? "--provider"
      : config.caSource === "secrets"
      ? "--ca-source secrets"
      : undefined;
    if (needs) {
      throw new Error(`${needs} needs a management cluster: set --management-kubeconfig`);
    }
    return undefined;
  }
  return connectManagementCluster(source);
}

function startWatcher(
  config: Config,
  client: ManagementClient,
  host: ClusterHost,
  log: Logger,
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
      onProblem,
      onReported,
      onListed,
    });
  }
  if (config.watch === "baremetalhosts") {
    return startBaremetalHostWatcher({ client, host, onProblem, onReported, onListed });
  }
  return undefined;
}
