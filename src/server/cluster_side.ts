// The clusters of one thread: registry, kube app and per-cluster listeners, wired from a Config.
// The main thread builds one (`--workers 1`), or each worker thread builds its own.

import {
  type CaSource,
  type ClusterEventListener,
  ClusterRegistry,
  type ReadCaSecrets,
} from "../cluster/mod.ts";
import type { Config } from "../config/mod.ts";
import type { RequestRates } from "../dashboard/mod.ts";
import { createKubeApp } from "../kube/mod.ts";
import { clusterListenerStarter } from "../listener/mod.ts";
import type { Logger } from "../log/mod.ts";
import type { FkasMetrics } from "../metrics/mod.ts";
import { BufferBudget, ConnectionBudget, openFileLimit } from "../runtime/mod.ts";
import type { Durability } from "./durability.ts";
import { requestLogFields } from "./request_log.ts";

/** What one thread's clusters are wired with besides the Config. */
export interface ClusterSideOptions {
  readonly config: Config;
  readonly log: Logger;
  readonly metrics: FkasMetrics;
  /** The dashboard's per-cluster rates, when this thread serves the dashboard. */
  readonly rates?: RequestRates;
  readonly onEvent: ClusterEventListener;
  readonly durability?: Durability;
  readonly readCaSecrets?: ReadCaSecrets;
  readonly defaultCaSource: CaSource;
  readonly isPortFree: (port: number) => Promise<boolean>;
  /**
   * How many threads share the process's bounds (connections, watches, buffered bytes) and
   * descriptors: each gets its share. @default 1
   */
  readonly threads?: number;
}

/** Builds one thread's registry (and the kube app its listeners serve). */
export function createClusterSide(options: ClusterSideOptions): ClusterRegistry {
  const { config, log, metrics, rates, durability } = options;
  const now = () => new Date();
  const debug = config.logLevel === "debug";
  const threads = options.threads ?? 1;
  // A process-wide bound, as each thread's share of it.
  const share = (total: number) => Math.max(1, Math.floor(total / threads));
  const kubeApp = createKubeApp({
    now,
    anonymousAuth: config.anonymousAuth,
    serviceAccountTokenAuth: config.serviceAccountTokenAuth,
    metrics: {
      ...metrics,
      recordKubeRequest(request) {
        metrics.recordKubeRequest(request);
        rates?.record(request.cluster, request.verb, request.resource, request.code);
        if (debug) log.debug("request", requestLogFields(request));
      },
      watchStarted(cluster, resource) {
        const ended = metrics.watchStarted(cluster, resource);
        const closed = rates?.watchOpened(cluster);
        return () => {
          ended();
          closed?.();
        };
      },
    },
    maxRequestBytes: config.maxRequestBytes,
    durable: durability && (() => durability.durable()),
    // Threads share the process's bound: each holds its share.
    watchLimits: {
      perCluster: config.maxWatchesPerCluster,
      total: share(config.maxWatches),
    },
  });
  const descriptors = openFileLimit();
  return new ClusterRegistry({
    advertiseHost: config.advertiseHost,
    ports: config.ports,
    caKeyAlgorithm: config.caKeyAlgorithm,
    kubernetesVersion: config.kubernetesVersion,
    now,
    monotonicNow: () => performance.now(),
    newUid: () => crypto.randomUUID(),
    isPortFree: options.isPortFree,
    readCaSecrets: options.readCaSecrets,
    defaultCaSource: options.defaultCaSource,
    maxNodesPerCluster: config.maxNodesPerCluster,
    quotaBackendBytes: config.quotaBackendBytes,
    workloads: config.workloads,
    clusterCidr: config.clusterCidr,
    nodeCidrMaskSize: config.nodeCidrMaskSize,
    bootstrapPolicy: config.bootstrapPolicy,
    leaseRenewal: config.leaseRenewal,
    journal: durability?.registryJournal,
    onEvent: options.onEvent,
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
      // Threads share the process's descriptors: each counts against its share.
      buffers: new BufferBudget({
        perEndpoint: config.maxBufferedBytesPerCluster,
        total: share(config.maxBufferedBytes),
        largestBody: config.maxRequestBytes,
      }),
      budget: new ConnectionBudget({
        maxConnections: config.maxConnections === undefined
          ? undefined
          : share(config.maxConnections),
        descriptors: descriptors === undefined ? undefined : Math.floor(descriptors / threads),
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
}
