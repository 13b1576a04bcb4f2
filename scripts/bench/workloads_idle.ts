// Benchmark: what N `--workloads` clusters cost while nothing changes (issue 17: idle < 0.05 cores
// at 10,000). Builds N clusters in process as store_memory.ts does (_in_process_registry.ts),
// waits until every boot is over, then reads the process's CPU over --windows windows of
// --seconds each and counts the timers and microtasks scheduled in each: a cluster
// that costs nothing while idle schedules nothing.
// Usage: npx --yes bun@1.4.5 scripts/bench/workloads_idle.ts [--clusters 1000] [--seconds 5]
//        [--windows 3] [--no-workloads] [--full-gc (one full collection after the boot, timed)]
// On Bun, run it with and without BUN_GC_TIMER_DISABLE=1 in the environment: Bun's own GC timer
// (its GarbageCollectionController) is what keeps collecting a booted, idle heap.

import process from "node:process";
import { parseArgs } from "node:util";
import { bootClusters, inProcessRegistry, registerClusters } from "./_in_process_registry.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    clusters: { type: "string" },
    seconds: { type: "string" },
    windows: { type: "string" },
    "no-workloads": { type: "boolean" },
    "full-gc": { type: "boolean" },
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
const { registry, backgroundErrors } = inProcessRegistry({
  clusters: CLUSTERS,
  workloads: !values["no-workloads"],
});
const clusters = await registerClusters(registry, "idle", CLUSTERS);
await bootClusters(registry, clusters, sleep, 300_000);
if (values["full-gc"]) {
  const runtime = globalThis as { Bun?: { gc(full: boolean): void }; gc?: () => void };
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (runtime.Bun) runtime.Bun.gc(true);
  else runtime.gc?.();
  const used = process.cpuUsage(cpu);
  console.log(
    `full GC: ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${
      (performance.now() - started).toFixed(0)
    } ms`,
  );
}
const revision = () => clusters.reduce((sum, c) => sum + c.store.revision, 0);
console.log(
  `clusters ${CLUSTERS}, workloads ${!values[
    "no-workloads"
  ]}, booted; errors ${backgroundErrors()}`,
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
