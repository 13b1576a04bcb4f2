// Benchmark: what kube-apiserver's validation (src/api/validation/) costs per write, in process.
// Usage: npx --yes bun@1.4.5 scripts/bench/validation.ts [--calls 200000]
//        npx --yes deno@2.9.6 run -A scripts/bench/validation.ts
// Validates the objects the hot write paths carry (a seeded Node as a PATCH of its labels leaves
// it, a Deployment, a ConfigMap) and prints microseconds per call: the time a write spends in
// validation, to set beside a write's whole cost (`scripts/bench/rest.ts`).

import { parseArgs } from "node:util";
import { validateCreate, validateUpdate } from "../../src/api/validation/mod.ts";
import { renderNode } from "../../src/seed/mod.ts";

const { values } = parseArgs({ options: { calls: { type: "string", default: "200000" } } });
const calls = Number(values.calls);

const node = renderNode({
  name: "cp-1",
  labels: { "cluster.x-k8s.io/control-plane": "", "bench.fkas.io/seq": "1" },
  kubeletVersion: "v1.33.1",
  controlPlane: true,
  internalIP: "10.0.0.2",
  systemUUID: "8d3c1f4e-0000-4000-8000-000000000001",
  now: new Date(),
}) as unknown as Record<string, unknown>;
const deployment = {
  metadata: { name: "web", namespace: "default", labels: { app: "web" } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 80 }] }] },
    },
  },
};
const configMap = { metadata: { name: "c", namespace: "default" }, data: { a: "x".repeat(1000) } };
// A Pod as a Deployment's template makes them: volumes, mounts, resources, probes, a security
// context and affinity, each of which validation walks.
const pod = {
  metadata: { name: "web-1", namespace: "default", labels: { app: "web" } },
  spec: {
    volumes: [
      { name: "config", configMap: { name: "web", items: [{ key: "a", path: "a.conf" }] } },
      { name: "cache", emptyDir: { sizeLimit: "1Gi" } },
    ],
    containers: [{
      name: "web",
      image: "nginx",
      ports: [{ containerPort: 80 }],
      volumeMounts: [{ name: "config", mountPath: "/etc/web" }, {
        name: "cache",
        mountPath: "/cache",
      }],
      resources: {
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "1", memory: "1Gi" },
      },
      livenessProbe: { httpGet: { path: "/healthz", port: 80 }, periodSeconds: 10 },
      readinessProbe: { tcpSocket: { port: "http" } },
      securityContext: { runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
    }],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: {
            labelSelector: { matchLabels: { app: "web" } },
            topologyKey: "kubernetes.io/hostname",
          },
        }],
      },
    },
  },
};
const PODS = { key: "pods", namespaced: true };
const NODES = { key: "nodes", namespaced: false };
const DEPLOYMENTS = { key: "apps/deployments", namespaced: true };
const CONFIG_MAPS = { key: "configmaps", namespaced: true };

const cases: [string, () => unknown][] = [
  ["Node update (a PATCH of its labels)", () => validateUpdate(NODES, node, node, 33)],
  ["Deployment create", () => validateCreate(DEPLOYMENTS, deployment, 33)],
  ["Deployment update", () => validateUpdate(DEPLOYMENTS, deployment, deployment, 33)],
  ["ConfigMap create (1 KB of data)", () => validateCreate(CONFIG_MAPS, configMap, 33)],
  ["Pod create (volumes, resources, probes, affinity)", () => validateCreate(PODS, pod, 33)],
];
for (const [label, run] of cases) {
  for (let i = 0; i < calls / 10; i++) run();
  const start = performance.now();
  for (let i = 0; i < calls; i++) run();
  console.log(`${label}: ${((performance.now() - start) / calls * 1000).toFixed(2)} µs per call`);
}
