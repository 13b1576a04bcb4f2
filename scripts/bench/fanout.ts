// Benchmark: watch fan-out (issue 20: "≥ 200,000 events/s with --workers 2"). fkas runs as a child
// with --clusters clusters; --load-processes processes of their own (fanout_load.ts) open --watchers
// watches of the ConfigMaps of `default` per cluster, as an informer does (resourceVersion,
// bookmarks), over HTTP/1.1 (a connection each) or HTTP/2 (one session per watch, or
// --streams-per-session watches per session), JSON or protobuf; then --events PATCHes of one
// ConfigMap per cluster are made, --in-flight at a time (at most --rate per second per cluster when
// given). Reported per case: delivered events per second (first PATCH to last event received) and
// fkas CPU µs per delivered event: fkas's CPU time (from /proc) for the churn with the watchers,
// minus the same churn with none, over the events delivered. CPU time, not wall time, because the
// machine is shared; --trees compares trees (e.g. this one and a worktree of main), alternating
// their runs --rounds times. --in-process serves one bare cluster of each tree in a process of its
// own (fanout_fkas.ts: the kube app behind a TLS endpoint, nothing else) that makes the PATCHes
// itself and reports its CPU time in µs (process.cpuUsage): the least noise for comparing trees.
// Usage: npx --yes bun@1.4.5 scripts/bench/fanout.ts [--help] [options]
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import https from "node:https";
import { join, resolve } from "node:path";
import process from "node:process";
import { createInterface } from "node:readline";
import { nonNegative, positive, runtimeOption } from "./_options.ts";
import { procStats } from "./_proc_stats.ts";
import { type Runtime, runtimeVersion, scriptCommand } from "./_runtimes.ts";
import { type FkasCluster, startFkasCluster } from "./_fkas_cluster.ts";
import { controlCall } from "./_control_call.ts";
import type { LoadReport, LoadSpec } from "./fanout_load.ts";

const CASES = ["h1-json", "h1-pb", "h2-json", "h2-pb", "h2m-json", "h2m-pb"] as const;
type Case = typeof CASES[number];

const USAGE = `Usage: fanout.ts [--runtime bun|deno] [--workers N] [--clusters N] [--watchers N]
                 [--streams-per-session N] [--events N] [--in-flight N] [--rate N]
                 [--load-processes N] [--payload BYTES] [--rounds N] [--trees DIR,DIR]
                 [--in-process] [--cpu-prof DIR] [--cases ${CASES.join(",")}]
  --runtime             runtime of fkas (default bun)
  --workers N           fkas --workers (default 1)
  --clusters N          clusters, each with its own watchers and PATCHes (default: --workers)
  --watchers N          watches per cluster (default 200)
  --streams-per-session watches per HTTP/2 session in the h2m cases (default 100)
  --events N            PATCHes per cluster per case (default 500)
  --in-flight N         PATCHes in flight per cluster (default 4)
  --rate N              at most N PATCHes per second per cluster (default 0: no limit)
  --load-processes N    processes the watchers are spread over (default 2)
  --payload BYTES       size of the watched ConfigMap's data (default 600)
  --rounds N            runs of each tree, alternating (default 1)
  --trees DIR,DIR       trees whose main.ts is measured (default: this one)
  --in-process          a bare cluster of each tree in a process of its own, PATCHed in process
                        (one cluster; --workers and --clusters do not apply; with --rate, the
                        PATCHes are made --in-flight in one turn, so each watcher gets batches of
                        --in-flight events whatever the load)
  --cpu-prof DIR        with --in-process on Bun: fkas writes a CPU profile (100 µs samples) to DIR
  --cases LIST          h1: HTTP/1.1, h2: a session per watch, h2m: many watches per session`;

interface Options {
  runtime: Runtime;
  workers: number;
  clusters: number;
  watchers: number;
  streamsPerSession: number;
  events: number;
  inFlight: number;
  rate: number;
  loadProcesses: number;
  payload: number;
  rounds: number;
  trees: string[];
  inProcess: boolean;
  cpuProf: string | undefined;
  cases: Case[];
}

function parse(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const cases = (value("cases") ?? CASES.join(",")).split(",") as Case[];
  for (const c of cases) if (!CASES.includes(c)) throw new Error(`Cannot parse --cases: ${c}`);
  const workers = positive("workers", value("workers"), 1);
  return {
    runtime: runtimeOption("runtime", value("runtime"), "bun"),
    workers,
    clusters: positive("clusters", value("clusters"), workers),
    watchers: positive("watchers", value("watchers"), 200),
    streamsPerSession: positive("streams-per-session", value("streams-per-session"), 100),
    events: positive("events", value("events"), 500),
    inFlight: positive("in-flight", value("in-flight"), 4),
    rate: nonNegative("rate", value("rate"), 0),
    loadProcesses: positive("load-processes", value("load-processes"), 2),
    payload: positive("payload", value("payload"), 600),
    rounds: positive("rounds", value("rounds"), 1),
    // Absolute: --in-process imports each tree's files from a script of this tree.
    trees: (value("trees") ?? new URL("../..", import.meta.url).pathname).split(",").map((t) =>
      resolve(t)
    ),
    inProcess: args.includes("--in-process"),
    cpuProf: value("cpu-prof"),
    cases,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LOADER = new URL("./fanout_load.ts", import.meta.url).pathname;
const FKAS = new URL("./fanout_fkas.ts", import.meta.url).pathname;
const CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

interface Tls {
  ca: string;
  cert: string;
  key: string;
}

/** The fkas measured: its clusters' ports, all served to the same client certificate. */
interface Fkas {
  ports: number[];
  tls: Tls;
  /** PATCHes `events` times per cluster (see `Options`); resolves once all were answered. */
  churn(events: number): Promise<void>;
  /** fkas's CPU time so far, µs. */
  cpuUs(): Promise<number>;
  stop(): Promise<void>;
}

/** A fkas child of a tree's main.ts with its clusters, PATCHed over HTTPS. */
interface MainSetup {
  cluster: FkasCluster;
  ports: number[];
  tls: Tls;
  agent: https.Agent;
}

function kube(setup: MainSetup, port: number, method: string, path: string, body?: unknown) {
  return new Promise<string>((resolve, reject) => {
    const request = https.request({
      host: "127.0.0.1",
      port,
      method,
      path,
      agent: setup.agent,
      ...setup.tls,
      servername: "localhost",
      headers: {
        "Content-Type": method === "PATCH" ? "application/merge-patch+json" : "application/json",
      },
    }, (response) => {
      const chunks: Uint8Array[] = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        if ((response.statusCode ?? 0) >= 300) {
          reject(new Error(`Cannot ${method} ${path}: ${response.statusCode} ${text}`));
        } else resolve(text);
      });
    });
    request.on("error", reject);
    if (body !== undefined) request.write(JSON.stringify(body));
    request.end();
  });
}

/** One running fanout_load.ts. */
interface Loader {
  report(): Promise<LoadReport>;
  stop(): Promise<void>;
}

function startLoader(spec: LoadSpec): Promise<Loader> {
  const [command, ...args] = scriptCommand("bun", LOADER, [JSON.stringify(spec)]);
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    exited.then(() => reject(new Error("Cannot start the load: fanout_load.ts exited")));
    next().then(() =>
      resolve({
        async report() {
          child.stdin!.write("report\n");
          return JSON.parse(await next()) as LoadReport;
        },
        async stop() {
          child.stdin!.end("exit\n");
          await exited;
        },
      })
    );
  });
}

/** PATCHes `events` times per cluster over HTTPS, --in-flight at a time, at most --rate/s. */
async function churnMain(setup: MainSetup, options: Options, events: number, seq: { n: number }) {
  const gap = options.rate > 0 ? 1000 / options.rate : 0;
  await Promise.all(setup.ports.map(async (port) => {
    let sent = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: options.inFlight }, async () => {
      while (sent < events) {
        const i = sent++;
        await kube(setup, port, "PATCH", `${CONFIGMAPS}/bench`, { data: { n: String(seq.n++) } });
        const wait = start + (i + 1) * gap - performance.now();
        if (wait > 0) await sleep(wait);
      }
    }));
  }));
}

/** Starts a tree's main.ts with --clusters clusters, each with the ConfigMap `bench`. */
async function startMain(tree: string, options: Options): Promise<Fkas> {
  const cluster = await startFkasCluster(
    options.runtime,
    0,
    [`--workers=${options.workers}`],
    join(tree, "main.ts"),
  );
  try {
    return await setUpMain(cluster, options);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Registers the clusters beyond the first and creates every cluster's ConfigMap `bench`. */
async function setUpMain(cluster: FkasCluster, options: Options): Promise<Fkas> {
  const read = (file: string) => readFileSync(join(cluster.certDir, file), "utf8");
  const tls = { ca: read("ca.crt"), cert: read("client.crt"), key: read("client.key") };
  const ports = [cluster.port];
  const control = `http://${cluster.fkas.ready}`;
  for (let i = 2; i <= options.clusters; i++) {
    const name = `bench-${i}`;
    const registered = await controlCall(control, "POST", "/register", {
      cluster: name,
      namespace: "bench",
      ca: { cert: cluster.ca.certPem, key: cluster.ca.keyPem },
    });
    await controlCall(control, "PUT", "/updateNode", {
      cluster: name,
      namespace: "bench",
      nodeName: `${name}-cp-1`,
      labels: { "cluster.x-k8s.io/control-plane": "" },
      k8sversion: "v1.33.1",
      providerID: `fake://${name}-cp-1`,
    });
    ports.push(JSON.parse(registered).Port);
  }
  const agent = new https.Agent({ keepAlive: true, maxSockets: options.inFlight });
  const setup: MainSetup = { cluster, ports, tls, agent };
  for (const port of ports) {
    await kube(setup, port, "POST", CONFIGMAPS, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "bench", labels: { app: "bench" } },
      data: { n: "0", payload: "x".repeat(options.payload) },
    });
  }
  const seq = { n: 1 };
  return {
    ports,
    tls,
    churn: (events) => churnMain(setup, options, events, seq),
    cpuUs: () => Promise.resolve(procStats(cluster.fkas.process.pid!).cpuMs * 1000),
    async stop() {
      agent.destroy();
      await cluster.stop();
    },
  };
}

/** Starts fanout_fkas.ts on a tree: one bare cluster, PATCHed in its own process. */
async function startInProcess(tree: string, options: Options): Promise<Fkas> {
  // The tree's own copy when it has one (copy this one there for an older tree): Deno resolves
  // the tree's imports with the configuration of the script's own tree.
  const own = join(tree, "scripts/bench/fanout_fkas.ts");
  // A copy from before --rate would ignore it and churn unpaced: this tree's copy then.
  const script =
    existsSync(own) && (options.rate === 0 || readFileSync(own, "utf8").includes("pacedChurn"))
      ? own
      : FKAS;
  const [command, ...args] = scriptCommand(options.runtime, script, [
    tree,
    String(options.payload),
  ]);
  if (options.cpuProf && options.runtime === "bun") {
    args.unshift("--cpu-prof", "--cpu-prof-interval=100", `--cpu-prof-dir=${options.cpuProf}`);
  }
  const child = spawn(command, args, { cwd: tree, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const ask = async (line: string) => {
    child.stdin!.write(`${line}\n`);
    return await next();
  };
  const [, port, dir] = (await Promise.race([
    next(),
    exited.then(() => {
      throw new Error("Cannot start fanout_fkas.ts: it exited");
    }),
  ])).split(" ");
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  return {
    ports: [Number(port)],
    tls: { ca: read("ca.crt"), cert: read("client.crt"), key: read("client.key") },
    churn: async (events) => void await ask(`churn ${events} ${options.inFlight} ${options.rate}`),
    cpuUs: async () => Number(await ask("cpu")),
    async stop() {
      child.stdin!.end();
      await exited;
    },
  };
}

/** Events per second and fkas CPU µs per event of one case. */
interface CaseResult {
  eventsPerSecond: number;
  usPerEvent: number;
  delivered: number;
}

async function runCase(
  fkas: Fkas,
  options: Options,
  name: Case,
  aloneUs: number,
): Promise<CaseResult> {
  // resourceVersion=0: the current state first (counted before the churn), as each cluster's store
  // counts its own versions.
  const path = `${CONFIGMAPS}?watch=1&allowWatchBookmarks=true&resourceVersion=0`;
  const processes = Math.min(options.loadProcesses, options.watchers);
  const loaders = await Promise.all(Array.from({ length: processes }, (_, p) => {
    const watchers = Math.floor(options.watchers / processes) +
      (p < options.watchers % processes ? 1 : 0);
    return startLoader({
      ports: fkas.ports,
      watchers,
      protocol: name.startsWith("h1") ? "h1" : "h2",
      streamsPerSession: name.startsWith("h2m") ? options.streamsPerSession : 1,
      protobuf: name.endsWith("pb"),
      path,
      tls: fkas.tls,
    });
  }));
  try {
    await sleep(500);
    const base = (await Promise.all(loaders.map((l) => l.report()))).reduce(
      (sum, r) => sum + r.events,
      0,
    );
    const before = await fkas.cpuUs();
    const startedAt = Date.now();
    await fkas.churn(options.events);
    const expected = base + options.events * options.watchers * fkas.ports.length;
    const deadline = performance.now() + 120_000;
    let reports: LoadReport[];
    for (;;) {
      reports = await Promise.all(loaders.map((l) => l.report()));
      const events = reports.reduce((sum, r) => sum + r.events, 0);
      if (events >= expected) break;
      if (performance.now() > deadline || reports.some((r) => r.closedEarly > 0)) {
        throw new Error(`${name}: ${events - base} of ${expected - base} events delivered`);
      }
      await sleep(20);
    }
    const cpuUs = await fkas.cpuUs() - before;
    const delivered = expected - base;
    const lastAt = Math.max(...reports.map((r) => r.lastEventAt));
    return {
      eventsPerSecond: delivered / ((lastAt - startedAt) / 1000),
      usPerEvent: (cpuUs - aloneUs) / delivered,
      delivered,
    };
  } finally {
    await Promise.all(loaders.map((l) => l.stop()));
    await sleep(300);
  }
}

async function measure(tree: string, options: Options): Promise<Map<Case, CaseResult>> {
  const fkas = await (options.inProcess ? startInProcess : startMain)(tree, options);
  const results = new Map<Case, CaseResult>();
  try {
    await fkas.churn(Math.min(options.events, 200)); // warm-up
    const before = await fkas.cpuUs();
    await fkas.churn(options.events);
    const alone = await fkas.cpuUs() - before;
    for (const name of options.cases) results.set(name, await runCase(fkas, options, name, alone));
  } finally {
    await fkas.stop();
  }
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help")) return console.log(USAGE);
  const options = parse(args);
  console.log(
    `fanout: fkas on ${options.runtime} --workers ${options.workers}, bench on ${runtimeVersion()}; ` +
      `${options.clusters} cluster(s) × ${options.watchers} watchers over ${options.loadProcesses} ` +
      `load processes, ${options.events} PATCHes per cluster (${options.inFlight} in flight` +
      `${options.rate ? `, ≤ ${options.rate}/s` : ""}), ${options.payload}-byte ConfigMap`,
  );
  const all = new Map<string, CaseResult[]>();
  for (let r = 0; r < options.rounds; r++) {
    for (const tree of options.trees) {
      const results = await measure(tree, options);
      const line: string[] = [];
      for (const [name, result] of results) {
        const key = `${tree} ${name}`;
        all.set(key, [...(all.get(key) ?? []), result]);
        line.push(
          `${name} ${Math.round(result.eventsPerSecond)}/s ${result.usPerEvent.toFixed(2)} µs`,
        );
      }
      console.log(`round ${r + 1} ${tree}: ${line.join(", ")}`);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  for (const [key, results] of all) {
    console.log(
      `${key}: median ${Math.round(median(results.map((r) => r.eventsPerSecond)))} events/s, ` +
        `${median(results.map((r) => r.usPerEvent)).toFixed(2)} µs fkas CPU per event`,
    );
  }
}

await main();
