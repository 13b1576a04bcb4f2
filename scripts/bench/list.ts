// Benchmark: LIST of many pods in JSON and in protobuf, in process (the kube app's request path,
// no sockets), from the same stored objects.
// Usage: npx --yes bun@1.4.5 scripts/bench/list.ts [--pods 100000] [--runs 7]
//        npx --yes deno@2.9.6 run -A scripts/bench/list.ts [--pods 100000]
// Prints the first LIST (every object encoded) and the median of the rest (per-object encodings
// cached, as they stay for unchanged objects) for each format.

import process from "node:process";
import { parseArgs } from "node:util";
import { bareCluster } from "./_bare_cluster.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { pods: { type: "string" }, runs: { type: "string" } },
});
const PODS = positive("pods", values.pods, 100_000);
const RUNS = positive("runs", values.runs, 7);
const FORMATS = {
  json: "application/json",
  protobuf: "application/vnd.kubernetes.protobuf",
} as const;

const { cluster, app, bindings } = bareCluster();
const pods = cluster.catalog.find("", "v1", "pods")!;

/** A pod as the kubelet and the scheduler leave it (~1.5 KB of JSON). */
function pod(i: number) {
  const node = `node-${i % 1000}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `app-${i}`,
      namespace: `ns-${i % 100}`,
      labels: { app: "bench", "pod-template-hash": "5d8f7c9b4", shard: String(i % 16) },
      annotations: { "kubectl.kubernetes.io/restartedAt": "2026-01-02T03:04:05Z" },
      ownerReferences: [{
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: "app-5d8f7c9b4",
        uid: owners[i % 100],
        controller: true,
        blockOwnerDeletion: true,
      }],
    },
    spec: {
      nodeName: node,
      containers: [{
        name: "app",
        image: "registry.example.com/app:1.2.3",
        ports: [{ containerPort: 8080, protocol: "TCP" }],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 10 },
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
        imagePullPolicy: "IfNotPresent",
      }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      schedulerName: "default-scheduler",
      tolerations: [{
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      }],
    },
    status: {
      phase: "Running",
      qosClass: "Burstable",
      hostIP: "10.0.0.1",
      podIP: `10.1.${(i >> 8) & 255}.${i & 255}`,
      startTime: "2026-01-02T03:04:05Z",
      conditions: [
        { type: "Ready", status: "True", lastTransitionTime: "2026-01-02T03:04:06Z" },
        { type: "PodScheduled", status: "True", lastTransitionTime: "2026-01-02T03:04:05Z" },
      ],
      containerStatuses: [{
        name: "app",
        ready: true,
        started: true,
        restartCount: 0,
        image: "registry.example.com/app:1.2.3",
        imageID: "registry.example.com/app@sha256:0123456789abcdef",
        containerID: `containerd://${i.toString(16).padStart(12, "0")}`,
        state: { running: { startedAt: "2026-01-02T03:04:06Z" } },
      }],
    },
  };
}

async function list(accept: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await app.request("/api/v1/pods", { headers: { accept } }, bindings);
  const body = new Uint8Array(await response.arrayBuffer());
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`LIST answered ${response.status}`);
  return { ms, bytes: body.length };
}

const runtime = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : "node";
const filled = performance.now();
// The pods' owners exist: fkas's garbage collector deletes dependents of a missing owner.
const replicaSets = cluster.catalog.find("apps", "v1", "replicasets")!;
const owners = Array.from({ length: 100 }, (_, n) =>
  cluster.store.create(replicaSets, {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "app-5d8f7c9b4", namespace: `ns-${n}` },
    spec: { selector: { matchLabels: { app: "bench" } }, template: {} },
  }).metadata.uid!);
for (let i = 0; i < PODS; i++) cluster.store.create(pods, pod(i));
console.log(
  `list bench on ${runtime}: ${PODS.toLocaleString("en-US")} pods stored in ${
    ((performance.now() - filled) / 1000).toFixed(1)
  } s; ${RUNS} LISTs per format`,
);
for (const [format, accept] of Object.entries(FORMATS)) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(await list(accept));
  const warm = runs.slice(1).map((r) => r.ms).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  console.log(
    `  LIST ${format.padEnd(8)} first ${(runs[0].ms / 1000).toFixed(3)} s, median ${
      (median / 1000).toFixed(3)
    } s (min ${(warm[0] / 1000).toFixed(3)} s), ${(runs[0].bytes / 1e6).toFixed(1)} MB`,
  );
}
await cluster.close();
