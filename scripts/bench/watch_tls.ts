// Benchmark: fkas CPU per watch event per TLS watcher (issue 20's big cluster, issue 17's LIST
// under watchers). fkas runs as a child with one cluster; --watchers watches of the ConfigMaps of
// `default` (each its own TLS connection: HTTP/1.1 chunked or HTTP/2; JSON or protobuf) follow
// --events PATCHes of one ConfigMap made at --rate per second. fkas's CPU time (from /proc) for the
// churn with the watchers, minus the same churn with none, divided by events × watchers, is the
// fan-out's cost; CPU time, not wall time, because the machine is shared. --trees compares trees
// (e.g. this one and a worktree of main), alternating their runs --rounds times.
// Usage: npx --yes bun@1.4.5 scripts/bench/watch_tls.ts [--runtime bun|deno] [--watchers N]
//        [--events N] [--rate N] [--rounds N] [--payload BYTES] [--trees DIR,DIR]
//        [--cases h1-json,h1-pb,h2-json,h2-pb]
import { readFileSync } from "node:fs";
import http2 from "node:http2";
import https from "node:https";
import { join } from "node:path";
import process from "node:process";
import { positive, runtimeOption } from "./_options.ts";
import { procStats } from "./_proc_stats.ts";
import { type Runtime, runtimeVersion } from "./_runtimes.ts";
import { type FkasCluster, startFkasCluster } from "./_fkas_cluster.ts";

const CASES = ["h1-json", "h1-pb", "h2-json", "h2-pb"] as const;
type Case = typeof CASES[number];

interface Options {
  runtime: Runtime;
  watchers: number;
  events: number;
  rate: number;
  rounds: number;
  /** Bytes of data in the watched ConfigMap (a Pod of a Deployment is ~5–10 KB of JSON). */
  payload: number;
  trees: string[];
  cases: Case[];
}

function parse(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const cases = (value("--cases") ?? CASES.join(",")).split(",") as Case[];
  for (const c of cases) if (!CASES.includes(c)) throw new Error(`unknown case ${c}`);
  return {
    runtime: runtimeOption("--runtime", value("--runtime"), "bun"),
    watchers: positive("--watchers", value("--watchers"), 100),
    events: positive("--events", value("--events"), 200),
    rate: positive("--rate", value("--rate"), 50),
    rounds: positive("--rounds", value("--rounds"), 1),
    payload: positive("--payload", value("--payload"), 600),
    trees: (value("--trees") ?? new URL("../..", import.meta.url).pathname).split(","),
    cases,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PROTOBUF = "application/vnd.kubernetes.protobuf";

interface Tls {
  ca: string;
  cert: string;
  key: string;
}

function tlsOf(cluster: FkasCluster): Tls {
  const read = (name: string) => readFileSync(join(cluster.certDir, name), "utf8");
  return { ca: read("ca.crt"), cert: read("client.crt"), key: read("client.key") };
}

/** Counts the events a watch stream carries: JSON lines, or 4-byte length-prefixed frames. */
class EventCounter {
  events = 0;
  #skip = 0;
  #header: number[] = [];
  constructor(private readonly protobuf: boolean) {}
  add(chunk: Uint8Array): void {
    if (!this.protobuf) {
      // indexOf, not a byte loop: the bench shares the cores with the fkas it measures.
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) this.events++;
      return;
    }
    let at = 0;
    while (at < chunk.length) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, chunk.length - at);
        this.#skip -= n;
        at += n;
        continue;
      }
      this.#header.push(chunk[at++]);
      if (this.#header.length === 4) {
        const [a, b, c, d] = this.#header;
        this.#skip = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
        this.#header = [];
        this.events++;
      }
    }
  }
}

interface Watcher {
  counter: EventCounter;
  ready: Promise<void>;
  close(): void;
}

function watchPath(resourceVersion: string): string {
  return `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${resourceVersion}`;
}

function watchHttp1(port: number, tls: Tls, rv: string, protobuf: boolean): Watcher {
  const counter = new EventCounter(protobuf);
  let request!: ReturnType<typeof https.request>;
  const ready = new Promise<void>((resolve, reject) => {
    request = https.request({
      host: "127.0.0.1",
      port,
      path: watchPath(rv),
      ...tls,
      agent: false,
      servername: "localhost",
      rejectUnauthorized: false,
      headers: { Accept: protobuf ? PROTOBUF : "application/json" },
    }, (response) => {
      response.on("data", (c: Uint8Array) => counter.add(c));
      resolve();
    });
    request.on("error", reject);
    request.end();
  });
  return { counter, ready, close: () => request.destroy() };
}

function watchHttp2(port: number, tls: Tls, rv: string, protobuf: boolean): Watcher {
  const counter = new EventCounter(protobuf);
  const session = http2.connect(`https://127.0.0.1:${port}`, {
    ...tls,
    servername: "localhost",
    rejectUnauthorized: false,
  });
  session.on("error", () => {});
  const ready = new Promise<void>((resolve, reject) => {
    const stream = session.request({
      ":path": watchPath(rv),
      accept: protobuf ? PROTOBUF : "application/json",
    });
    stream.on("response", () => resolve());
    stream.on("data", (c: Uint8Array) => counter.add(c));
    stream.on("error", reject);
  });
  return { counter, ready, close: () => session.destroy() };
}

const AGENT = new https.Agent({ keepAlive: true, maxSockets: 1 });

function kube(port: number, tls: Tls, method: string, path: string, body?: unknown) {
  return new Promise<string>((resolve, reject) => {
    const request = https.request({
      host: "127.0.0.1",
      port,
      method,
      path,
      agent: AGENT,
      ...tls,
      servername: "localhost",
      rejectUnauthorized: false,
      headers: {
        "Content-Type": method === "PATCH" ? "application/merge-patch+json" : "application/json",
      },
    }, (response) => {
      const chunks: Uint8Array[] = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => resolve(Buffer.concat(chunks).toString()));
    });
    request.on("error", reject);
    if (body !== undefined) request.write(JSON.stringify(body));
    request.end();
  });
}

/** fkas CPU ms for `events` PATCHes at `rate`/s, once every watcher has them all. */
async function churn(
  cluster: FkasCluster,
  tls: Tls,
  options: Options,
  watchers: Watcher[],
  round: { n: number },
): Promise<number> {
  const before = procStats(cluster.fkas.process.pid!).cpuMs;
  const gap = 1000 / options.rate;
  const start = performance.now();
  for (let i = 0; i < options.events; i++) {
    await kube(cluster.port, tls, "PATCH", "/api/v1/namespaces/default/configmaps/bench", {
      data: { n: String(round.n++) },
    });
    const wait = start + (i + 1) * gap - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const deadline = performance.now() + 60_000;
  while (watchers.some((w) => w.counter.events < options.events)) {
    if (performance.now() > deadline) throw new Error("watchers did not get every event");
    await sleep(20);
  }
  return procStats(cluster.fkas.process.pid!).cpuMs - before;
}

async function measure(
  tree: string,
  options: Options,
): Promise<Map<Case, number>> {
  const cluster = await startFkasCluster(options.runtime, 0, [], join(tree, "main.ts"));
  const results = new Map<Case, number>();
  try {
    const tls = tlsOf(cluster);
    await kube(cluster.port, tls, "POST", "/api/v1/namespaces/default/configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "bench", labels: { app: "bench" } },
      data: { n: "0", payload: "x".repeat(options.payload) },
    });
    const round = { n: 1 };
    await churn(cluster, tls, { ...options, events: 50 }, [], round); // warm-up
    const alone = await churn(cluster, tls, options, [], round);
    for (const name of options.cases) {
      const rv = JSON.parse(
        await kube(cluster.port, tls, "GET", "/api/v1/namespaces/default/configmaps/bench"),
      ).metadata.resourceVersion;
      const open = name.startsWith("h1") ? watchHttp1 : watchHttp2;
      const watchers = Array.from(
        { length: options.watchers },
        () => open(cluster.port, tls, rv, name.endsWith("pb")),
      );
      await Promise.all(watchers.map((w) => w.ready));
      await sleep(300);
      const cpu = await churn(cluster, tls, options, watchers, round);
      for (const w of watchers) w.close();
      await sleep(300);
      results.set(name, ((cpu - alone) * 1000) / (options.events * options.watchers));
    }
  } finally {
    await cluster.fkas.stop();
  }
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help")) {
    console.log(
      "Usage: watch_tls.ts [--runtime bun|deno] [--watchers N] [--events N] [--rate N] [--rounds N] [--payload BYTES] [--trees DIR,DIR] [--cases h1-json,h1-pb,h2-json,h2-pb]",
    );
    return;
  }
  const options = parse(args);
  console.log(
    `watch_tls: fkas on ${options.runtime}, bench on ${runtimeVersion()}; ${options.watchers} ` +
      `watchers, ${options.events} events at ${options.rate}/s, ${options.payload}-byte ConfigMap; ` +
      "fkas CPU µs per event per watcher",
  );
  const all = new Map<string, number[]>();
  for (let r = 0; r < options.rounds; r++) {
    for (const tree of options.trees) {
      const results = await measure(tree, options);
      const line: string[] = [];
      for (const [name, us] of results) {
        const key = `${tree} ${name}`;
        all.set(key, [...(all.get(key) ?? []), us]);
        line.push(`${name} ${us.toFixed(1)}`);
      }
      console.log(`round ${r + 1} ${tree}: ${line.join(", ")}`);
    }
  }
  for (const [key, values] of all) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`${key}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} µs`);
  }
}

await main();
