// Benchmark: clusters over --peers replicas on loopback (issue 20). Starts R replicas (separate
// processes, each with its own port range and --data-dir), creates N clusters of 1 control plane +
// 3 workers through replica 0's control API only (so ~(R-1)/R of the calls are forwarded), each
// ending with a TLS handshake on its owner's port; then lists them all through replica 0 and reports
// time, latencies, each replica's RSS and CPU, and the CPU replica 0 spent per forwarded call.
// With --kill: SIGKILLs the last replica, checks that replica 0 still serves the others' clusters and
// answers 503 for the dead one's, restarts it on its --data-dir and times its clusters' return.
// Usage: npx --yes bun@1.4.5 scripts/bench/peers.ts [--clusters 15000] [--replicas 3]
//          [--concurrency 32] [--kill] [--runtime bun|deno]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { rendezvousOwner } from "../../src/hosts/peers/mod.ts";
import { positive } from "./_options.ts";
import { procStats } from "./_proc_stats.ts";
import { currentRuntime, type Runtime, runtimeVersion } from "./_runtimes.ts";
import {
  clusterName,
  createClusters,
  NAMESPACE,
  type ScaleFkas,
  startScaleFkas,
} from "./_scale_fkas.ts";
import { killScaleChildren } from "./_scale_proc.ts";
import { percentile } from "./_stats.ts";
import { freePorts } from "./_free_ports.ts";

const { values } = parseArgs({
  options: {
    clusters: { type: "string" },
    replicas: { type: "string" },
    concurrency: { type: "string" },
    kill: { type: "boolean" },
    runtime: { type: "string" },
  },
});
const clusters = positive("clusters", values.clusters, 15_000);
const replicas = positive("replicas", values.replicas, 3);
const concurrency = positive("concurrency", values.concurrency, 32);
const runtime = (values.runtime ?? currentRuntime) as Runtime;
// Per replica a range below Linux's ephemeral ports (32768-): 10000 + i × span.
const span = Math.ceil(clusters / replicas * 1.2) + 100;
if (10_000 + replicas * span > 32_768) throw new Error("Cannot fit the port ranges below 32768");

const log = (message: string) =>
  console.error(`[peers ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => `${value.toFixed(1)} ms`;

process.on("SIGINT", () => {
  killScaleChildren();
  process.exit(130);
});

const dirs = Array.from(
  { length: replicas },
  () => mkdtempSync(join(tmpdir(), "fkas-peers-bench-")),
);
// Control ports below the clusters' ranges and the ephemeral ones: a restarted replica gets its own.
const ports = await freePorts(replicas, 9_000);
const urls = ports.map((port) => `http://127.0.0.1:${port}`);
const start = (index: number) =>
  startScaleFkas(
    runtime,
    `${10_000 + index * span}-${10_000 + (index + 1) * span - 1}`,
    undefined,
    [
      `--control-address=127.0.0.1:${ports[index]}`,
      `--peers=${urls.join(",")}`,
      `--shard-index=${index}`,
      `--data-dir=${dirs[index]}`,
    ],
  );
const fkas: ScaleFkas[] = await Promise.all(urls.map((_, i) => start(i)));
try {
  await run();
} finally {
  await Promise.all(fkas.map((f) => f.child.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

async function run() {
  const owners = Array.from(
    { length: clusters },
    (_, i) => rendezvousOwner(`${NAMESPACE}/${clusterName(i)}`, replicas),
  );
  const owned = urls.map((_, r) => owners.filter((o) => o === r).length);
  log(
    `${runtime} ${runtimeVersion()}, ${cpus().length} cores, load ${
      loadavg().map((l) => l.toFixed(1))
    }`,
  );
  log(`${clusters} clusters over ${replicas} replicas: ${owned.join(" / ")} owned`);
  const before = fkas.map((f) => procStats(f.child.pid));
  const loadBefore = loadavg()[0];
  const creation = await createClusters(
    urls[0],
    clusters,
    concurrency,
    (done) => log(`${done} clusters ready, load ${loadavg()[0].toFixed(1)}`),
  );
  const readyS = (creation.readyAt - creation.startedAt) / 1000;
  const after = fkas.map((f) => procStats(f.child.pid));
  const loadAfter = loadavg()[0];
  // Replica 0 did its own clusters' work plus every forward; the others only their own.
  const cpu = after.map((a, r) => (a.cpuMs - before[r].cpuMs) / 1000);
  const ownWorkPerCluster =
    urls.slice(1).reduce((sum, _, i) => sum + cpu[i + 1] / owned[i + 1], 0) /
    (replicas - 1);
  const forwardedCalls = (clusters - owned[0]) * 5;
  const forwardUs = (cpu[0] - ownWorkPerCluster * owned[0]) / forwardedCalls * 1e6;

  const listStarted = performance.now();
  const list = await fetch(`${urls[0]}/clusters`).then((r) => r.json());
  const listMs = performance.now() - listStarted;
  const running = list.clusters as { listener?: string; nodes?: unknown[] }[];
  await sleep(2000);
  const idle = fkas.map((f) => procStats(f.child.pid));

  const reg = creation.register.sorted();
  const upd = creation.updateNode.sorted();
  console.log(
    `| replicas | clusters | ready (s) | failures | register p50/p99 | updateNode p50/p99 |`,
  );
  console.log(`|---|---|---|---|---|---|`);
  console.log(
    `| ${replicas} (${runtime}) | ${clusters} | ${readyS.toFixed(1)} | ${creation.failures}${
      creation.firstError ? ` (${creation.firstError})` : ""
    } | ${ms(percentile(reg, 0.5))} / ${ms(percentile(reg, 0.99))} | ${
      ms(percentile(upd, 0.5))
    } / ${ms(percentile(upd, 0.99))} |`,
  );
  console.log("");
  console.log(
    `| replica | clusters | RSS idle (MiB) | RSS growth per cluster (KB) | CPU during creation (s) |`,
  );
  console.log(`|---|---|---|---|---|`);
  for (let r = 0; r < replicas; r++) {
    console.log(
      `| ${r} | ${owned[r]} | ${idle[r].rssMiB.toFixed(0)} | ${
        ((idle[r].rssMiB - before[r].rssMiB) * 1024 / owned[r]).toFixed(0)
      } | ${cpu[r].toFixed(1)} |`,
    );
  }
  console.log("");
  console.log(
    `GET /clusters through replica 0: ${running.length} clusters in ${ms(listMs)}` +
      `${list.unreachable ? `, unreachable: ${JSON.stringify(list.unreachable)}` : ""}`,
  );
  console.log(`CPU replica 0 spent per forwarded call (estimate): ${forwardUs.toFixed(0)} µs`);
  console.log(
    `load average (1 min): ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after creation`,
  );
  if (running.length !== clusters) throw new Error(`listed ${running.length} of ${clusters}`);
  if (values.kill) await killAndRestart(owners);
}

async function killAndRestart(owners: number[]) {
  const dead = replicas - 1;
  const ofReplica = (r: number) => clusterName(owners.indexOf(r));
  log(`SIGKILL replica ${dead}`);
  fkas[dead].child.process.kill("SIGKILL");
  await fkas[dead].child.exited;
  const alive = await fetch(`${urls[0]}/clusters/${NAMESPACE}/${ofReplica(1)}`);
  const gone = await fetch(`${urls[0]}/clusters/${NAMESPACE}/${ofReplica(dead)}`);
  console.log(
    `after the kill: a replica 1 cluster ${alive.status}, a replica ${dead} cluster ${gone.status} ${await gone
      .text()}`,
  );
  const restarted = performance.now();
  fkas[dead] = await start(dead);
  const serving = performance.now() - restarted;
  const list = await fetch(`${urls[0]}/clusters`).then((r) => r.json());
  console.log(
    `restart of replica ${dead} on its --data-dir: control API up in ${
      (serving / 1000).toFixed(1)
    } s ` +
      `with its clusters restored; GET /clusters then lists ${list.clusters.length}` +
      `${list.unreachable ? ` (unreachable: ${JSON.stringify(list.unreachable)})` : ""}`,
  );
}
