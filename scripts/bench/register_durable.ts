// CPU per cluster of registration (POST /register, 4× PUT /updateNode) with `--data-dir` (journal,
// group commit, compaction) against the same in memory, alternating rounds of the two in one
// process: the "ready within 1.25× of in memory" as CPU per cluster (load-proof). Both the
// main thread's CPU (/proc/thread-self) and the whole process's (GC and I/O threads too) are shown.
// Listeners are never opened (the TLS handshake costs the same in both; ready_cost.ts has it).
// `--root DIR` runs another checkout's sources (a detached worktree of the base), so trees can be
// compared in alternating runs (Bun only: Deno resolves the other checkout's bare imports against
// this one's deno.json and fails).
// Usage: npx --yes bun@1.4.5 scripts/bench/register_durable.ts [--rounds 5] [--clusters 300]
//          [--fsync batch] [--concurrency 32] [--root DIR]
//        npx --yes deno@2.9.6 run -A scripts/bench/register_durable.ts [...]

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { positive } from "./_options.ts";
import { callingThreadCpuMs } from "./_proc_stats.ts";
import { registerClusters } from "./_register_calls.ts";
import type { Config } from "../../src/config/mod.ts";

const { values } = parseArgs({
  options: {
    fsync: { type: "string", default: "batch" },
    rounds: { type: "string" },
    clusters: { type: "string" },
    concurrency: { type: "string" },
    root: { type: "string" },
  },
});
const root = values.root ?? new URL("../..", import.meta.url).pathname;
const { benchRegistry } = await import(`${root}/scripts/bench/_in_process_app.ts`);
const { parseCommandLine } = await import(`${root}/src/config/mod.ts`);
const { LocalClusterHost } = await import(`${root}/src/hosts/mod.ts`);
const { createControlApp } = await import(`${root}/src/control/mod.ts`);
const { createLogger } = await import(`${root}/src/log/mod.ts`);
const { openDurability } = await import(`${root}/src/server/durability.ts`);
const rounds = positive("rounds", values.rounds, 5);
const perRound = positive("clusters", values.clusters, 300);
const concurrency = positive("concurrency", values.concurrency, 32);
const command = parseCommandLine({
  argv: ["serve", `--fsync=${values.fsync}`],
  env: {},
  readFile: () => "",
  stdoutIsTerminal: false,
});
if (command.kind !== "serve") throw new Error("cannot parse the config");
const dir = mkdtempSync(join(tmpdir(), "fkas-register-durable-"));
const config: Config & { dataDir: string } = { ...command.config, dataDir: dir };
const log = createLogger({ level: "warn", format: "text", write: () => {}, now: () => new Date() });
const processCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

type Fetch = (request: Request) => Response | Promise<Response>;

async function target(durable: boolean, ports: number) {
  const durability = durable
    ? await openDurability(config, log, () => performance.now(), { cpuSeconds: () => 0 })
    : undefined;
  let uid = 0;
  const registry = benchRegistry({
    journal: durability?.registryJournal,
    ports: { min: ports, max: ports + (rounds + 1) * perRound },
    newUid: () => `uid-${++uid}`,
    bootstrapPolicy: false,
    leaseRenewal: false,
    workloads: false,
  });
  await durability?.restore(registry);
  const app = createControlApp({ host: new LocalClusterHost(registry) });
  const plain: Fetch = (request) => app.fetch(request);
  const fetch = durability ? durability.holdControl(plain) : plain;
  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(
      new Request(`http://127.0.0.1${path}`, { method, body: JSON.stringify(body) }),
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`Cannot ${method} ${path}: ${response.status} ${text}`);
  };
  let next = 0;
  return {
    async makeClusters(count: number): Promise<void> {
      await registerClusters(call, next, next + count, concurrency);
      next += count;
    },
    async close() {
      await registry.close();
      await durability?.close();
    },
  };
}

const results: Record<string, { thread: number[]; process: number[] }> = {};
const targets: Record<string, Awaited<ReturnType<typeof target>>> = {};
try {
  targets.memory = await target(false, 20000);
  targets.durable = await target(true, 40000);
  for (let r = -1; r < rounds; r++) {
    for (const [kind, t] of Object.entries(targets)) {
      const count = r < 0 ? Math.min(100, perRound) : perRound; // r < 0: warm-up
      const [thread, all] = [callingThreadCpuMs(), processCpu()];
      await t.makeClusters(count);
      if (r < 0) continue;
      const entry = results[kind] ??= { thread: [], process: [] };
      entry.thread.push((callingThreadCpuMs() - thread) / count);
      entry.process.push((processCpu() - all) / count);
    }
  }
} finally {
  for (const t of Object.values(targets)) await t.close();
  rmSync(dir, { recursive: true, force: true });
}
const median = (runs: number[]) => runs.sort((a, b) => a - b)[runs.length >> 1];
const list = (runs: number[]) => runs.map((ms) => ms.toFixed(2)).join(" ");
console.log(
  `register_durable.ts (${root}): --fsync ${values.fsync}, ${rounds} rounds of ${perRound} clusters ` +
    `(1 CP + 3 workers), CPU ms per cluster`,
);
for (const which of ["thread", "process"] as const) {
  const [memory, durable] = [results.memory[which], results.durable[which]];
  console.log(
    `  ${which === "thread" ? "main thread" : "all threads"}: in memory ${list(memory)}; ` +
      `durable ${list(durable)} → median ${(median(durable) / median(memory)).toFixed(2)}×`,
  );
}
