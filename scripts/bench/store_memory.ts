// Benchmark: where a fake cluster's bytes go. Builds N clusters in process (1 control plane + 3
// workers each, fake listeners: no sockets, no TLS), then prints the JS heap per cluster after a
// full GC at each step (bare clusters, booted clusters, every object's JSON cached as a GET would)
// and an accounting of one cluster's store: per resource the objects, their JSON size, the part
// that is managedFields, and how much of the object graph is reachable from other clusters too
// (shared) rather than this cluster's alone.
// Usage: npx --yes bun@1.4.5 scripts/bench/store_memory.ts [--clusters 1000] [--bootstrap-policy]
//        [--workloads] [--clones (also: the heap of unshared copies of one cluster's objects)]
//        [--classes (Bun: heap snapshot bytes and cells per cluster by JSC class, booted − bare)]
//        npx --yes deno@2.9.6 run -A --v8-flags=--expose-gc scripts/bench/store_memory.ts

import process from "node:process";
import { parseArgs } from "node:util";
import type { FakeCluster } from "../../src/cluster/mod.ts";
import { objectJson } from "../../src/kube/json_body.ts";
import type { KubeObject } from "../../src/store/mod.ts";
import {
  bootClusters,
  inProcessRegistry,
  registerClusters,
  WORKERS,
} from "./_in_process_registry.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    clusters: { type: "string" },
    "bootstrap-policy": { type: "boolean" },
    workloads: { type: "boolean" },
    clones: { type: "boolean" },
    classes: { type: "boolean" },
  },
});
const CLUSTERS = positive("clusters", values.clusters, 1000);

function collect(): void {
  const runtime = globalThis as { Bun?: { gc(full: boolean): void }; gc?: () => void };
  if (runtime.Bun) runtime.Bun.gc(true);
  else if (runtime.gc) runtime.gc();
  else throw new Error("Cannot collect garbage: run Deno with --v8-flags=--expose-gc");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function heapUsed(): Promise<number> {
  await sleep(50);
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

const { registry, backgroundErrors } = inProcessRegistry({
  clusters: CLUSTERS,
  workloads: values.workloads,
  bootstrapPolicy: values["bootstrap-policy"],
});

const before = await heapUsed();
const clusters = await registerClusters(registry, "mem", CLUSTERS);
const bare = await heapUsed();
const bareClasses = values.classes ? heapClasses() : undefined;
const cpuBefore = process.cpuUsage();
await bootClusters(registry, clusters, sleep, 120_000);
const cpu = process.cpuUsage(cpuBefore);
await sleep(2000);
const booted = await heapUsed();
const bootedClasses = values.classes ? heapClasses() : undefined;
for (const cluster of clusters) {
  for (const resource of cluster.store.resourceKeys()) {
    const type = cluster.catalog.byKey(resource);
    if (type) { for (const object of cluster.store.list(type)) objectJson(object); }
  }
}
const cached = await heapUsed();

const per = (a: number, b: number) => `${((b - a) / CLUSTERS / 1024).toFixed(1)} KiB`;
console.log(`clusters ${CLUSTERS} (1 CP + ${WORKERS} workers), runtime ${runtimeName()}`);
console.log(`heap per bare cluster (registered, CAs)      ${per(before, bare)}`);
console.log(`heap per cluster for nodes + activation      ${per(bare, booted)}`);
console.log(
  `CPU per cluster for nodes + activation       ${
    ((cpu.user + cpu.system) / CLUSTERS / 1000).toFixed(2)
  } ms`,
);
console.log(`heap per cluster, total booted               ${per(before, booted)}`);
console.log(`heap per cluster for every object's JSON     ${per(booted, cached)}`);
console.log(`background errors ${backgroundErrors()}`);
console.log(`RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);

// Structural accounting: bytes of the object graph reachable from a cluster's store, and the
// part of it also reachable from another cluster (shared). Sizes are estimates in the spirit of
// JSC/V8 layouts: 16 B per object + 8 B per property/element, strings 16 B + 1 B per Latin-1 char.
function accounting(cluster: FakeCluster, shared: Set<unknown>) {
  const rows = new Map<
    string,
    { count: number; json: number; managed: number; own: number; sharedBytes: number }
  >();
  const seen = new Set<unknown>();
  const walk = (value: unknown, into: { own: number; sharedBytes: number }) => {
    if (typeof value === "string") {
      // Strings are values: count them as the cluster's own unless it is a shared object's.
      into.own += 16 + value.length;
      return;
    }
    if (!value || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const entries = Array.isArray(value) ? value : Object.values(value);
    const size = 16 + 8 * entries.length;
    if (shared.has(value)) {
      into.sharedBytes += size + shallowStrings(entries);
      for (const child of entries) if (typeof child === "object") walkShared(child, into);
      return;
    }
    into.own += size;
    for (const child of entries) walk(child, into);
  };
  const walkShared = (value: unknown, into: { sharedBytes: number }) => {
    if (!value || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const entries = Array.isArray(value) ? value : Object.values(value);
    into.sharedBytes += 16 + 8 * entries.length + shallowStrings(entries);
    for (const child of entries) if (typeof child === "object") walkShared(child, into);
  };
  for (const resource of cluster.store.resourceKeys()) {
    const type = cluster.catalog.byKey(resource);
    if (!type) continue;
    const row = { count: 0, json: 0, managed: 0, own: 0, sharedBytes: 0 };
    for (const object of cluster.store.list(type)) {
      row.count++;
      row.json += JSON.stringify(object).length;
      row.managed += JSON.stringify(object.metadata.managedFields ?? []).length;
      walk(object, row);
    }
    rows.set(resource, row);
  }
  return rows;
}

function shallowStrings(entries: readonly unknown[]): number {
  let bytes = 0;
  for (const e of entries) if (typeof e === "string") bytes += 16 + e.length;
  return bytes;
}

function graphOf(cluster: FakeCluster): Set<unknown> {
  const all = new Set<unknown>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== "object" || all.has(value)) return;
    all.add(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child);
  };
  for (const resource of cluster.store.resourceKeys()) {
    const type = cluster.catalog.byKey(resource);
    if (type) { for (const object of cluster.store.list(type)) visit(object as KubeObject); }
  }
  return all;
}

if (CLUSTERS > 1) {
  const rows = accounting(clusters[0], graphOf(clusters[1]));
  const total = { count: 0, json: 0, managed: 0, own: 0, sharedBytes: 0 };
  console.log(
    "\nresource                                        objects  JSON B  managedFields B  own B (est)  shared B (est)",
  );
  for (const [resource, row] of [...rows].sort((a, b) => b[1].own - a[1].own)) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += row[key];
    console.log(
      `${resource.padEnd(48)}${String(row.count).padStart(7)}${String(row.json).padStart(8)}${
        String(row.managed).padStart(17)
      }${String(row.own).padStart(13)}${String(row.sharedBytes).padStart(16)}`,
    );
  }
  console.log(
    `${"total".padEnd(48)}${String(total.count).padStart(7)}${String(total.json).padStart(8)}${
      String(total.managed).padStart(17)
    }${String(total.own).padStart(13)}${String(total.sharedBytes).padStart(16)}`,
  );
  console.log(
    `watch history retained: ${clusters[0].store.changesSince(0)}`.replace(
      "[object Object]",
      String(
        "changes" in clusters[0].store.changesSince(0)
          ? (clusters[0].store.changesSince(0) as { changes: unknown[] }).changes.length
          : "expired",
      ),
    ),
  );
}

// Bytes and cells by JSC class in a heap snapshot (Bun): where a cluster's heap goes by kind of
// cell (objects, strings, butterflies, Maps, Sets, closures), which heapUsed alone cannot tell.
function heapClasses(): Map<string, { cells: number; bytes: number }> {
  const bun = (globalThis as { Bun?: { generateHeapSnapshot(): unknown } }).Bun;
  if (!bun) throw new Error("--classes needs Bun (a JSC heap snapshot)");
  const snapshot = bun.generateHeapSnapshot() as {
    nodes: number[];
    nodeClassNames: string[];
  };
  const byClass = new Map<string, { cells: number; bytes: number }>();
  // JSC snapshot nodes: id, size, class name index, flags.
  for (let i = 0; i < snapshot.nodes.length; i += 4) {
    const name = snapshot.nodeClassNames[snapshot.nodes[i + 2]];
    const row = byClass.get(name) ?? { cells: 0, bytes: 0 };
    row.cells++;
    row.bytes += snapshot.nodes[i + 1];
    byClass.set(name, row);
  }
  return byClass;
}

if (bareClasses && bootedClasses) {
  console.log("\nJSC class (heap snapshot, booted − bare)   B per cluster   cells per cluster");
  const rows = [...bootedClasses].map(([name, row]) => {
    const before = bareClasses.get(name) ?? { cells: 0, bytes: 0 };
    return { name, bytes: row.bytes - before.bytes, cells: row.cells - before.cells };
  }).sort((a, b) => b.bytes - a.bytes).slice(0, 16);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(42)}${(row.bytes / CLUSTERS).toFixed(0).padStart(14)}${
        (row.cells / CLUSTERS).toFixed(1).padStart(20)
      }`,
    );
  }
}

function runtimeName(): string {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  return g.Bun ? `bun ${g.Bun.version}` : g.Deno ? `deno ${g.Deno.version.deno}` : "node";
}

if (values.clones) {
  const objects: KubeObject[] = [];
  for (const resource of clusters[0].store.resourceKeys()) {
    const type = clusters[0].catalog.byKey(resource);
    if (type) objects.push(...clusters[0].store.list(type));
  }
  const h1 = await heapUsed();
  const copies = Array.from({ length: CLUSTERS }, () => structuredClone(objects));
  const h2 = await heapUsed();
  console.log(`heap per unshared copy of one cluster's ${objects.length} objects ${per(h1, h2)}`);
  const noManaged = Array.from(
    { length: CLUSTERS },
    () =>
      structuredClone(
        objects.map((o) => ({ ...o, metadata: { ...o.metadata, managedFields: undefined } })),
      ),
  );
  const h3 = await heapUsed();
  console.log(
    `... of the same without managedFields ${per(h2, h3)} (${copies.length + noManaged.length})`,
  );
}
await registry.close();
process.exit(0);
