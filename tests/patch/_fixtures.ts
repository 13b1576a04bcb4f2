// Small objects of built-in kinds for the strategic-merge tests, plus a deep freeze to prove inputs stay put.

/** Freezes a value and everything in it, so any in-place change throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A worker Node as the seed writes it. */
export function node() {
  return deepFreeze({
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: "wl-md-0-abcde",
      resourceVersion: "17",
      labels: { "kubernetes.io/hostname": "wl-md-0-abcde" },
      annotations: { "node.alpha.kubernetes.io/ttl": "0" },
    },
    spec: {
      providerID: "kind://docker/wl/wl-md-0-abcde",
      taints: [{ key: "node.cluster.x-k8s.io/uninitialized", effect: "NoSchedule" }],
    },
    status: {
      conditions: [
        { type: "Ready", status: "False", reason: "KubeletNotReady" },
        { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory" },
      ],
      addresses: [{ type: "InternalIP", address: "10.0.0.5" }],
    },
  });
}

/** A Deployment with an app container (two env vars) and a sidecar. */
export function deployment() {
  return deepFreeze({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "coredns", namespace: "kube-system", finalizers: ["a", "b"] },
    spec: {
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        spec: {
          containers: [
            {
              name: "app",
              image: "app:v1",
              env: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
            },
            { name: "sidecar", image: "sidecar:v1" },
          ],
          volumes: [{ name: "config", configMap: { name: "coredns" } }],
        },
      },
    },
  });
}

/** Reads a dotted path out of a patched object. */
export function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], value);
}
