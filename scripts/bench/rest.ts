// Benchmark: request throughput and latency of one fake cluster vs the same runtime's bare TLS server.
// Usage: npx --yes bun@1.4.5 scripts/bench/rest.ts [--quick] [--runtime bun|deno] [--fsync MODE]
//        (--help: all flags; --fsync adds writes with --data-dir against in memory)
//        npx --yes deno@2.9.6 run -A scripts/bench/rest.ts [--quick]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { type Child, runChild, startChild } from "./_child.ts";
import { type FkasCluster, startFkasCluster } from "./_fkas_cluster.ts";
import type { LoadResult, LoadSpec } from "./load.ts";
import { type BenchOptions, parseOptions, USAGE } from "./_options.ts";
import { probe } from "./_probe.ts";
import { formatTable, type Row } from "./_report.ts";
import { currentRuntime, runtimeVersion } from "./_runtimes.ts";

const LOAD = new URL("./load.ts", import.meta.url).pathname;
const BASELINE = new URL("./baseline_server.ts", import.meta.url).pathname;
const PROTOCOLS = [
  { protocol: "http1", title: "HTTP/1.1 (keep-alive connections, one request in flight each)" },
  { protocol: "h2", title: "HTTP/2 (one session, concurrent streams)" },
] as const;

/** A request class: what a client sends. */
type RequestClass = Pick<LoadSpec, "method" | "path" | "contentType" | "body"> & { label: string };

function requestClasses(nodeName: string): RequestClass[] {
  return [
    { label: "GET node", method: "GET", path: `/api/v1/nodes/${nodeName}` },
    { label: "LIST pods kube-system", method: "GET", path: "/api/v1/namespaces/kube-system/pods" },
    { label: "LIST nodes", method: "GET", path: "/api/v1/nodes" },
    {
      label: "PATCH node labels",
      method: "PATCH",
      path: `/api/v1/nodes/${nodeName}`,
      contentType: "application/merge-patch+json",
      body: '{"metadata":{"labels":{"bench.fkas.io/seq":"{{n}}"}}}',
    },
    {
      // Server-side apply: the probe creates the ConfigMap, every request then changes one field.
      label: "APPLY configmap",
      method: "PATCH",
      path: "/api/v1/namespaces/default/configmaps/bench?fieldManager=bench",
      contentType: "application/apply-patch+yaml",
      body:
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bench","labels":{"app":"bench"}},"data":{"seq":"{{n}}","fixed":"x"}}',
    },
  ];
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const output = await runChild(currentRuntime, LOAD, [JSON.stringify(spec)]);
  return JSON.parse(output.trim().split("\n").at(-1)!);
}

async function bench(options: BenchOptions): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0].toFixed(2);
  const cluster = await startFkasCluster(options.runtime, options.workers);
  let baseline: Child | undefined;
  try {
    baseline = await startChild(options.runtime, BASELINE, [cluster.certDir], /^(\{"port".*)$/m);
    const { port: baselinePort, runtime: serverRuntime } = JSON.parse(baseline.ready);
    const classes = requestClasses(cluster.nodeName);
    const probes = await Promise.all(classes.map((c) => probe(cluster.port, cluster.certDir, c)));
    const sections: string[] = [];
    for (const { protocol, title } of PROTOCOLS) {
      const baselines = new Map<string, LoadResult>(); // the baseline answers every path alike
      const rows: Row[] = [];
      for (const [i, requestClass] of classes.entries()) {
        const { label, ...request } = requestClass;
        if (!probes[i].ok) {
          const { status, message } = probes[i];
          rows.push({ label, fkas: { unavailable: `n/a (status ${status})`, message } });
          continue;
        }
        const spec = {
          ...request,
          certDir: cluster.certDir,
          protocol,
          concurrency: protocol === "h2" ? options.streams : options.connections,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
          maxRequests: options.maxRequests,
        };
        console.error(`running ${protocol} ${label} on fkas ...`);
        const fkas = await load({ ...spec, port: cluster.port });
        const key = `${request.method} ${request.body !== undefined}`;
        if (!baselines.has(key)) {
          console.error(`running ${protocol} ${request.method} on the baseline ...`);
          baselines.set(key, await load({ ...spec, port: baselinePort }));
        }
        rows.push({ label, fkas, baseline: baselines.get(key) });
      }
      sections.push(formatTable(title, rows));
    }
    if (options.fsync) sections.push(await durableWrites(options, cluster, classes));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `command: ${process.argv.join(" ")}`,
        `servers (fkas and baseline): ${serverRuntime}; load generator: ${runtimeVersion()}`,
        `runs: ${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s warm-up` +
        (options.maxRequests ? ` (at most ${options.maxRequests} requests)` : "") +
        `; HTTP/1.1: ${options.connections} connections; HTTP/2: ${options.streams} streams; ` +
        `cluster: 1 control plane + ${options.workers} workers; loopback, mTLS (ECDSA P-256)`,
        `total wall time: ${seconds} s; ${cpus().length} CPUs, 1-min load average ${loadBefore} ` +
        `before, ${loadavg()[0].toFixed(2)} after (other processes make the figures noisy)`,
        "",
        sections.join("\n\n"),
      ].join("\n"),
    );
  } finally {
    await baseline?.stop();
    await cluster.stop();
  }
}

// The write class on a second fkas keeping a journal, each run right after the same run in memory
// (the machine's load drifts): the ratio is durable req/s over in-memory req/s.
async function durableWrites(
  options: BenchOptions,
  inMemory: FkasCluster,
  classes: RequestClass[],
): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "fkas-bench-data-"));
  const durable = await startFkasCluster(options.runtime, options.workers, [
    `--data-dir=${dataDir}`,
    `--fsync=${options.fsync}`,
  ]);
  try {
    const rows: Row[] = [];
    for (const { label, ...request } of classes.filter((c) => c.method !== "GET")) {
      for (const { protocol } of PROTOCOLS) {
        const spec = {
          ...request,
          protocol,
          concurrency: protocol === "h2" ? options.streams : options.connections,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
          maxRequests: options.maxRequests,
        };
        console.error(`running ${protocol} ${label} in memory and with --data-dir ...`);
        const memory = await load({ ...spec, certDir: inMemory.certDir, port: inMemory.port });
        const journaled = await load({ ...spec, certDir: durable.certDir, port: durable.port });
        rows.push({ label: `${label} (${protocol})`, fkas: journaled, baseline: memory });
      }
    }
    return formatTable(
      `Writes with --data-dir --fsync ${options.fsync} (baseline = the same fkas in memory)`,
      rows,
    );
  } finally {
    await durable.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let options;
try {
  options = parseOptions();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (options === "help") console.log(USAGE);
else await bench(options);
