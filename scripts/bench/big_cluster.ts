// Benchmark, in process (no sockets, no TLS): what one big cluster costs the simulated controllers,
// scheduler and kubelets (issue 17): --nodes nodes reported, a Deployment scaled 0 → --replicas,
// CPU time and wall time until every pod is Running and the Deployment available; then LIST of all
// pods in JSON and protobuf (p50/p99 of --lists runs) while --watchers watches follow the pods;
// then the idle CPU of the quiet cluster. CPU time is this process's (process.cpuUsage), the
// figure to compare trees by on a loaded machine; run the same script from another checkout for a
// baseline. Usage: npx --yes bun@1.4.5 scripts/bench/big_cluster.ts [--nodes N] [--replicas N]
//        [--lists N] [--watchers N] [--cluster-cidr CIDR] [--node-cidr-mask-size N]
import process from "node:process";
import { benchRegistry } from "./_in_process_app.ts";
import { createKubeApp, type KubeBindings } from "../../src/kube/mod.ts";
import { percentile } from "./_stats.ts";

const args = process.argv.slice(2);
const value = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const NODES = Number(value("--nodes", "1000"));
const REPLICAS = Number(value("--replicas", "10000"));
const LISTS = Number(value("--lists", "20"));
const WATCHERS = Number(value("--watchers", "100"));
const CLUSTER_CIDR = value("--cluster-cidr", "10.0.0.0/8");
const MASK = Number(value("--node-cidr-mask-size", "24"));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const registry = benchRegistry({
  workloads: true,
  // Older trees ignore these (their IPAM stops at 256 nodes of the /16).
  ...{ clusterCidr: CLUSTER_CIDR, nodeCidrMaskSize: MASK },
});
const cluster = await registry.register({ namespace: "bench", name: "big" });
const app = createKubeApp({ now: () => new Date(), anonymousAuth: false });
const bindings: KubeBindings = {
  cluster,
  client: { authenticated: true, user: "kubernetes-admin", groups: ["system:masters"] },
};
const request = async (method: string, path: string, body?: unknown, headers = {}) =>
  await app.request(path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  }, bindings);

let wall = performance.now();
let cpu = cpuMs();
for (let i = 0; i < NODES; i++) {
  await registry.reportNode({
    namespace: "bench",
    cluster: "big",
    nodeName: i === 0 ? "big-cp-1" : `big-w-${i}`,
    labels: i === 0 ? { "cluster.x-k8s.io/control-plane": "" } : {},
  });
}
await sleep(500);
console.log(
  `${NODES} nodes reported: ${(performance.now() - wall).toFixed(0)} ms wall, ${
    (cpuMs() - cpu).toFixed(0)
  } ms CPU`,
);

const deployments = "/apis/apps/v1/namespaces/default/deployments";
const created = await request("POST", deployments, {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "load" },
  spec: {
    replicas: 0,
    selector: { matchLabels: { app: "load" } },
    template: {
      metadata: { labels: { app: "load" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
  },
});
if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
await sleep(500);
wall = performance.now();
cpu = cpuMs();
const scaled = await request(
  "PATCH",
  `${deployments}/load`,
  { spec: { replicas: REPLICAS } },
  { "content-type": "application/merge-patch+json" },
);
if (scaled.status !== 200) throw new Error(`scale: ${scaled.status} ${await scaled.text()}`);
const deploymentsResource = cluster.catalog.byKey("apps/deployments")!;
const podsResource = cluster.catalog.byKey("pods")!;
for (;;) {
  const d = cluster.store.get(deploymentsResource, "default", "load") as
    | { status?: { availableReplicas?: number } }
    | undefined;
  if (d?.status?.availableReplicas === REPLICAS) break;
  if (performance.now() - wall > 600_000) throw new Error("not available after 10 minutes");
  await sleep(20);
}
const running =
  cluster.store.list(podsResource, "default").filter((p) =>
    (p.status as { phase?: string } | undefined)?.phase === "Running"
  ).length;
console.log(
  `0 → ${REPLICAS} replicas available (${running} pods Running): ${
    ((performance.now() - wall) / 1000).toFixed(2)
  } s wall, ${((cpuMs() - cpu) / 1000).toFixed(2)} s CPU`,
);

// Watchers follow the pods (each reads its stream to the end) while LISTs run.
const streams: ReadableStreamDefaultReader<Uint8Array>[] = [];
let watchedBytes = 0;
for (let i = 0; i < WATCHERS; i++) {
  const response = await request(
    "GET",
    `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${cluster.store.revision}`,
  );
  if (response.status !== 200) {
    throw new Error(`watch: ${response.status} ${await response.text()}`);
  }
  const reader = response.body!.getReader();
  streams.push(reader);
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      watchedBytes += value.byteLength;
    }
  })().catch(() => {});
}
// A trickle of pod changes (20 a second) for the watchers to follow during the LISTs.
const podNames = cluster.store.list(podsResource, "default").map((p) => p.metadata.name!);
let tick = 0;
let churnFailures = 0;
const churn = setInterval(() => {
  void request(
    "PATCH",
    `/api/v1/namespaces/default/pods/${podNames[tick++ % podNames.length]}`,
    { metadata: { annotations: { tick: String(tick) } } },
    { "content-type": "application/merge-patch+json" },
  ).then((response) => {
    if (response.status !== 200) churnFailures++;
    return response.arrayBuffer();
  });
}, 50);
for (
  const [label, accept] of [
    ["JSON", "application/json"],
    ["protobuf", "application/vnd.kubernetes.protobuf"],
  ] as const
) {
  const times = new Float64Array(LISTS);
  let bytes = 0;
  // One LIST first: the protobuf descriptors of the cluster's minor compile on first use.
  await (await request("GET", "/api/v1/namespaces/default/pods", undefined, { accept }))
    .arrayBuffer();
  for (let i = 0; i < LISTS; i++) {
    const t = performance.now();
    const response = await request("GET", "/api/v1/namespaces/default/pods", undefined, {
      accept,
    });
    bytes = (await response.arrayBuffer()).byteLength;
    times[i] = performance.now() - t;
    await sleep(100); // the churn and the watchers' reads run between LISTs
  }
  times.sort();
  console.log(
    `LIST ${REPLICAS} pods ${label} with ${WATCHERS} watchers: p50 ${
      percentile(times, 0.5).toFixed(0)
    } ms, p99 ${percentile(times, 0.99).toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB`,
  );
}
clearInterval(churn);
await sleep(1000);
cpu = cpuMs();
await sleep(5000);
console.log(
  `idle CPU with ${WATCHERS} watchers open: ${((cpuMs() - cpu) / 5000).toFixed(3)} cores ` +
    `(watchers read ${(watchedBytes / 1e6).toFixed(1)} MB of ${tick} pod patches, ` +
    `${churnFailures} failed)`,
);
for (const reader of streams) await reader.cancel().catch(() => {});
await registry.close?.();
process.exit(0);
