// `restart.ts --from DIR`: restarts fresh copies of a kept data dir, alternating with a baseline
// tree's main.ts when given, and prints wall and fkas CPU time until every listener answers TLS.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { procStats, threadCpuMs } from "./_proc_stats.ts";
import { type Runtime, scriptCommand } from "./_runtimes.ts";
import { handshakeAll, handshakeWithRetries } from "./_scale_fkas.ts";
import { spawnScaleCommand } from "./_scale_proc.ts";

/** Where `restart.ts --keep` writes the cluster ports, inside the kept data dir. */
export const PORTS_FILE = "bench-ports.json";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** What `restartRuns` repeats. */
export interface RestartRunOptions {
  readonly runtime: Runtime;
  readonly from: string;
  readonly runs: number;
  readonly ports: string;
  readonly fsync: string;
  readonly baseMain?: string;
  readonly profileDir?: string;
  /** fkas's `--workers`. @default 1 */
  readonly workers?: number;
}

interface Figures {
  servingS: number;
  servingCpuS: number;
  answeringS: number;
  answeringCpuS: number;
  /** The three busiest threads' CPU until the control API serves. */
  servingThreads: string;
  /** The three busiest threads' CPU until every listener answers. */
  threads: string;
  log: string;
}

async function once(options: RestartRunOptions, main: string, run: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "fkas-restart-from-"));
  try {
    cpSync(options.from, dir, { recursive: true, filter: (path) => !path.endsWith("fkas.lock") });
    const ports = JSON.parse(readFileSync(join(options.from, PORTS_FILE), "utf8")) as number[];
    const [executable, ...rest] = scriptCommand(options.runtime, main, [
      "serve",
      "--control-address=127.0.0.1:0",
      `--ports=${options.ports}`,
      "--listen-host=127.0.0.1",
      "--log-format=json",
      `--data-dir=${dir}`,
      `--fsync=${options.fsync}`,
      `--workers=${options.workers ?? 1}`,
    ]);
    const profile = options.profileDir && options.runtime === "bun"
      ? [
        "--cpu-prof-md",
        `--cpu-prof-dir=${options.profileDir}`,
        `--cpu-prof-name=restart-${run}.md`,
      ]
      : [];
    const started = performance.now();
    const child = spawnScaleCommand([executable, ...profile, ...rest]);
    try {
      await child.waitFor(/"control":"([^"]+)"/, 600_000);
      const serving = performance.now();
      const servingCpu = procStats(child.pid).cpuMs;
      // Read now: the restore lines precede the control line, and the output keeps only its tail.
      const log = restoreLog(child.output());
      const servingThreads = busiest(child.pid);
      await handshakeAll(ports, (port) => answered(port, 60_000));
      const answering = performance.now();
      const answeringCpu = procStats(child.pid).cpuMs;
      return {
        servingThreads,
        threads: busiest(child.pid),
        servingS: (serving - started) / 1000,
        servingCpuS: servingCpu / 1000,
        answeringS: (answering - started) / 1000,
        answeringCpuS: answeringCpu / 1000,
        log,
      };
    } finally {
      await child.stop(60_000);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The three busiest threads of `pid` and their CPU so far.
function busiest(pid: number): string {
  return threadCpuMs(pid).slice(0, 3).map((t) => `${t.name} ${(t.cpuMs / 1000).toFixed(1)} s`)
    .join(", ");
}

/**
 * What the start-up log says the restore took: one "(restore ...)" per journal (one per worker
 * with `--workers N`), and the re-placement when the worker count changed.
 */
export function restoreLog(output: string): string {
  const parts: string[] = [];
  const replaced = /re-placed the data dir's clusters.*?"ms":(\d+)/.exec(output);
  if (replaced) parts.push(`(re-placed ${replaced[1]} ms)`);
  const pattern =
    /(?:"worker":(\d+),[^\n]*?)?"restoreMs":(\d+),"readMs":(\d+),"clustersMs":(\d+)(?:,"readCpuMs":(\d+),"clustersCpuMs":(\d+))?/g;
  for (const m of output.matchAll(pattern)) {
    const who = m[1] === undefined ? "" : `worker ${m[1]} `;
    const cpu = m[5] === undefined ? "" : `; CPU read ${m[5]} ms, clusters ${m[6]} ms`;
    parts.push(`(${who}restore ${m[2]} ms: read ${m[3]}, clusters ${m[4]}${cpu})`);
  }
  return parts.join(" ");
}

// A TLS handshake with the listener on `port`, retried until `withinMs` passed.
async function answered(port: number, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    try {
      return await handshakeWithRetries(port);
    } catch (error) {
      if (performance.now() > deadline) throw error;
    }
  }
}

/** Restarts copies of `options.from` `options.runs` times (each tree once per run) and prints each. */
export async function restartRuns(options: RestartRunOptions): Promise<void> {
  if (!existsSync(join(options.from, PORTS_FILE))) {
    throw new Error(`${options.from} has no ${PORTS_FILE}: make it with restart.ts --keep`);
  }
  const trees: [string, string][] = [["head", MAIN]];
  if (options.baseMain) trees.unshift(["base", options.baseMain]);
  for (let run = 0; run < options.runs; run++) {
    for (const [name, main] of trees) {
      const f = await once(options, main, run);
      console.log(
        `${name} run ${run + 1}: control API ${f.servingS.toFixed(1)} s (CPU ${
          f.servingCpuS.toFixed(1)
        } s; busiest threads: ${f.servingThreads}); every listener answers TLS ${
          f.answeringS.toFixed(1)
        } s (fkas CPU ${f.answeringCpuS.toFixed(1)} s; busiest threads: ${f.threads}) ${f.log}`,
      );
    }
  }
}
