// fkas's own CPU time per request (user + system from /proc/<pid>/stat, every thread, GC
// included) for GET and LIST over mTLS, for the main.ts of each tree named, runs alternated: a
// figure that holds under load, where req/s does not. The load generator is its own process.
//
//   npx --yes bun@1.4.5 scripts/bench/request_cpu.ts [--trees /work/wt/base-<sha>,.] [--rounds 3]
//       [--requests 6000] [--protocol http1|h2] [--only TEXT] [--runtime bun|deno]
//   (a base tree needs node_modules; it serves the same classes as scripts/bench/rest.ts)
import { resolve } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { runChild } from "./_child.ts";
import { type FkasCluster, startFkasCluster } from "./_fkas_cluster.ts";
import type { LoadResult, LoadSpec } from "./load.ts";
import { procStats } from "./_proc_stats.ts";
import { currentRuntime, type Runtime } from "./_runtimes.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    trees: { type: "string", default: "." },
    rounds: { type: "string", default: "3" },
    requests: { type: "string", default: "6000" },
    protocol: { type: "string", default: "http1" },
    only: { type: "string" },
    runtime: { type: "string", default: currentRuntime },
  },
});
const LOAD = new URL("./load.ts", import.meta.url).pathname;
const requests = Number(values.requests);
const protocol = values.protocol === "h2" ? "h2" : "http1";
const runtime = values.runtime as Runtime;

const CLASSES = (node: string): { label: string; method: string; path: string }[] => [
  { label: "GET node", method: "GET", path: `/api/v1/nodes/${node}` },
  { label: "LIST pods kube-system", method: "GET", path: "/api/v1/namespaces/kube-system/pods" },
  { label: "LIST nodes", method: "GET", path: "/api/v1/nodes" },
  {
    label: "GET configmap",
    method: "GET",
    path: "/api/v1/namespaces/kube-system/configmaps/kubeadm-config",
  },
];

async function load(spec: LoadSpec): Promise<LoadResult> {
  const output = await runChild(currentRuntime, LOAD, [JSON.stringify(spec)]);
  return JSON.parse(output.trim().split("\n").at(-1)!);
}

// The CPU fkas spent answering `count` requests of one class (warm-up run first, not counted).
async function cpuPerRequest(
  cluster: FkasCluster,
  request: { method: string; path: string },
  count: number,
): Promise<number> {
  const spec = {
    ...request,
    port: cluster.port,
    certDir: cluster.certDir,
    protocol,
    concurrency: protocol === "h2" ? 32 : 8,
    warmupMs: 0,
    durationMs: 600_000,
  } as const;
  await load({ ...spec, maxRequests: Math.min(2000, count) });
  const pid = cluster.fkas.process.pid!;
  const before = procStats(pid).cpuMs;
  const result = await load({ ...spec, maxRequests: count });
  const used = procStats(pid).cpuMs - before;
  const ok = Object.entries(result.statuses).every(([status]) => status.startsWith("2"));
  if (!ok || result.errors > 0) {
    throw new Error(`${request.path}: ${JSON.stringify(result.statuses)} ${result.firstError}`);
  }
  return (used * 1000) / result.requests;
}

const trees = values.trees.split(",").map((tree) => resolve(tree));
const clusters: FkasCluster[] = [];
try {
  for (const tree of trees) {
    clusters.push(await startFkasCluster(runtime, 2, [], resolve(tree, "main.ts")));
  }
  const classes = CLASSES(clusters[0].nodeName)
    .filter(({ label }) => !values.only || label.includes(values.only));
  const figures = new Map<string, number[]>();
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const requestClass of classes) {
      for (const [i, cluster] of clusters.entries()) {
        const micros = await cpuPerRequest(cluster, requestClass, requests);
        const key = `${requestClass.label}\t${trees[i]}`;
        figures.set(key, [...figures.get(key) ?? [], micros]);
        console.error(
          `round ${round + 1} ${requestClass.label} ${trees[i]}: ${micros.toFixed(1)} µs`,
        );
      }
    }
  }
  console.log(
    `fkas CPU per request (${runtime}, ${protocol}, ${requests} requests a run, median of ` +
      `${values.rounds} alternated runs):`,
  );
  for (const [key, runs] of figures) {
    const [label, tree] = key.split("\t");
    const median = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    console.log(
      `${label.padEnd(24)} ${median.toFixed(1).padStart(7)} µs  (${
        runs.map((r) => r.toFixed(1)).join(", ")
      })  ${tree}`,
    );
  }
} finally {
  for (const cluster of clusters) {
    await cluster.stop();
  }
}
process.exit(0);
