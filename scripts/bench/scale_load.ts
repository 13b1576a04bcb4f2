// The scale benchmark's load generator, a process of its own so it does not share fkas's event loop.
// Usage: scale_load.ts <spec.json>   (written by scale.ts; see SteadySpec and FanoutSpec)
// Protocol: prints {"ready":...} once connected, waits for "go" on stdin, prints {"result":...}, exits.
// It exits without closing its HTTP/2 sessions politely: a client GOAWAY can abort Deno's
// node:http2 server (runtime-notes), and the benchmark is about fkas, not about that bug.
import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";
import http2 from "node:http2";
import process from "node:process";
import { connectHttp2 } from "./_http2_client.ts";
import { runtimeVersion } from "./_runtimes.ts";
import { percentile, Samples } from "./_stats.ts";

/** One fake cluster as a client sees it. */
export interface ClusterTarget {
  name: string;
  port: number;
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** Phase 3: CAPI's steady state, "controllers" HTTP/2 sessions per cluster. */
export interface SteadySpec {
  mode: "steady";
  clusters: ClusterTarget[];
  controllers: number;
  /** Each controller sends `GET /` once per interval, phases spread evenly over it. */
  intervalMs: number;
  durationMs: number;
  /** timeoutSeconds of the watches (longer than the phase, so they stay open). */
  watchTimeoutSeconds: number;
  connectConcurrency: number;
}

/** Phase 4: many Node watchers per cluster; the driver patches, this process counts events. */
export interface FanoutSpec {
  mode: "fanout";
  clusters: (ClusterTarget & { resourceVersion: string })[];
  watchersPerCluster: number;
  streamsPerSession: number;
  /** Events this process expects in all (watchers × patches); it stops when they arrived. */
  expectedEvents: number;
  /** Gives up this long after "go". */
  timeoutMs: number;
  connectConcurrency: number;
}

/** What the steady phase measured in this process (the window between "go" and the end). */
export interface SteadyResult {
  sessions: number;
  requests: number;
  /** GETs fired (the answered ones are `requests`). */
  sent: number;
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  firstError?: string;
  watchesOpenAtStart: number;
  watchesOpenAtEnd: number;
  watchFailures: number;
  watchEvents: number;
  /** How late the timer fired GETs (ms, p99): the load generator's own saturation. */
  lagP99Ms: number;
  windowMs: number;
  cpuMs: number;
  runtime: string;
}

/** What the fan-out phase measured in this process. */
export interface FanoutResult {
  watchers: number;
  events: number;
  bytes: number;
  /** Epoch ms of the first and last event received. */
  firstEventAt: number;
  lastEventAt: number;
  /** Watches that ended before the end (fkas closes slow watchers). */
  closedEarly: number;
  cpuMs: number;
  runtime: string;
}

const NEWLINE = 0x0a;
const epochNow = () => performance.timeOrigin + performance.now();

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]);
  }));
}

/** An open watch stream: counts its events (one JSON object per line) until it ends. */
interface OpenWatch {
  open: boolean;
  events: number;
}

function openWatch(
  session: http2.ClientHttp2Session,
  path: string,
  onEvent: (bytes: number) => void,
): Promise<OpenWatch> {
  return new Promise((resolve, reject) => {
    const watch: OpenWatch = { open: false, events: 0 };
    const stream = session.request({
      ":method": "GET",
      ":path": path,
      accept: "application/json",
      "user-agent": "fkas-scale-bench",
    });
    stream.on("response", (headers) => {
      const status = Number(headers[":status"]);
      if (status !== 200) return reject(new Error(`watch ${path}: status ${status}`));
      watch.open = true;
      resolve(watch);
    });
    let pending = 0; // bytes of the line not yet complete
    stream.on("data", (chunk: Buffer) => {
      let from = 0;
      for (;;) {
        const at = chunk.indexOf(NEWLINE, from);
        if (at < 0) break;
        watch.events++;
        onEvent(pending + at + 1 - from);
        pending = 0;
        from = at + 1;
      }
      pending += chunk.length - from;
    });
    stream.on("error", (error) => {
      watch.open = false;
      reject(error);
    });
    stream.on("close", () => {
      watch.open = false;
      reject(new Error(`watch ${path}: closed before its response`));
    });
  });
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    let input = "";
    process.stdin.on("data", (chunk: Buffer) => {
      input += chunk.toString();
      if (input.includes("go\n")) resolve();
    });
  });
}

function get(session: http2.ClientHttp2Session, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": "GET",
      ":path": path,
      accept: "application/json, */*",
      "user-agent": "fkas-scale-bench",
    });
    let status = 0;
    stream.on("response", (headers) => status = Number(headers[":status"]));
    stream.on("data", () => {});
    stream.on("end", () => resolve(status));
    stream.on("error", reject);
    stream.on("close", () => reject(new Error(`stream closed, code ${stream.rstCode}`)));
  });
}

async function steady(spec: SteadySpec): Promise<SteadyResult> {
  const suffix = `allowWatchBookmarks=true&timeoutSeconds=${spec.watchTimeoutSeconds}&watch=true`;
  const paths = [
    `/api/v1/nodes?${suffix}`,
    `/api/v1/namespaces/kube-system/pods?labelSelector=tier%3Dcontrol-plane&${suffix}`,
  ];
  const controllers: http2.ClientHttp2Session[] = [];
  const watches: OpenWatch[] = [];
  let watchFailures = 0;
  let watchEvents = 0;
  let connectErrors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const jobs = spec.clusters.flatMap((cluster) =>
    Array.from({ length: spec.controllers }, () => cluster)
  );
  await pool(jobs, spec.connectConcurrency, async (cluster) => {
    let session;
    try {
      session = await connectHttp2(cluster);
    } catch (error) {
      connectErrors++;
      firstError ??= `connect ${cluster.name}: ${(error as Error).message}`;
      return;
    }
    controllers.push(session);
    await Promise.all(paths.map(async (path) => {
      try {
        watches.push(await openWatch(session, path, () => watchEvents++));
      } catch (error) {
        watchFailures++;
        firstError ??= `${cluster.name}: ${(error as Error).message}`;
      }
    }));
  });
  const openCount = () => watches.filter((w) => w.open).length;
  console.log(JSON.stringify({
    ready: {
      sessions: controllers.length,
      connectErrors,
      watches: openCount(),
      watchFailures,
      connectMs: Math.round(performance.now() - started),
      firstError,
    },
  }));
  await waitForGo();

  const samples = new Samples();
  const lags = new Samples();
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const watchesOpenAtStart = openCount();
  const eventsBefore = watchEvents;
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + spec.durationMs;
  // Controller i fires at t0 + i/n × interval, then every interval: round-robin over a sorted schedule.
  const n = controllers.length;
  const due = Float64Array.from({ length: n }, (_, i) => t0 + (i / n) * spec.intervalMs);
  let next = 0;
  let lastAnswer = t0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (n > 0 && due[next] <= now && due[next] < end) {
        lags.add(now - due[next]);
        due[next] += spec.intervalMs;
        const sentAt = performance.now();
        sent++;
        get(controllers[next], "/").then((status) => {
          const doneAt = performance.now();
          if (doneAt > end) return; // answered after the window: not counted
          samples.add(doneAt - sentAt);
          statuses[status] = (statuses[status] ?? 0) + 1;
          lastAnswer = Math.max(lastAnswer, doneAt);
        }, (error) => {
          errors++;
          firstError ??= (error as Error).message;
        });
        next = (next + 1) % n;
      }
      if (now >= end) return resolve();
      setTimeout(tick, 2);
    };
    tick();
  });
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = samples.sorted();
  void lastAnswer;
  return {
    sessions: n,
    requests: samples.length,
    sent,
    // The raw latencies, so the driver can merge the processes' percentiles exactly.
    latencies: Array.from(sorted, (v) => Math.round(v * 1000) / 1000),
    statuses,
    errors,
    firstError,
    watchesOpenAtStart,
    watchesOpenAtEnd: openCount(),
    watchFailures,
    watchEvents: watchEvents - eventsBefore,
    lagP99Ms: percentile(lags.sorted(), 0.99),
    windowMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    runtime: runtimeVersion(),
  };
}

async function fanout(spec: FanoutSpec): Promise<FanoutResult> {
  let events = 0;
  let bytes = 0;
  let firstEventAt = 0;
  let lastEventAt = 0;
  let failures = 0;
  let firstError: string | undefined;
  let finish = () => {};
  const done = new Promise<void>((resolve) => finish = resolve);
  const onEvent = (size: number) => {
    const now = epochNow();
    if (events === 0) firstEventAt = now;
    lastEventAt = now;
    events++;
    bytes += size;
    if (events >= spec.expectedEvents) finish();
  };
  const watches: OpenWatch[] = [];
  const sessionsPerCluster = Math.ceil(spec.watchersPerCluster / spec.streamsPerSession);
  const jobs = spec.clusters.flatMap((cluster) =>
    Array.from({ length: sessionsPerCluster }, (_, s) => ({
      cluster,
      streams: Math.min(
        spec.streamsPerSession,
        spec.watchersPerCluster - s * spec.streamsPerSession,
      ),
    }))
  );
  await pool(jobs, spec.connectConcurrency, async ({ cluster, streams }) => {
    const session = await connectHttp2(cluster);
    const path = `/api/v1/nodes?resourceVersion=${cluster.resourceVersion}&timeoutSeconds=${
      Math.ceil(spec.timeoutMs / 1000) + 60
    }&watch=true`;
    await Promise.all(Array.from({ length: streams }, async () => {
      try {
        watches.push(await openWatch(session, path, onEvent));
      } catch (error) {
        failures++;
        firstError ??= (error as Error).message;
      }
    }));
  });
  console.log(JSON.stringify({ ready: { watchers: watches.length, failures, firstError } }));
  if (watches.length === 0) throw new Error(`Cannot watch: ${firstError}`);
  await waitForGo();
  const cpuBefore = process.cpuUsage();
  const timer = setTimeout(finish, spec.timeoutMs);
  // Watchers fkas closed never get their events: stop once events stop coming.
  const idle = setInterval(() => {
    if (events > 0 && epochNow() - lastEventAt > 3000) finish();
  }, 500);
  await done;
  clearTimeout(timer);
  clearInterval(idle);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    watchers: watches.length,
    events,
    bytes,
    firstEventAt,
    lastEventAt,
    closedEarly: watches.filter((w) => !w.open).length,
    cpuMs: (cpu.user + cpu.system) / 1000,
    runtime: runtimeVersion(),
  };
}

if (import.meta.main) {
  const spec = JSON.parse(readFileSync(process.argv.at(-1)!, "utf8")) as SteadySpec | FanoutSpec;
  const result = spec.mode === "steady" ? await steady(spec) : await fanout(spec);
  console.log(JSON.stringify({ result }));
  process.exit(0);
}
