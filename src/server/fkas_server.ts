// Wires one fkas process: cluster registry, per-cluster listeners, kube app and control API.

import { ClusterRegistry } from "../cluster/mod.ts";
import type { Config } from "../config/mod.ts";
import { createControlApp } from "../control/mod.ts";
import { createKubeApp } from "../kube/mod.ts";
import { clusterListenerStarter } from "../listener/mod.ts";
import type { Logger } from "../log/mod.ts";
import { createFkasMetrics } from "../metrics/mod.ts";
import { isPortFree, startHttpEndpoint } from "../runtime/mod.ts";
import { clusterCounts } from "./cluster_counts.ts";

/** A running fkas: where its control API listens, its clusters, and how to stop it. */
export interface FkasServer {
  readonly controlPort: number;
  readonly registry: ClusterRegistry;
  /** Stops accepting, closes the control API and every cluster listener. */
  close(): Promise<void>;
}

/** Starts the control API; cluster listeners start as their first control plane reports in. */
export async function startFkas(config: Config, log: Logger): Promise<FkasServer> {
  const now = () => new Date();
  // The gauges read the registry at scrape time, long after it exists.
  const metrics = createFkasMetrics({
    now: () => performance.now(),
    clusters: () => clusterCounts(registry.list()),
  });
  const kubeApp = createKubeApp({ now, anonymousAuth: config.anonymousAuth, metrics });
  const registry: ClusterRegistry = new ClusterRegistry({
    advertiseHost: config.advertiseHost,
    ports: config.ports,
    caKeyAlgorithm: config.caKeyAlgorithm,
    kubernetesVersion: config.kubernetesVersion,
    now,
    newUid: () => crypto.randomUUID(),
    isPortFree: (port) => isPortFree(config.listenHost, port),
    startListener: clusterListenerStarter({
      listenHost: config.listenHost,
      anonymousAuth: config.anonymousAuth,
      now,
      kubeApp,
      onError: (error, cluster) =>
        log.error("cluster request failed", { cluster: cluster.resourceName, error }),
    }),
  });
  const controlApp = createControlApp({
    registry,
    token: config.controlToken,
    onRequest: (entry) => log.debug("control request", entry),
    metrics,
  });
  const control = await startHttpEndpoint({
    host: config.controlAddress.host,
    port: config.controlAddress.port,
    fetch: (request) => controlApp.fetch(request),
  });
  return {
    controlPort: control.port,
    registry,
    async close() {
      await control.close();
      await registry.close();
    },
  };
}
