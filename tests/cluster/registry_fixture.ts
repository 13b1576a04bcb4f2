// A ClusterRegistry with fake listeners, for tests that need no sockets.

import {
  ClusterRegistry,
  type ClusterRegistryOptions,
  type FakeCluster,
} from "../../src/cluster/mod.ts";

/** A registry whose listeners are recorded instead of opened. */
export function registryWithFakeListeners(overrides: Partial<ClusterRegistryOptions> = {}) {
  const started: FakeCluster[] = [];
  let uid = 0;
  const registry = new ClusterRegistry({
    advertiseHost: "192.0.2.10",
    ports: { min: 20000, max: 20009 },
    caKeyAlgorithm: "ecdsa",
    kubernetesVersion: "v1.33.1",
    now: () => new Date("2026-01-02T03:04:05Z"),
    newUid: () => `uid-${++uid}`,
    isPortFree: () => Promise.resolve(true),
    startListener: async (cluster) => {
      await new Promise((resolve) => setTimeout(resolve, 5)); // a real bind takes a moment
      started.push(cluster);
      return { close: () => Promise.resolve() };
    },
    ...overrides,
  });
  return { registry, started };
}
