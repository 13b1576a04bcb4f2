// In-process CPU per write with `--data-dir` (journal, group commit, fsync) against the same writes
// in memory, alternating rounds of the two in one process: the issue's "REST writes with
// --fsync batch at >= 80% of in-memory throughput", measured as CPU per write (load-proof).
// Both the main thread's CPU (/proc/thread-self: what one event loop can do) and the whole
// process's (GC and I/O threads too) are shown. `--root DIR` runs another checkout's sources (a
// detached worktree of the base), so trees can be compared in alternating runs (Bun only: Deno
// resolves the other checkout's bare imports against this one's deno.json and fails).
// Usage: npx --yes bun@1.4.5 scripts/bench/write_durable.ts [--fsync batch] [--rounds 5] [--ops 1500]
//          [--root DIR]
//        npx --yes deno@2.9.6 run -A scripts/bench/write_durable.ts
// One request at a time (no batching across requests): the worst case for the journal, whose
// fixed cost per batch then falls on every write.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { callingThreadCpuMs } from "./_proc_stats.ts";
import type { Config } from "../../src/config/mod.ts";
import type { KubeBindings } from "../../src/kube/mod.ts";

const { values } = parseArgs({
  options: {
    fsync: { type: "string", default: "batch" },
    rounds: { type: "string", default: "5" },
    ops: { type: "string", default: "1500" },
    root: { type: "string" },
  },
});
const root = values.root ?? new URL("../..", import.meta.url).pathname;
const { benchRegistry } = await import(`${root}/scripts/bench/_in_process_app.ts`);
const { parseCommandLine } = await import(`${root}/src/config/mod.ts`);
const { createKubeApp } = await import(`${root}/src/kube/mod.ts`);
const { createLogger } = await import(`${root}/src/log/mod.ts`);
const { createFkasMetrics } = await import(`${root}/src/metrics/mod.ts`);
const { openDurability } = await import(`${root}/src/server/durability.ts`);
const command = parseCommandLine({
  argv: ["serve", `--fsync=${values.fsync}`],
  env: {},
  readFile: () => "",
  stdoutIsTerminal: false,
});
if (command.kind !== "serve") throw new Error("cannot parse the config");
const dir = mkdtempSync(join(tmpdir(), "fkas-write-durable-"));
const config: Config & { dataDir: string } = { ...command.config, dataDir: dir };
const log = createLogger({ level: "warn", format: "text", write: () => {}, now: () => new Date() });
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
// The calling thread's CPU time in seconds (clock ticks of 10 ms: rounds must be long).
const threadSeconds = () => callingThreadCpuMs() / 1000;

type Send = (method: string, path: string, type: string, body?: string) => Promise<void>;

async function target(durable: boolean): Promise<{ send: Send; close(): Promise<void> }> {
  const durability = durable
    ? await openDurability(config, log, () => performance.now(), { cpuSeconds })
    : undefined;
  const registry = benchRegistry({ journal: durability?.registryJournal });
  await durability?.restore(registry);
  const cluster = await registry.register({ namespace: "bench", name: "app" });
  await registry.reportNode({
    namespace: "bench",
    cluster: "app",
    nodeName: "cp",
    labels: { "cluster.x-k8s.io/control-plane": "" },
  });
  const metrics = createFkasMetrics({
    now: () => 0,
    clusters: () => ({ clusters: 1, listeners: 1, nodes: 1 }),
  });
  const app = createKubeApp({
    now: () => new Date(),
    anonymousAuth: false,
    metrics,
    durable: durability && (() => durability.durable()),
  });
  const bindings: KubeBindings = {
    cluster,
    client: { authenticated: true, user: "kubernetes-admin", groups: ["system:masters"] },
  };
  const fetch = durability
    ? durability.holdKube((request: Request, b: KubeBindings) => app.fetch(request, b))
    : (request: Request, b: KubeBindings) => app.fetch(request, b);
  return {
    async send(method, path, type, body) {
      const request = new Request(`https://127.0.0.1${path}`, {
        method,
        headers: { "content-type": type },
        ...(body === undefined ? {} : { body }),
      });
      const response = await fetch(request, bindings);
      await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
    },
    async close() {
      await registry.close();
      await durability?.close();
    },
  };
}

const CM = "/api/v1/namespaces/default/configmaps";
const PODS = "/api/v1/namespaces/default/pods";
const cm = (i: number) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "put" },
    data: { i: `${i}` },
  });
const PATHS: Record<string, (send: Send, i: number) => Promise<void>> = {
  "PATCH node labels (merge)": (send, i) =>
    send(
      "PATCH",
      "/api/v1/nodes/cp",
      "application/merge-patch+json",
      `{"metadata":{"labels":{"bench.fkas.io/seq":"${i}"}}}`,
    ),
  "PUT configmap": (send, i) => send("PUT", `${CM}/put`, "application/json", cm(i)),
  "POST pod": (send, i) =>
    send(
      "POST",
      PODS,
      "application/json",
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `p-${i}` },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      }),
    ),
};

let sequence = 0;
type Used = { thread: number; process: number };
async function round(send: Send, name: string, ops: number): Promise<Used> {
  const first = sequence;
  const [thread, all] = [threadSeconds(), cpuSeconds()];
  for (let i = 0; i < ops; i++) await PATHS[name](send, ++sequence);
  const used = {
    thread: (threadSeconds() - thread) * 1e6 / ops,
    process: (cpuSeconds() - all) * 1e6 / ops,
  };
  if (name === "POST pod") {
    for (let i = first + 1; i <= sequence; i++) {
      await send("DELETE", `${PODS}/p-${i}`, "application/json");
    }
  }
  return used;
}
const results: Record<string, Record<string, Used[]>> = {};
const targets: Record<string, Awaited<ReturnType<typeof target>>> = {};
try {
  targets.memory = await target(false);
  targets.durable = await target(true);
  for (const t of Object.values(targets)) await t.send("POST", CM, "application/json", cm(0));
  for (let r = -1; r < Number(values.rounds); r++) {
    for (const name of Object.keys(PATHS)) {
      for (const [kind, t] of Object.entries(targets)) {
        const used = await round(t.send, name, r < 0 ? 300 : Number(values.ops)); // r < 0: warm-up
        if (r >= 0) ((results[name] ??= {})[kind] ??= []).push(used);
      }
    }
  }
} finally {
  for (const t of Object.values(targets)) await t.close();
  rmSync(dir, { recursive: true, force: true });
}
const median = (runs: number[]) => runs.sort((a, b) => a - b)[runs.length >> 1];
console.log(
  `write_durable.ts (${root}): --fsync ${values.fsync}, CPU µs per write, median of ` +
    `${values.rounds} rounds (main thread; whole process)`,
);
for (const [name, kinds] of Object.entries(results)) {
  const of = (kind: string, which: keyof Used) => median(kinds[kind].map((used) => used[which]));
  const cell = (which: keyof Used) => {
    const [memory, durable] = [of("memory", which), of("durable", which)];
    return `in memory ${memory.toFixed(1).padStart(6)}  durable ${
      durable.toFixed(1).padStart(6)
    } ` +
      `→ ratio ${(memory / durable).toFixed(2)}`;
  };
  console.log(`  ${name.padEnd(26)} thread: ${cell("thread")};  process: ${cell("process")}`);
}
