// N booted fake clusters in process (1 control plane + 3 workers each, listeners never opened: no
// sockets, no TLS): the fixture of the benchmarks that measure what clusters cost while they sit
// there (store_memory.ts: heap; workloads_idle.ts: idle CPU).

import { randomUUID } from "node:crypto";
import { ClusterRegistry, type FakeCluster } from "../../src/cluster/mod.ts";

/** How the registry of an in-process bench is built. */
export interface InProcessRegistryOptions {
  /** How many clusters it has room for (one fake port each). */
  readonly clusters: number;
  readonly workloads?: boolean;
  readonly bootstrapPolicy?: boolean;
}

/** The registry, and how many background errors it reported (the first is printed). */
export interface InProcessRegistry {
  readonly registry: ClusterRegistry;
  backgroundErrors(): number;
}

/** Workers reported to each cluster besides its control plane. */
export const WORKERS = 3;

/** A registry at v1.33.1 with ECDSA CAs whose listeners are never opened. */
export function inProcessRegistry(options: InProcessRegistryOptions): InProcessRegistry {
  let errors = 0;
  const registry = new ClusterRegistry({
    advertiseHost: "127.0.0.1",
    ports: { min: 20000, max: 20000 + options.clusters },
    caKeyAlgorithm: "ecdsa",
    kubernetesVersion: "v1.33.1",
    now: () => new Date(),
    newUid: randomUUID,
    isPortFree: () => Promise.resolve(true),
    startListener: () => Promise.resolve({ close: () => Promise.resolve() }),
    bootstrapPolicy: options.bootstrapPolicy ?? false,
    workloads: options.workloads ?? false,
    onBackgroundError: (error) => {
      if (errors++ === 0) console.error(`first background error: ${error}`);
    },
  });
  return { registry, backgroundErrors: () => errors };
}

/** Registers `namespace/c0` … `c<count-1>` and waits for their CAs. */
export async function registerClusters(
  registry: ClusterRegistry,
  namespace: string,
  count: number,
): Promise<FakeCluster[]> {
  const clusters: FakeCluster[] = [];
  for (let i = 0; i < count; i++) {
    clusters.push(await registry.register({ namespace, name: `c${i}` }));
  }
  await Promise.all(clusters.map((cluster) => cluster.whenCasReady()));
  return clusters;
}

/**
 * Reports each cluster's control plane `<name>-cp-1` and workers `<name>-w-1..3`, then waits
 * (polling every 200 ms with `sleep`, up to `timeoutMs`) until every cluster is activated and
 * no boot is running: boots run in the background (phases).
 */
export async function bootClusters(
  registry: ClusterRegistry,
  clusters: readonly FakeCluster[],
  sleep: (ms: number) => Promise<unknown>,
  timeoutMs: number,
): Promise<void> {
  for (const cluster of clusters) {
    const nodes = [
      `${cluster.name}-cp-1`,
      ...Array.from({ length: WORKERS }, (_, w) => `${cluster.name}-w-${w + 1}`),
    ];
    for (const [n, nodeName] of nodes.entries()) {
      await registry.reportNode({
        namespace: cluster.namespace,
        cluster: cluster.name,
        nodeName,
        labels: n === 0 ? { "cluster.x-k8s.io/control-plane": "" } : {},
        kubernetesVersion: "v1.33.1",
        providerID: `fake://${nodeName}`,
      });
    }
  }
  for (let waited = 0; waited < timeoutMs; waited += 200) {
    if (clusters.every((c) => c.activated && c.booting.size === 0)) return;
    await sleep(200);
  }
}
