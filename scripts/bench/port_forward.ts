// Benchmark: kubectl-port-forward-style sessions to a fake etcd (SPDY upgrade, TLS inside the data
// stream, gRPC Status + MemberList + Alarm, orderly close), their rate and latency, and whether
// fkas's memory and file descriptors come back after them.
// Usage: npx --yes bun@1.4.5 scripts/bench/port_forward.ts [--quick] [--runtime bun|deno] (--help: all flags)
//        npx --yes deno@2.9.6 run -A scripts/bench/port_forward.ts [--quick]
import { cpus, loadavg } from "node:os";
import process from "node:process";
import { parseArgs } from "node:util";
import { runPortForwardSession } from "./_port_forward_client.ts";
import { startPortForwardFkas } from "./_port_forward_fkas.ts";
import { fdKinds, type ProcStats, procStats } from "./_proc_stats.ts";
import { nonNegative, runtimeOption } from "./_options.ts";
import { currentRuntime, type Runtime, runtimeVersion } from "./_runtimes.ts";
import { percentile, Samples } from "./_stats.ts";

const USAGE = `Usage: port_forward.ts [--quick] [--runtime bun|deno] [--sessions N] [--duration S]
                       [--concurrency N] [--warmup N] [--settle S] [--control-planes N]
  --quick            1,000 sessions (default: 10,000)
  --runtime          runtime of fkas (default: the one running this script)
  --sessions N       measured sessions
  --duration S       also stop after S seconds (default: 600; --quick: 120)
  --concurrency N    sessions in flight (default 8)
  --warmup N         sessions before the first measurement of fkas (default 50)
  --settle S         seconds to wait after the last session before the final reading (default 3)
  --control-planes N control planes of the cluster; sessions go round-robin to their etcd pods (default 3)
The issue's target: 100 sessions/s with no growth in fkas's memory or open handles.`;

/** What one invocation does. */
interface Options {
  runtime: Runtime;
  sessions: number;
  durationMs: number;
  concurrency: number;
  warmup: number;
  settleMs: number;
  controlPlanes: number;
}

const TARGET_RATE = 100;

function parseOptions(args: string[]): Options | "help" {
  const { values } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      quick: { type: "boolean" },
      runtime: { type: "string" },
      sessions: { type: "string" },
      duration: { type: "string" },
      concurrency: { type: "string" },
      warmup: { type: "string" },
      settle: { type: "string" },
      "control-planes": { type: "string" },
    },
  });
  if (values.help) return "help";
  return {
    runtime: runtimeOption("runtime", values.runtime, currentRuntime),
    sessions: Math.round(nonNegative("sessions", values.sessions, values.quick ? 1_000 : 10_000)),
    durationMs: nonNegative("duration", values.duration, values.quick ? 120 : 600) * 1000,
    concurrency: Math.max(1, Math.round(nonNegative("concurrency", values.concurrency, 8))),
    warmup: Math.round(nonNegative("warmup", values.warmup, 50)),
    settleMs: nonNegative("settle", values.settle, 3) * 1000,
    controlPlanes: Math.max(
      1,
      Math.round(nonNegative("control-planes", values["control-planes"], 3)),
    ),
  };
}

/** One reading of fkas: when, after how many sessions, RSS and descriptors. */
interface Reading extends ProcStats {
  label: string;
  sessions: number;
}

/** What the measured phase did. */
interface RunResult {
  sessions: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  timedOut: boolean;
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((line) => line[i].length)));
  const line = (values: string[]) =>
    `| ${
      values.map((v, i) => i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i])).join(" | ")
    } |`;
  const rule = `|${
    widths.map((w, i) => i === 0 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`).join("|")
  }|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** Runs `count` sessions with `concurrency` in flight, within `durationMs`; `onProgress` after each. */
async function runSessions(
  run: (n: number) => Promise<void>,
  count: number,
  concurrency: number,
  durationMs: number,
  onProgress?: (done: number) => void,
): Promise<RunResult> {
  const samples = new Samples();
  let started = 0;
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const end = begin + durationMs;
  let timedOut = false;
  const worker = async () => {
    while (started < count) {
      if (performance.now() >= end) {
        timedOut = true;
        return;
      }
      const n = started++;
      const t = performance.now();
      try {
        await run(n);
        samples.add(performance.now() - t);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
        if (errors > 100) return; // fkas is gone or broken: stop rather than spin
      }
      done++;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const sorted = samples.sorted();
  return {
    sessions: samples.length,
    errors,
    firstError,
    elapsedMs: performance.now() - begin,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : NaN,
    timedOut,
  };
}

async function bench(options: Options): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0].toFixed(2);
  console.error(`starting fkas on ${options.runtime} ...`);
  const fkas = await startPortForwardFkas(options.runtime, options.controlPlanes);
  const readings: Reading[] = [];
  let completed = 0;
  const read = (label: string) =>
    readings.push({ label, sessions: completed, ...procStats(fkas.pid) });
  try {
    read("started, cluster registered");
    const session = async (n: number) => {
      const result = await runPortForwardSession(fkas.targets[n % fkas.targets.length]);
      if (result.members.length !== options.controlPlanes || result.version === "") {
        throw new Error(`Cannot trust the answers: ${JSON.stringify(result)}`);
      }
    };
    console.error(`warm-up: ${options.warmup} sessions ...`);
    const warm = await runSessions(session, options.warmup, options.concurrency, 60_000);
    if (warm.errors > 0) {
      throw new Error(`Cannot warm up: ${warm.errors} failed (${warm.firstError})`);
    }
    completed = warm.sessions;
    await new Promise((resolve) => setTimeout(resolve, 500));
    read(`after warm-up`);
    const baselineKinds = fdKinds(fkas.pid);
    const clientCpuStart = process.cpuUsage();
    const every = Math.max(1, Math.round(options.sessions / 5));
    console.error(`measuring: ${options.sessions} sessions, ${options.concurrency} in flight ...`);
    const result = await runSessions(
      session,
      options.sessions,
      options.concurrency,
      options.durationMs,
      (done) => {
        if (done % every === 0 && done < options.sessions) {
          completed = warm.sessions + done;
          read(`during (${done} measured)`);
          console.error(`  ${done} sessions`);
        }
      },
    );
    completed = warm.sessions + result.sessions + result.errors;
    read("right after the last session");
    await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    read(`after ${options.settleMs / 1000} s settle`);
    const afterKinds = fdKinds(fkas.pid);

    const rate = result.sessions / (result.elapsedMs / 1000);
    const base = readings[1];
    const measured = readings.find((r) => r.label === "right after the last session")!;
    const fkasCpuPerSession = (measured.cpuMs - base.cpuMs) / Math.max(1, result.sessions);
    const clientCpu = process.cpuUsage(clientCpuStart);
    const clientCpuPerSession = (clientCpu.user + clientCpu.system) / 1000 /
      Math.max(1, result.sessions);
    const last = readings[readings.length - 1];
    const fdGrowth = last.fds - base.fds;
    const rssGrowth = last.rssMiB - base.rssMiB;
    const kindDiff = Object.keys({ ...baselineKinds, ...afterKinds })
      .map((kind) => [kind, (afterKinds[kind] ?? 0) - (baselineKinds[kind] ?? 0)] as const)
      .filter(([, delta]) => delta !== 0)
      .map(([kind, delta]) => `${kind} ${delta > 0 ? "+" : ""}${delta}`);
    const ms = (v: number) => Number.isFinite(v) ? v.toFixed(1) : "-";
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log([
      `command: ${process.argv.join(" ")}`,
      `fkas: ${options.runtime} (pid ${fkas.pid}); client: ${runtimeVersion()}, in this process`,
      `session: TLS + SPDY/3.1 upgrade, error + data streams (port 2379), TLS (SNI etcd-<node>, ALPN h2, ` +
      `etcd client cert) inside the data stream, gRPC Status + MemberList + Alarm(GET), GOAWAY, FIN, ` +
      `SPDY GOAWAY; ${options.controlPlanes} control planes round-robin; loopback`,
      `runs: ${options.warmup} warm-up sessions, then ${options.sessions} measured ` +
      `(at most ${options.durationMs / 1000} s), ${options.concurrency} in flight`,
      `total wall time: ${seconds} s; ${cpus().length} CPUs, 1-min load average ${loadBefore} ` +
      `before, ${loadavg()[0].toFixed(2)} after (the client shares the machine with fkas)`,
      "",
      "### Sessions",
      "",
      table(
        [
          "sessions",
          "failed",
          "sessions/s",
          "p50 ms",
          "p99 ms",
          "max ms",
          "fkas CPU ms/session",
          "client CPU ms/session",
          "target 100/s",
        ],
        [[
          String(result.sessions),
          String(result.errors),
          rate.toFixed(1),
          ms(result.p50Ms),
          ms(result.p99Ms),
          ms(result.maxMs),
          fkasCpuPerSession.toFixed(2),
          clientCpuPerSession.toFixed(2),
          rate >= TARGET_RATE ? "met" : "missed",
        ]],
      ),
      ...(result.firstError ? [`  note: first failure: ${result.firstError}`] : []),
      ...(result.timedOut ? [`  note: stopped by --duration before ${options.sessions}`] : []),
      "",
      "### fkas process",
      "",
      table(
        ["reading", "sessions so far", "RSS MiB", "open fds", "CPU s"],
        readings.map((r) => [
          r.label,
          String(r.sessions),
          r.rssMiB.toFixed(1),
          String(r.fds),
          (r.cpuMs / 1000).toFixed(1),
        ]),
      ),
      `  growth from warm-up to settled: fds ${fdGrowth >= 0 ? "+" : ""}${fdGrowth}` +
      (kindDiff.length ? ` (${kindDiff.join(", ")})` : "") +
      `, RSS ${rssGrowth >= 0 ? "+" : ""}${rssGrowth.toFixed(1)} MiB`,
    ].join("\n"));
  } finally {
    await fkas.stop();
  }
}

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (options === "help") console.log(USAGE);
else {
  await bench(options);
  // Sockets of aborted sessions may still linger in the client; do not wait for them.
  process.exit(0);
}
