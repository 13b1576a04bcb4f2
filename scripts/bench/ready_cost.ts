// fkas CPU per cluster made ready (register → 4× updateNode → first TLS handshake), the work behind
// scale.ts's "ready" phase, read from /proc as CPU time so a loaded machine does not blur it. Each
// run starts a fresh fkas, makes N clusters of 1 control plane + 3 workers through its control API,
// and reads fkas's CPU (whole process and its busiest thread) before and after; `--base-main`
// alternates runs with another tree's main.ts (a worktree of the base commit).
// Usage: npx --yes bun@1.4.5 scripts/bench/ready_cost.ts [--runtime bun|deno] [--clusters N]
//          [--runs N] [--workers N] [--base-main PATH] [--profile DIR]
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { parseArgs } from "node:util";
import { positive, runtimeOption } from "./_options.ts";
import { procStats } from "./_proc_stats.ts";
import { currentRuntime, type Runtime, scriptCommand } from "./_runtimes.ts";
import { createClusters } from "./_scale_fkas.ts";
import { spawnScaleCommand } from "./_scale_proc.ts";

const USAGE = `Usage: ready_cost.ts [--runtime bun|deno] [--clusters N] [--runs N] [--concurrency N]
                     [--workers N] [--ports MIN-MAX] [--base-main PATH] [--profile DIR]
  --clusters N     clusters of 1 control plane + 3 workers per run (default 1000)
  --runs N         runs of each tree, alternating (default 3)
  --concurrency N  clusters being made at once (default 32)
  --workers N      fkas's --workers (default 1: the flag is not passed, so a base without it runs)
  --base-main PATH alternate each run with this main.ts (e.g. /work/wt/base-e6fbe62/main.ts)
  --profile DIR    Bun: write a CPU profile of the main thread of each run there, <tree>-<run>.md
                   and .cpuprofile (Chrome's format, for sample counts per call path)`;

const { values } = parseArgs({
  options: {
    help: { type: "boolean", short: "h" },
    runtime: { type: "string" },
    clusters: { type: "string" },
    runs: { type: "string" },
    concurrency: { type: "string" },
    workers: { type: "string" },
    ports: { type: "string", default: "20000-31000" },
    "base-main": { type: "string" },
    profile: { type: "string" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const runtime: Runtime = runtimeOption("runtime", values.runtime, currentRuntime);
const clusters = positive("clusters", values.clusters, 1000);
const runs = positive("runs", values.runs, 3);
const concurrency = positive("concurrency", values.concurrency, 32);
const workers = positive("workers", values.workers, 1);
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** CPU ms of every thread of `pid` by thread id, with its name. */
function threadCpu(pid: number): Map<string, { name: string; cpuMs: number }> {
  const threads = new Map<string, { name: string; cpuMs: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      threads.set(tid, { name, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 });
    } catch {
      // the thread ended while we looked
    }
  }
  return threads;
}

interface Run {
  readonly wallS: number;
  readonly cpuMsPerCluster: number;
  /** The six busiest threads over the creation: name, CPU ms per cluster. */
  readonly busiest: string;
}

async function once(main: string, name: string, run: number): Promise<Run> {
  const [executable, ...rest] = scriptCommand(runtime, main, [
    "serve",
    "--control-address=127.0.0.1:0",
    `--ports=${values.ports}`,
    "--listen-host=127.0.0.1",
    "--log-format=json",
    ...(workers > 1 ? [`--workers=${workers}`] : []),
  ]);
  const profile = values.profile && runtime === "bun"
    ? [
      "--cpu-prof",
      "--cpu-prof-md",
      `--cpu-prof-dir=${values.profile}`,
      `--cpu-prof-name=${name}-${run}`,
    ]
    : [];
  const child = spawnScaleCommand([executable, ...profile, ...rest]);
  try {
    const control = `http://${await child.waitFor(/"control":"([^"]+)"/, 120_000)}`;
    // Let start-up work (imports, workers' boot) finish before the reading.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = procStats(child.pid).cpuMs;
    const threadsBefore = threadCpu(child.pid);
    const creation = await createClusters(control, clusters, concurrency, () => {});
    if (creation.failures > 0) {
      throw new Error(`${creation.failures} clusters failed: ${creation.firstError}`);
    }
    const after = procStats(child.pid).cpuMs;
    const threads = [...threadCpu(child.pid)].map(([tid, t]) => ({
      name: t.name,
      cpuMs: t.cpuMs - (threadsBefore.get(tid)?.cpuMs ?? 0),
    })).sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 6);
    return {
      wallS: (creation.readyAt - creation.startedAt) / 1000,
      cpuMsPerCluster: (after - before) / clusters,
      busiest: threads.map((t) => `${t.name} ${(t.cpuMs / clusters).toFixed(2)}`).join(", "),
    };
  } finally {
    await child.stop(60_000);
  }
}

const trees: [string, string][] = [["head", MAIN]];
if (values["base-main"]) trees.unshift(["base", values["base-main"]]);
console.log(
  `${runtime}, ${clusters} clusters (1 CP + 3 workers) per run, concurrency ${concurrency}, ` +
    `--workers ${workers}, load ${
      readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")
    }`,
);
const results = new Map<string, number[]>();
for (let run = 0; run < runs; run++) {
  for (const [name, main] of trees) {
    const r = await once(main, name, run);
    results.set(name, [...results.get(name) ?? [], r.cpuMsPerCluster]);
    console.log(
      `${name} run ${run + 1}: fkas CPU ${r.cpuMsPerCluster.toFixed(2)} ms/cluster, ` +
        `ready in ${r.wallS.toFixed(1)} s; busiest threads (ms/cluster): ${r.busiest}`,
    );
  }
}
for (const [name, samples] of results) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`${name}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms/cluster`);
}
