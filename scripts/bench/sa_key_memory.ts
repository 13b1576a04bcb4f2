// Benchmark: what the lazily made service-account key costs per cluster. Builds N fake clusters
// (none has issued a token: no key exists), then makes the key of K of them, and prints the heap
// in use after a full GC at each step.
// Usage: npx --yes bun@1.4.5 scripts/bench/sa_key_memory.ts [--clusters 10000] [--keys 100]
//        npx --yes deno@2.9.6 run -A --v8-flags=--expose-gc scripts/bench/sa_key_memory.ts

import process from "node:process";
import { parseArgs } from "node:util";
import { FakeCluster } from "../../src/cluster/mod.ts";
import type { CertificateAuthority } from "../../src/pki/mod.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { clusters: { type: "string" }, keys: { type: "string" } },
});
const CLUSTERS = positive("clusters", values.clusters, 10_000);
const KEYS = Math.min(positive("keys", values.keys, 100), CLUSTERS);

// A full collection where the runtime offers one (Bun always; Deno with --expose-gc).
function collect(): void {
  const runtime = globalThis as { Bun?: { gc(full: boolean): void }; gc?: () => void };
  if (runtime.Bun) runtime.Bun.gc(true);
  else if (runtime.gc) runtime.gc();
  else throw new Error("Cannot collect garbage: run Deno with --v8-flags=--expose-gc");
}

function heapUsed(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

const rss = () => process.memoryUsage().rss;

const before = heapUsed();
let uid = 0;
const clusters: FakeCluster[] = [];
for (let i = 0; i < CLUSTERS; i++) {
  clusters.push(
    new FakeCluster({
      namespace: "default",
      name: `c${i}`,
      host: "127.0.0.1",
      port: 20000 + i,
      ca: {} as CertificateAuthority,
      etcdCa: {} as CertificateAuthority,
      defaultKubernetesVersion: "v1.33.1",
      environment: { now: () => new Date(), newUid: () => `uid-${++uid}` },
    }),
  );
}
// Let the clusters' controllers finish their first round before measuring.
await new Promise((resolve) => setTimeout(resolve, 2000));
const withClusters = heapUsed();
const rssWithClusters = rss();
const started = performance.now();
for (let i = 0; i < KEYS && "serviceAccountKey" in clusters[i]; i++) {
  await clusters[i].serviceAccountKey();
}
const seconds = (performance.now() - started) / 1000;
const withKeys = heapUsed();
const rssWithKeys = rss();

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
console.log(`clusters                 ${CLUSTERS}`);
console.log(
  `heap per cluster         ${Math.round((withClusters - before) / CLUSTERS)} B (no key made)`,
);
console.log(
  `keys made                ${KEYS} in ${seconds.toFixed(1)} s (${
    (seconds / KEYS * 1000).toFixed(1)
  } ms each)`,
);
console.log(`heap per key             ${kib((withKeys - withClusters) / KEYS)} KiB (JS heap)`);
console.log(
  `RSS per key              ${
    kib((rssWithKeys - rssWithClusters) / KEYS)
  } KiB (key material lives outside the JS heap)`,
);
for (const cluster of clusters) cluster.controllers.stop?.();
process.exit(0);
