// CPU per cluster of the control API's registration path, in process: POST /register and 4× PUT
// /updateNode (1 control plane + 3 workers) through the control app's `request` (no sockets), on a
// registry whose listeners are never opened (the first TLS handshake is ready_cost.ts's). `--root`
// runs another checkout's sources (a worktree of the base commit, before src/hosts/ existed), so
// trees can be compared run for run in separate processes.
// Usage: npx --yes bun@1.4.5 scripts/bench/register_cost.ts [--clusters N] [--warmup N]
//          [--concurrency N] [--root DIR]
//        npx --yes deno@2.9.6 run -A --v8-flags=--expose-gc scripts/bench/register_cost.ts [...]
import { existsSync } from "node:fs";
import process from "node:process";
import { parseArgs } from "node:util";
import { positive } from "./_options.ts";
import { registerClusters } from "./_register_calls.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    clusters: { type: "string" },
    warmup: { type: "string" },
    root: { type: "string" },
    concurrency: { type: "string" },
  },
});
const count = positive("clusters", values.clusters, 1000);
const warmup = positive("warmup", values.warmup, 200);
const root = values.root ?? new URL("../..", import.meta.url).pathname;

const { ClusterRegistry } = await import(`${root}/src/cluster/mod.ts`);
const { createControlApp } = await import(`${root}/src/control/mod.ts`);
const withHosts = existsSync(`${root}/src/hosts/mod.ts`);

let uid = 0;
const registry = new ClusterRegistry({
  advertiseHost: "127.0.0.1",
  ports: { min: 20000, max: 20000 + count + warmup },
  caKeyAlgorithm: "ecdsa",
  kubernetesVersion: "v1.33.1",
  now: () => new Date(),
  newUid: () => `uid-${++uid}`,
  isPortFree: () => Promise.resolve(true),
  startListener: () => Promise.resolve({ close: () => Promise.resolve() }),
  // The server's defaults (a base without these options ignores them).
  bootstrapPolicy: false,
  leaseRenewal: false,
  workloads: false,
});
const app = withHosts
  ? createControlApp({
    host: new (await import(`${root}/src/hosts/mod.ts`)).LocalClusterHost(registry),
  })
  : createControlApp({ registry });

async function call(method: string, path: string, body: unknown): Promise<void> {
  const response = await app.request(path, { method, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`Cannot ${method} ${path}: ${response.status} ${text}`);
}

const CONCURRENCY = positive("concurrency", values.concurrency, 32);
const makeClusters = (from: number, to: number) => registerClusters(call, from, to, CONCURRENCY);

// deno-lint-ignore no-explicit-any
const gc = () => (globalThis as any).Bun?.gc(true) ?? (globalThis as any).gc?.();
await makeClusters(0, warmup);
gc();
const heapBefore = process.memoryUsage().heapUsed;
const before = process.cpuUsage();
const started = performance.now();
await makeClusters(warmup, warmup + count);
const used = process.cpuUsage(before);
gc();
const heapKb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / count;
const cpuMs = (used.user + used.system) / 1000;
console.log(
  `${root}: ${count} clusters after ${warmup} warm-up: ${(cpuMs / count).toFixed(3)} ms CPU ` +
    `per cluster (wall ${((performance.now() - started) / count).toFixed(3)} ms), heap ` +
    `${heapKb.toFixed(1)} KB per cluster`,
);
process.exit(0);
