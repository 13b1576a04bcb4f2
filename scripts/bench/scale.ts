// Benchmark: many fake clusters in one fkas process (issue 7). Four phases, one table at the end:
//   1. create N clusters (1 control plane + 3 workers each) through the control API, each ending
//      with a TLS handshake on its port: time from the first /register to the last handshake;
//   2. fkas's RSS and fds idle vs with N clusters, and its CPU while idle;
//   3. CAPI's steady state on M of them: per cluster 3 "controllers", each one HTTP/2 session (admin
//      client cert) with a Node watch and a control-plane Pod watch open and `GET /` every 10 s;
//   4. watch fan-out: many Node watchers on a few clusters while their control-plane Node is patched.
// The load comes from separate processes (scale_load.ts), so it does not share fkas's event loop;
// on a 2-core machine they still share the CPUs, so their CPU is reported beside fkas's.
// File descriptors: every child is started through `sh -c 'ulimit -n 65535 || ulimit -n <hard>'`;
// 10,000 clusters need ~10,000 listening sockets in fkas, and the steady phase one socket per
// controller in fkas and in the load generator. Without CAP_SYS_RESOURCE the hard limit (`ulimit -Hn`)
// caps it; the output prints the limit each process got.
// Usage: npx --yes bun@1.4.5 scripts/bench/scale.ts [--quick] [--runtime bun|deno] (--help: all flags)
//        npx --yes deno@2.9.6 run -A scripts/bench/scale.ts [--quick]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fdKinds, type ProcStats, procStats } from "./_proc_stats.ts";
import { runtimeVersion } from "./_runtimes.ts";
import {
  clusterName,
  clusterTarget,
  controlPlaneOf,
  createClusters,
  startScaleFkas,
} from "./_scale_fkas.ts";
import { parseScaleOptions, SCALE_USAGE, type ScaleOptions } from "./_scale_options.ts";
import { fdLimit, killScaleChildren, type ScaleChild, spawnScaleChild } from "./_scale_proc.ts";
import { fixed, formatScaleTable, type ScaleRow } from "./_scale_report.ts";
import { connectHttp2 } from "./_http2_client.ts";
import { percentile, Samples } from "./_stats.ts";
import {
  type ClusterTarget,
  type FanoutResult,
  type FanoutSpec,
  type SteadyResult,
  type SteadySpec,
} from "./scale_load.ts";

const LOAD = new URL("./scale_load.ts", import.meta.url).pathname;
const FULL_CLUSTERS = 10_000;
const TARGET_READY_S = 60;
const TARGET_KB_PER_CLUSTER = 200;
const TARGET_P99_MS = 100;
const TARGET_CORES = 1.5;
const FULL_RATE = 3_000; // req/s: 10,000 clusters × 3 controllers / 10 s
const TARGET_EVENTS = 100_000;
const PATCHES_IN_FLIGHT = 4; // per fan-out cluster

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) =>
  console.error(`[scale ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** CPU cores `pid` used between two readings `wallMs` apart. */
const cores = (before: ProcStats, after: ProcStats, wallMs: number) =>
  (after.cpuMs - before.cpuMs) / wallMs;

/** Runs `task` over `items` with at most `limit` in flight, keeping the results' order. */
async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  }));
  return results;
}

/** Starts one load process per spec, waits until each printed its ready line. */
async function startLoaders(
  options: ScaleOptions,
  dir: string,
  specs: (SteadySpec | FanoutSpec)[],
  readyMs: number,
): Promise<{ loaders: ScaleChild[]; ready: Record<string, unknown>[] }> {
  const loaders = specs.map((spec, i) => {
    const file = join(dir, `${spec.mode}-${i}.json`);
    writeFileSync(file, JSON.stringify(spec));
    return spawnScaleChild(options.loadRuntime, LOAD, [file]);
  });
  try {
    const ready = await Promise.all(
      loaders.map(async (l) => JSON.parse(await l.waitFor(/^(\{"ready".*)$/, readyMs)).ready),
    );
    return { loaders, ready };
  } catch (error) {
    await Promise.all(loaders.map((l) => l.stop()));
    throw error;
  }
}

/** Sends "go" to every loader and collects their result lines, with fkas's and their CPU over the window. */
async function runLoaders<R>(
  fkasPid: number,
  loaders: ScaleChild[],
  timeoutMs: number,
  during?: () => Promise<void>,
) {
  const results = loaders.map((l) => l.waitFor(/^(\{"result".*)$/, timeoutMs));
  const fkasBefore = procStats(fkasPid);
  const loadBefore = loaders.map((l) => procStats(l.pid));
  const started = performance.now();
  for (const loader of loaders) loader.send("go");
  await during?.();
  const parsed = (await Promise.all(results)).map((line) => JSON.parse(line).result as R);
  const wallMs = performance.now() - started;
  const fkasAfter = procStats(fkasPid);
  return {
    results: parsed,
    wallMs,
    fkasBefore,
    fkasAfter,
    fkasCores: cores(fkasBefore, fkasAfter, wallMs),
    // The loaders report their own CPU over exactly their window; the driver's readings include
    // JSON output of the latencies, so prefer theirs.
    loadBefore,
  };
}

/** Splits `items` round-robin into `n` groups. */
const split = <T>(items: T[], n: number) =>
  Array.from({ length: n }, (_, g) => items.filter((_, i) => i % n === g));

function request(
  session: http2.ClientHttp2Session,
  headers: http2.OutgoingHttpHeaders,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    let status = 0;
    let text = "";
    stream.setEncoding("utf8");
    stream.on("response", (h) => status = Number(h[":status"]));
    stream.on("data", (chunk: string) => text += chunk);
    stream.on("end", () => resolve({ status, text }));
    stream.on("error", reject);
    stream.on("close", () => reject(new Error(`stream closed, code ${stream.rstCode}`)));
    if (body !== undefined) stream.end(body);
  });
}

interface SteadyOutcome {
  ready: Record<string, unknown>[];
  results: SteadyResult[];
  fkasCores: number;
  wallMs: number;
  latencies: Float64Array;
}

async function steadyPhase(
  options: ScaleOptions,
  dir: string,
  fkasPid: number,
  targets: ClusterTarget[],
): Promise<SteadyOutcome> {
  const durationMs = options.steadySeconds * 1000;
  const groups = split(targets, Math.min(options.loadProcesses, targets.length));
  const specs: SteadySpec[] = groups.map((clusters) => ({
    mode: "steady",
    clusters,
    controllers: options.controllers,
    intervalMs: options.steadyIntervalSeconds * 1000,
    durationMs,
    watchTimeoutSeconds: Math.ceil(options.steadySeconds) + 300,
    connectConcurrency: 32,
  }));
  const { loaders, ready } = await startLoaders(options, dir, specs, 600_000);
  try {
    log(`steady: load generators connected: ${JSON.stringify(ready)}`);
    const run = await runLoaders<SteadyResult>(fkasPid, loaders, durationMs + 120_000);
    const all = new Samples();
    for (const result of run.results) for (const v of result.latencies) all.add(v);
    return {
      ready,
      results: run.results,
      fkasCores: run.fkasCores,
      wallMs: run.wallMs,
      latencies: all.sorted(),
    };
  } finally {
    await Promise.all(loaders.map((l) => l.stop()));
  }
}

interface FanoutOutcome {
  watchers: number;
  expected: number;
  events: number;
  bytes: number;
  eventsPerSecond: number;
  closedEarly: number;
  fkasCores: number;
  loadCpuMs: number;
  patchMs: Float64Array;
  spanMs: number;
}

async function fanoutPhase(
  options: ScaleOptions,
  dir: string,
  fkasPid: number,
  targets: ClusterTarget[],
): Promise<FanoutOutcome> {
  const sessions = await Promise.all(targets.map((t) => connectHttp2(t)));
  try {
    const withVersions = await Promise.all(targets.map(async (target, i) => {
      const { text } = await request(sessions[i], { ":method": "GET", ":path": "/api/v1/nodes" });
      return { ...target, resourceVersion: JSON.parse(text).metadata.resourceVersion as string };
    }));
    const processes = Math.min(options.loadProcesses, options.fanoutWatchers);
    const perProcess = split(Array.from({ length: options.fanoutWatchers }), processes).map((g) =>
      g.length
    );
    const specs: FanoutSpec[] = perProcess.map((watchersPerCluster) => ({
      mode: "fanout",
      clusters: withVersions,
      watchersPerCluster,
      streamsPerSession: 50,
      expectedEvents: watchersPerCluster * targets.length * options.fanoutPatches,
      timeoutMs: 120_000,
      connectConcurrency: 16,
    }));
    const { loaders, ready } = await startLoaders(options, dir, specs, 300_000);
    try {
      log(`fan-out: watchers open: ${JSON.stringify(ready)}`);
      const patchSamples = new Samples();
      let firstPatchAt = 0;
      const patchAll = async () => {
        await sleep(200); // let "go" reach the loaders
        firstPatchAt = performance.timeOrigin + performance.now();
        let seq = 0;
        await Promise.all(targets.map(async (target, c) => {
          const path = `/api/v1/nodes/${controlPlaneOf(target.name)}`;
          let sent = 0;
          await Promise.all(Array.from({ length: PATCHES_IN_FLIGHT }, async () => {
            while (sent < options.fanoutPatches) {
              sent++;
              const body = JSON.stringify({
                metadata: { labels: { "bench.fkas.io/seq": String(++seq) } },
              });
              const started = performance.now();
              const { status, text } = await request(sessions[c], {
                ":method": "PATCH",
                ":path": path,
                "content-type": "application/merge-patch+json",
              }, body);
              if (status !== 200) {
                throw new Error(`Cannot patch ${path}: ${status} ${text.slice(0, 200)}`);
              }
              patchSamples.add(performance.now() - started);
            }
          }));
        }));
      };
      const run = await runLoaders<FanoutResult>(fkasPid, loaders, 180_000, patchAll);
      const events = run.results.reduce((sum, r) => sum + r.events, 0);
      const lastEventAt = Math.max(...run.results.map((r) => r.lastEventAt));
      const spanMs = lastEventAt - firstPatchAt;
      return {
        watchers: run.results.reduce((sum, r) => sum + r.watchers, 0),
        expected: specs.reduce((sum, s) => sum + s.expectedEvents, 0),
        events,
        bytes: run.results.reduce((sum, r) => sum + r.bytes, 0),
        eventsPerSecond: events / (spanMs / 1000),
        closedEarly: run.results.reduce((sum, r) => sum + r.closedEarly, 0),
        fkasCores: run.fkasCores,
        loadCpuMs: run.results.reduce((sum, r) => sum + r.cpuMs, 0),
        patchMs: patchSamples.sorted(),
        spanMs,
      };
    } finally {
      await Promise.all(loaders.map((l) => l.stop()));
    }
  } finally {
    // The sessions stay open until fkas stops and the driver exits: closing them here would send
    // a GOAWAY after hundreds of streams, which can abort Deno's node:http2 server (runtime-notes).
  }
}

const msPair = (sorted: Float64Array) =>
  `${fixed(percentile(sorted, 0.5), 2)} / ${fixed(percentile(sorted, 0.99), 2)}`;

async function bench(options: ScaleOptions): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0].toFixed(2);
  const dir = mkdtempSync(join(tmpdir(), "fkas-scale-"));
  const fkasLabel = options.binary ? `the binary ${options.binary}` : options.runtime;
  log(`starting fkas: ${fkasLabel}`);
  const fkas = await startScaleFkas(options.runtime, options.ports, options.binary, [
    `--workers=${options.workers}`,
  ]);
  const pid = fkas.child.pid;
  const notes: string[] = [];
  try {
    // Phase 2a: fkas idle, before any cluster.
    await sleep(options.settleSeconds * 1000);
    const idle = procStats(pid);
    log(
      `fkas pid ${pid}, fd limit ${fdLimit(pid)}; idle RSS ${
        fixed(idle.rssMiB)
      } MiB, ${idle.fds} fds`,
    );

    // Phase 1: clusters.
    const driverCpu = process.cpuUsage();
    const creation = await createClusters(
      fkas.control,
      options.clusters,
      options.concurrency,
      (done) => {
        const s = procStats(pid);
        const elapsed = (performance.now() - started) / 1000;
        log(
          `${done} clusters; fkas RSS ${fixed(s.rssMiB)} MiB, ${s.fds} fds; ${
            fixed(elapsed)
          } s since start`,
        );
      },
    );
    const driverUsage = process.cpuUsage(driverCpu);
    const readyMs = creation.readyAt - creation.startedAt;
    const created = options.clusters - creation.failures;
    if (creation.failures > 0) {
      notes.push(`${creation.failures} clusters failed: ${creation.firstError}`);
    }
    const afterCreate = procStats(pid);
    const creationCores = (afterCreate.cpuMs - idle.cpuMs) / readyMs;

    // Phase 2b: memory and idle CPU with N clusters.
    const settleBefore = procStats(pid);
    const settleStarted = performance.now();
    await sleep(options.settleSeconds * 1000);
    const settled = procStats(pid);
    const idleCores = cores(settleBefore, settled, performance.now() - settleStarted);
    const kbPerCluster = (settled.rssMiB - idle.rssMiB) * 1024 / created;
    const fdsPerCluster = (settled.fds - idle.fds) / created;
    const kinds = Object.entries(fdKinds(pid)).sort((a, b) => b[1] - a[1]).slice(0, 4)
      .map(([kind, count]) => `${kind} ${count}`).join(", ");
    log(
      `settled: RSS ${fixed(settled.rssMiB)} MiB (${
        fixed(kbPerCluster)
      } KB/cluster), fds ${settled.fds} (${kinds}), idle ${fixed(idleCores, 3)} cores`,
    );

    // Admin clients of the clusters phases 3 and 4 use (each kubeconfig issues one client cert).
    const wanted = Math.max(options.steadyClusters, options.fanoutClusters);
    const targetsStarted = performance.now();
    const targets = await pool(
      Array.from({ length: wanted }, (_, i) => clusterName(i)),
      options.concurrency,
      (name) => clusterTarget(fkas.control, name),
    );
    log(`${wanted} kubeconfigs in ${fixed((performance.now() - targetsStarted) / 1000)} s`);

    // Phase 3: steady state.
    log(
      `steady: ${options.steadyClusters} clusters × ${options.controllers} controllers, ${options.steadySeconds} s`,
    );
    const steady = await steadyPhase(options, dir, pid, targets.slice(0, options.steadyClusters));
    const steadyRequests = steady.results.reduce((sum, r) => sum + r.requests, 0);
    const steadySent = steady.results.reduce((sum, r) => sum + r.sent, 0);
    const steadyErrors = steady.results.reduce((sum, r) => sum + r.errors, 0);
    const windowMs = Math.max(...steady.results.map((r) => r.windowMs));
    const steadyRate = steadyRequests / (windowMs / 1000);
    const scheduledRate = options.steadyClusters * options.controllers /
      options.steadyIntervalSeconds;
    const watchesStart = steady.results.reduce((sum, r) => sum + r.watchesOpenAtStart, 0);
    const watchesEnd = steady.results.reduce((sum, r) => sum + r.watchesOpenAtEnd, 0);
    const expectedWatches = options.steadyClusters * options.controllers * 2;
    const loadCores = steady.results.reduce((sum, r) => sum + r.cpuMs, 0) / windowMs;
    const lag = Math.max(...steady.results.map((r) => r.lagP99Ms));
    const statuses: Record<string, number> = {};
    for (const r of steady.results) {
      for (const [code, n] of Object.entries(r.statuses)) {
        statuses[code] = (statuses[code] ?? 0) + n;
      }
      if (r.firstError) notes.push(`steady: ${r.errors} errors, first: ${r.firstError}`);
    }
    // Extrapolation to the full load: fkas's idle CPU with the N clusters (timers, GC) plus the
    // phase's CPU above it, linear in the request rate (the open watches' cost rides along).
    const perRequestCores = (steady.fkasCores - idleCores) / steadyRate;
    const fullCores = idleCores + perRequestCores * FULL_RATE;

    // Phase 4: fan-out.
    log(
      `fan-out: ${options.fanoutClusters} clusters × ${options.fanoutWatchers} watchers, ${options.fanoutPatches} patches each`,
    );
    const fanout = await fanoutPhase(options, dir, pid, targets.slice(0, options.fanoutClusters));
    const end = procStats(pid);

    const scaled = options.clusters < FULL_CLUSTERS;
    const readyRate = created / (readyMs / 1000);
    const rows: ScaleRow[] = [
      {
        metric: "clusters (1 CP + 3 workers)",
        value: `${created}`,
        target: `${FULL_CLUSTERS}`,
        met: created >= FULL_CLUSTERS,
      },
      {
        metric: "time to ready (1st register → last handshake)",
        value: `${fixed(readyMs / 1000, 2)} s`,
        target: scaled
          ? `< ${fixed(TARGET_READY_S * created / FULL_CLUSTERS, 2)} s (60 s per 10,000)`
          : `< ${TARGET_READY_S} s`,
        met: readyRate >= FULL_CLUSTERS / TARGET_READY_S,
        how: scaled ? "pro rata" : undefined,
      },
      {
        metric: "clusters/s",
        value: fixed(readyRate, 0),
        target: `≥ ${fixed(FULL_CLUSTERS / TARGET_READY_S, 0)}`,
        met: readyRate >= FULL_CLUSTERS / TARGET_READY_S,
      },
      { metric: "register p50 / p99 ms", value: msPair(creation.register.sorted()) },
      { metric: "updateNode p50 / p99 ms", value: msPair(creation.updateNode.sorted()) },
      {
        metric: "TLS handshake after updateNode p50 / p99 ms",
        value: msPair(creation.handshake.sorted()),
      },
      { metric: "fkas CPU while creating (cores)", value: fixed(creationCores, 2) },
      {
        // The CPU behind "ready in": on a quiet machine with C free cores, ready ≥ this / C.
        metric: "fkas CPU to create the clusters (s, all threads)",
        value: fixed((creationCores * readyMs) / 1000, 1),
      },
      {
        metric: "RSS idle → with N clusters (MiB)",
        value: `${fixed(idle.rssMiB)} → ${fixed(settled.rssMiB)}`,
      },
      {
        metric: "RSS per cluster",
        value: `${fixed(kbPerCluster)} KB`,
        target: `< ${TARGET_KB_PER_CLUSTER} KB`,
        met: kbPerCluster < TARGET_KB_PER_CLUSTER,
      },
      {
        metric: "fds idle → with N clusters (per cluster)",
        value: `${idle.fds} → ${settled.fds} (${fixed(fdsPerCluster, 2)})`,
      },
      { metric: "fkas CPU idle with N clusters (cores)", value: fixed(idleCores, 3) },
      {
        metric: `steady: GET / rate (${options.steadyClusters} clusters × ${options.controllers})`,
        value: `${fixed(steadyRate, 0)} req/s`,
        target: `${fixed(scheduledRate, 0)} scheduled (3,000 at full scale)`,
        met: steadyRate >= scheduledRate * 0.95,
      },
      {
        metric: "steady: GET / p50 / p99 ms",
        value: msPair(steady.latencies),
        target: `p99 < ${TARGET_P99_MS}`,
        met: percentile(steady.latencies, 0.99) < TARGET_P99_MS,
      },
      { metric: "steady: GET / max ms", value: fixed(steady.latencies.at(-1) ?? NaN, 2) },
      {
        metric: "steady: watches open at start / end",
        value: `${watchesStart} / ${watchesEnd}`,
        target: `${expectedWatches}`,
        met: watchesEnd === expectedWatches,
      },
      { metric: "steady: fkas CPU (cores)", value: fixed(steady.fkasCores, 3) },
      {
        metric: "steady: fkas cores at 10,000 clusters, 3,000 req/s",
        value: fixed(fullCores, 2),
        target: `≤ ${TARGET_CORES}`,
        met: fullCores <= TARGET_CORES,
        how: scaled || steadyRate < FULL_RATE * 0.95 ? "extrapolated" : undefined,
      },
      {
        metric: "steady: load generator CPU (cores) / timer lag p99 ms",
        value: `${fixed(loadCores, 3)} / ${fixed(lag, 1)}`,
      },
      {
        metric:
          `fan-out: events/s (${fanout.watchers} watchers, ${options.fanoutClusters} clusters)`,
        value: fixed(fanout.eventsPerSecond, 0),
        target: `≥ ${TARGET_EVENTS}`,
        met: fanout.eventsPerSecond >= TARGET_EVENTS,
      },
      {
        metric: "fan-out: events delivered / expected",
        value: `${fanout.events} / ${fanout.expected}`,
      },
      {
        metric: "fan-out: MB/s delivered",
        value: fixed(fanout.bytes / 1e6 / (fanout.spanMs / 1000), 1),
      },
      { metric: "fan-out: PATCH node p50 / p99 ms", value: msPair(fanout.patchMs) },
      {
        metric: "fan-out: fkas CPU / load generator CPU (cores)",
        value: `${fixed(fanout.fkasCores, 2)} / ${fixed(fanout.loadCpuMs / fanout.spanMs, 2)}`,
      },
      {
        // CPU time per delivered event: what a loaded machine still measures fairly.
        metric: "fan-out: fkas CPU µs per event (all threads)",
        value: fixed((fanout.fkasCores * fanout.spanMs * 1000) / Math.max(1, fanout.events), 2),
      },
    ];
    if (fanout.closedEarly > 0) {
      notes.push(`fan-out: fkas closed ${fanout.closedEarly} watchers early (slow consumers)`);
    }
    const odd = Object.entries(statuses).filter(([code]) => code !== "200");
    if (odd.length > 0) notes.push(`steady: statuses ${JSON.stringify(statuses)}`);
    if (steadySent > steadyRequests + steadyErrors) {
      notes.push(
        `steady: ${
          steadySent - steadyRequests - steadyErrors
        } GETs answered after the window or never`,
      );
    }
    if (loadCores > 0.8 || lag > 50) {
      notes.push(
        `the load generator looks saturated (CPU ${fixed(loadCores, 2)} cores, timer lag p99 ${
          fixed(lag)
        } ms): latencies include its queueing`,
      );
    }
    if (fanout.loadCpuMs / fanout.spanMs > 0.8) {
      notes.push(
        `fan-out: the load generator used ${
          fixed(fanout.loadCpuMs / fanout.spanMs, 2)
        } cores; on ${cpus().length} CPUs it competes with fkas, so events/s is a lower bound of fkas's own`,
      );
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log([
      `command: ${process.argv.join(" ")}`,
      `fkas: ${fkasLabel} (fd limit ${fdLimit(pid)}, end RSS ${
        fixed(end.rssMiB)
      } MiB); load generators: ${options.loadProcesses} × ${options.loadRuntime}; driver: ${runtimeVersion()} (CPU while creating ${
        fixed((driverUsage.user + driverUsage.system) / 1000 / readyMs, 2)
      } cores)`,
      `clusters: ${options.clusters} created ${options.concurrency} at a time; steady: ${options.steadyClusters} clusters × ${options.controllers} controllers (HTTP/2, 2 watches each), GET / every ${options.steadyIntervalSeconds} s for ${options.steadySeconds} s; fan-out: ${options.fanoutClusters} × ${options.fanoutWatchers} Node watchers, ${options.fanoutPatches} patches each`,
      `total wall time: ${seconds} s; ${cpus().length} CPUs, 1-min load average ${loadBefore} before, ${
        loadavg()[0].toFixed(2)
      } after; loopback, mTLS (ECDSA P-256)`,
      "",
      formatScaleTable(rows),
      ...notes.map((note) => `  note: ${note}`),
    ].join("\n"));
  } finally {
    await fkas.child.stop(30_000);
    rmSync(dir, { recursive: true, force: true });
  }
}

let options;
try {
  options = parseScaleOptions();
} catch (error) {
  console.error(`${(error as Error).message}\n${SCALE_USAGE}`);
  process.exit(2);
}
if (options === "help") console.log(SCALE_USAGE);
else {
  // Ctrl-C or SIGTERM: no finally block runs, so kill the children here.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      killScaleChildren();
      process.exit(130);
    });
  }
  await bench(options);
  process.exit(0); // the fan-out phase's HTTP/2 sessions are still referenced
}
