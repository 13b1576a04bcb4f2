// Benchmark: what N `--workloads` clusters cost while nothing changes (issue 17: idle < 0.05 cores
// at 10,000). Builds N clusters in process as store_memory.ts does (1 control plane + 3 workers,
// fake listeners), waits until every boot is over, then reads the process's CPU over --windows
// windows of --seconds each and counts the timers and microtasks scheduled in each: a cluster
// that costs nothing while idle schedules nothing.
// Usage: npx --yes bun@1.4.5 scripts/bench/workloads_idle.ts [--clusters 1000] [--seconds 5]
//        [--windows 3] [--no-workloads]

import { randomUUID } from "node:crypto";
import process from "node:process";
import { parseArgs } from "node:util";
import { ClusterRegistry, type FakeCluster } from "../../src/cluster/mod.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    clusters: { type: "string" },
    seconds: { type: "string" },
    windows: { type: "string" },
    "no-workloads": { type: "boolean" },
  },
});
const CLUSTERS = positive("clusters", values.clusters, 1000);
const SECONDS = positive("seconds", values.seconds, 5);
const WINDOWS = positive("windows", values.windows, 3);

// Counts every timer and microtask scheduled, and where the timers come from (first stack frame
// inside src/), so an idle window names what ticks.
const counts = { timers: 0, intervals: 0, microtasks: 0 };
const origins = new Map<string, number>();
const realSetTimeout = globalThis.setTimeout;
const realSetInterval = globalThis.setInterval;
const realQueueMicrotask = globalThis.queueMicrotask;
const origin = () => {
  const frame = new Error().stack?.split("\n").find((line) => line.includes("/src/")) ?? "?";
  const at = frame.replace(/^.*\/src\//, "src/").replace(/\)$/, "");
  origins.set(at, (origins.get(at) ?? 0) + 1);
};
globalThis.setTimeout = ((fn: () => void, ms?: number) => {
  counts.timers++;
  origin();
  return realSetTimeout(fn, ms);
}) as typeof setTimeout;
globalThis.setInterval = ((fn: () => void, ms?: number) => {
  counts.intervals++;
  origin();
  return realSetInterval(fn, ms);
}) as typeof setInterval;
globalThis.queueMicrotask = (fn: () => void) => {
  counts.microtasks++;
  realQueueMicrotask(fn);
};

const sleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));
let backgroundErrors = 0;
const registry = new ClusterRegistry({
  advertiseHost: "127.0.0.1",
  ports: { min: 20000, max: 20000 + CLUSTERS },
  caKeyAlgorithm: "ecdsa",
  kubernetesVersion: "v1.33.1",
  now: () => new Date(),
  newUid: randomUUID,
  isPortFree: () => Promise.resolve(true),
  startListener: () => Promise.resolve({ close: () => Promise.resolve() }),
  workloads: !values["no-workloads"],
  onBackgroundError: (error) => {
    if (backgroundErrors++ === 0) console.error(`first background error: ${error}`);
  },
});

const clusters: FakeCluster[] = [];
for (let i = 0; i < CLUSTERS; i++) {
  clusters.push(await registry.register({ namespace: "idle", name: `c${i}` }));
}
await Promise.all(clusters.map((cluster) => cluster.whenCasReady()));
for (const cluster of clusters) {
  const nodes = [
    `${cluster.name}-cp-1`,
    `${cluster.name}-w-1`,
    `${cluster.name}-w-2`,
    `${cluster.name}-w-3`,
  ];
  for (const [n, nodeName] of nodes.entries()) {
    await registry.reportNode({
      namespace: "idle",
      cluster: cluster.name,
      nodeName,
      labels: n === 0 ? { "cluster.x-k8s.io/control-plane": "" } : {},
      kubernetesVersion: "v1.33.1",
      providerID: `fake://${nodeName}`,
    });
  }
}
for (let waited = 0; waited < 300_000; waited += 200) {
  if (clusters.every((c) => c.activated && c.booting.size === 0)) break;
  await sleep(200);
}
const revision = () => clusters.reduce((sum, c) => sum + c.store.revision, 0);
console.log(
  `clusters ${CLUSTERS}, workloads ${!values["no-workloads"]}, booted; errors ${backgroundErrors}`,
);
for (let w = 0; w < WINDOWS; w++) {
  counts.timers = counts.intervals = counts.microtasks = 0;
  origins.clear();
  const rv = revision();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await sleep(SECONDS * 1000);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  const cores = (used.user + used.system) / 1000 / wall;
  console.log(
    `window ${w + 1}: ${cores.toFixed(4)} cores (${
      (cores / CLUSTERS * 1e6).toFixed(2)
    } µcores/cluster), ` +
      `timers ${counts.timers}, intervals ${counts.intervals}, microtasks ${counts.microtasks}, ` +
      `writes ${revision() - rv}, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
  );
  for (const [at, n] of [...origins].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    console.log(`  ${n} ${at}`);
  }
}
await registry.close();
process.exit(0);
