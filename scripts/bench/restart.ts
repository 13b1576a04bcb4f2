// Durability cost: N clusters in memory vs with --data-dir, then kill -9 and the restart time until
// every listener answers TLS again, plus the data dir's size per cluster. `--from DIR` restarts
// copies of a kept data dir only (repeatable, alternating with `--base-main` of another tree).
//   npx --yes bun@1.4.5 scripts/bench/restart.ts [--runtime bun|deno] [--clusters N] [--fsync MODE]
//   npx --yes bun@1.4.5 scripts/bench/restart.ts --from DIR [--runs N] [--base-main PATH]
// `--workers N` runs fkas with N worker threads (each journals and restores its own clusters).
// `--wait-snapshot` waits before kill -9 until every journal dir holds the snapshot taken once
// registrations went quiet (`--compact-when-idle`), as a data dir of a process running a while does.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { positive, runtimeOption } from "./_options.ts";
import { procStats } from "./_proc_stats.ts";
import { currentRuntime } from "./_runtimes.ts";
import { createClusters, handshakeAll, startScaleFkas } from "./_scale_fkas.ts";
import { PORTS_FILE, restartRuns, restoreLog } from "./_restart_runs.ts";

const USAGE =
  `Usage: restart.ts [--runtime bun|deno] [--clusters N] [--concurrency N] [--fsync MODE]
                  [--ports MIN-MAX] [--skip-memory] [--keep] [--workers N] [--wait-snapshot]
       restart.ts --from DIR [--runs N] [--base-main PATH] [--profile DIR] [--ports MIN-MAX]
                  [--workers N]
  --clusters N     clusters of 1 control plane + 3 workers (default 10000)
  --fsync MODE     always|batch|never (default batch)
  --skip-memory    do not measure the in-memory creation time first
  --keep           keep the data dir (for scripts/bench/snapshot.ts and --from) and print its path
  --wait-snapshot  before kill -9, wait (up to 10 min) until every journal dir holds a snapshot
                   (fkas takes one --compact-when-idle after the last registration); the time
                   from ready to it is printed
  --from DIR       only restart fresh copies of DIR (a --keep data dir), --runs times
  --base-main PATH alternate each run with this main.ts (a worktree of the base commit)
  --profile DIR    write a CPU profile of each restart there (Bun: --cpu-prof-md)
  --workers N      fkas's --workers (default 1); a --from DIR kept with another count is
                   re-placed at each restart (its cost is then part of the figures)`;

const { values } = parseArgs({
  options: {
    runtime: { type: "string" },
    clusters: { type: "string" },
    concurrency: { type: "string" },
    fsync: { type: "string", default: "batch" },
    ports: { type: "string", default: "20000-31000" },
    "skip-memory": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "wait-snapshot": { type: "boolean", default: false },
    from: { type: "string" },
    runs: { type: "string" },
    "base-main": { type: "string" },
    profile: { type: "string" },
    workers: { type: "string", default: "1" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const runtime = runtimeOption("runtime", values.runtime, currentRuntime);
const clusters = positive("clusters", values.clusters, 10_000);
const concurrency = positive("concurrency", values.concurrency, 32);
const workers = positive("workers", values.workers, 1);
const quiet = () => {};
if (values.from) {
  await restartRuns({
    runtime,
    from: values.from,
    runs: positive("runs", values.runs, 1),
    ports: values.ports!,
    fsync: values.fsync!,
    baseMain: values["base-main"],
    profileDir: values.profile,
    workers,
  });
  process.exit(0);
}

async function create(flags: string[]) {
  const fkas = await startScaleFkas(runtime, values.ports!, undefined, flags);
  const creation = await createClusters(fkas.control, clusters, concurrency, quiet);
  if (creation.failures > 0) throw new Error(`${creation.failures} failed: ${creation.firstError}`);
  const cpuMs = procStats(fkas.child.pid).cpuMs;
  return {
    fkas,
    seconds: (creation.readyAt - creation.startedAt) / 1000,
    ports: creation.ports,
    cpuMs,
  };
}

// Whether every dir holding a journal also holds the complete snapshot of its newest generation
// past 0 (generation 0's snapshot is empty, or the re-placement's), worker dirs included.
function snapshotted(dir: string): boolean {
  const names = readdirSync(dir, { recursive: true, encoding: "utf8" });
  const newest = new Map<string, number>();
  for (const name of names) {
    const journal = /^(.*?)journal-(\d+)\.fkas$/.exec(name);
    if (journal) newest.set(journal[1], Math.max(newest.get(journal[1]) ?? 0, Number(journal[2])));
  }
  return newest.size > 0 &&
    [...newest].every(([at, generation]) =>
      generation > 0 && names.includes(`${at}snapshot-${generation}.fkas`)
    );
}

// Every file's bytes, the worker journal dirs of `--workers N` included.
function dirBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).reduce((sum, name) => {
    const stat = statSync(join(dir, name));
    return stat.isFile() ? sum + stat.size : sum;
  }, 0);
}

const rows: [string, string][] = [];
let memoryCpuMs: number | undefined;
if (!values["skip-memory"]) {
  const memory = await create([`--workers=${workers}`]);
  rows.push(["in memory: clusters ready", `${memory.seconds.toFixed(1)} s`]);
  memoryCpuMs = memory.cpuMs;
  await memory.fkas.child.stop();
}
const dataDir = mkdtempSync(join(tmpdir(), "fkas-restart-bench-"));
try {
  const flags = [`--data-dir=${dataDir}`, `--fsync=${values.fsync}`, `--workers=${workers}`];
  const durable = await create(flags);
  rows.push([`--fsync ${values.fsync}: clusters ready`, `${durable.seconds.toFixed(1)} s`]);
  if (memoryCpuMs !== undefined) {
    rows.push(["in memory: fkas CPU to ready", `${(memoryCpuMs / 1000).toFixed(1)} s`]);
  }
  const pid = Number(readFileSync(join(dataDir, "fkas.lock"), "utf8"));
  if (values["wait-snapshot"]) {
    const from = performance.now();
    const fromCpuMs = procStats(pid).cpuMs;
    while (!snapshotted(dataDir)) {
      if (performance.now() - from > 600_000) throw new Error("no snapshot within 10 min");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    rows.push([
      "ready → every journal dir has its snapshot",
      `${((performance.now() - from) / 1000).toFixed(1)} s (fkas CPU ${
        ((procStats(pid).cpuMs - fromCpuMs) / 1000).toFixed(1)
      } s)`,
    ]);
  }
  if (values.keep) writeFileSync(join(dataDir, PORTS_FILE), JSON.stringify(durable.ports));
  const bytes = dirBytes(dataDir);
  const creationCpu = procStats(pid).cpuMs;
  process.kill(pid, "SIGKILL");
  await durable.fkas.child.exited;
  rows.push([`--fsync ${values.fsync}: fkas CPU to ready`, `${(creationCpu / 1000).toFixed(1)} s`]);
  rows.push([
    `data dir at kill -9 (${values["wait-snapshot"] ? "snapshot + journal" : "journal only"})`,
    `${(bytes / 2 ** 20).toFixed(0)} MiB, ${(bytes / clusters / 1024).toFixed(1)} KiB per cluster`,
  ]);
  const started = performance.now();
  const again = await startScaleFkas(runtime, values.ports!, undefined, flags);
  const serving = performance.now();
  const servingCpu = procStats(again.child.pid).cpuMs;
  // Read now: the restore lines precede the control line, and the output keeps only its tail.
  const restored = restoreLog(again.child.output()) || "?";
  await handshakeAll(durable.ports);
  const answering = performance.now();
  const restartCpu = procStats(again.child.pid).cpuMs;
  rows.push([
    "restart: spawn → control API serving",
    `${((serving - started) / 1000).toFixed(1)} s (${restored}; fkas CPU ${
      (servingCpu / 1000).toFixed(1)
    } s)`,
  ]);
  rows.push([
    "restart: spawn → every listener answers TLS",
    `${((answering - started) / 1000).toFixed(1)} s (fkas CPU ${(restartCpu / 1000).toFixed(1)} s)`,
  ]);
  const compacted = dirBytes(dataDir);
  rows.push([
    "data dir after restart (snapshot)",
    `${(compacted / 2 ** 20).toFixed(0)} MiB, ${
      (compacted / clusters / 1024).toFixed(1)
    } KiB per cluster`,
  ]);
  await again.child.stop();
} finally {
  if (values.keep) console.log(`kept the data dir: ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  `restart.ts: ${clusters} clusters (1 CP + 3 workers) on ${runtime}, --workers ${workers}`,
);
for (const [what, value] of rows) console.log(`  ${what.padEnd(46)} ${value}`);
