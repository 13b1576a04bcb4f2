// One registered, activated cluster and the kube app, in process (no sockets, no TLS): the fixture
// of the benchmarks that measure what fkas's REST layer costs per request.

import {
  ClusterRegistry,
  type ClusterRegistryOptions,
  type FakeCluster,
} from "../../src/cluster/mod.ts";
import { createKubeApp, type KubeBindings } from "../../src/kube/mod.ts";
import { createFkasMetrics } from "../../src/metrics/mod.ts";

/** The kube app, the cluster `bench/app` with its control plane `cp`, and an admin's bindings. */
export interface InProcessApp {
  readonly app: ReturnType<typeof createKubeApp>;
  readonly cluster: FakeCluster;
  readonly bindings: KubeBindings;
}

/** A registry at v1.33.1 whose listeners are never opened (their cost is not what is measured). */
export function benchRegistry(overrides: Partial<ClusterRegistryOptions> = {}): ClusterRegistry {
  return new ClusterRegistry({
    advertiseHost: "127.0.0.1",
    ports: { min: 20000, max: 20010 },
    caKeyAlgorithm: "ecdsa",
    kubernetesVersion: "v1.33.1",
    now: () => new Date(),
    newUid: () => crypto.randomUUID(),
    isPortFree: () => Promise.resolve(true),
    startListener: () => Promise.resolve({ close: () => Promise.resolve() }),
    // fkas's default bound, so writes pay its check as they do when served.
    quotaBackendBytes: 256 * 1024 * 1024,
    ...overrides,
  });
}

/** Registers `bench/app`, reports its control plane `cp` and builds the kube app with metrics. */
export async function inProcessApp(): Promise<InProcessApp> {
  const registry = benchRegistry();
  const cluster = await registry.register({ namespace: "bench", name: "app" });
  await registry.reportNode({
    namespace: "bench",
    cluster: "app",
    nodeName: "cp",
    labels: { "cluster.x-k8s.io/control-plane": "" },
  });
  const metrics = createFkasMetrics({
    now: () => 0,
    clusters: () => ({ clusters: 1, listeners: 1, nodes: 1 }),
  });
  const app = createKubeApp({ now: () => new Date(), anonymousAuth: false, metrics });
  const bindings: KubeBindings = {
    cluster,
    client: { authenticated: true, user: "kubernetes-admin", groups: ["system:masters"] },
  };
  return { app, cluster, bindings };
}
