// Measures fkas start-up, register+activate latency of one cluster, and RSS with N clusters.
// Usage: npx --yes bun@1.4.5 scripts/bench_foundation.ts [clusters=100]
//        npx --yes deno@2.9.6 run -A scripts/bench_foundation.ts [clusters=100]
// fkas runs as a child process on the same runtime as this script.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import process from "node:process";
import tls from "node:tls";

const CLUSTERS = Number(
  process.argv[2] ?? (globalThis as { Deno?: { args: string[] } }).Deno?.args[0] ?? 100,
);
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const isDeno = "Deno" in globalThis;
const args = [
  ...(isDeno ? ["run", "-A"] : []),
  MAIN,
  "serve",
  "--control-address=127.0.0.1:0",
  "--ports=42000-44000",
  "--listen-host=127.0.0.1",
  "--log-format=json",
];

const spawned = performance.now();
const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
const control = await new Promise<string>((resolve) => {
  let out = "";
  child.stdout!.on("data", (chunk) => {
    out += chunk;
    const match = /"control":"([^"]+)"/.exec(out);
    if (match) resolve(`http://${match[1]}`);
  });
});
const startupMs = performance.now() - spawned;

async function post(path: string, method: string, body: unknown): Promise<string> {
  const response = await fetch(control + path, { method, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.text();
}

function tlsAnswers(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: "127.0.0.1", port, rejectUnauthorized: false }, () => {
      socket.end();
      resolve();
    });
    socket.on("error", reject);
  });
}

async function activate(name: string): Promise<number> {
  const { Port } = JSON.parse(
    await post("/register", "POST", { cluster: name, namespace: "bench" }),
  );
  await post("/updateNode", "PUT", {
    cluster: name,
    namespace: "bench",
    nodeName: `${name}-cp`,
    labels: { "cluster.x-k8s.io/control-plane": "" },
    k8sversion: "v1.33.1",
  });
  await tlsAnswers(Port);
  return Port;
}

function rssMiB(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const idleRss = rssMiB();
const first = performance.now();
await activate("first");
const firstMs = performance.now() - first;
const batch = performance.now();
for (let i = 1; i < CLUSTERS; i++) await activate(`c${i}`);
const batchMs = performance.now() - batch;
await new Promise((resolve) => setTimeout(resolve, 500));
const rss = rssMiB();
child.kill("SIGTERM");

console.log(`runtime                         ${isDeno ? "deno" : "bun"}`);
console.log(`start-up (spawn → serving)      ${startupMs.toFixed(0)} ms`);
console.log(
  `register + activate 1 cluster   ${
    firstMs.toFixed(1)
  } ms (register, CP node, listener answering TLS)`,
);
console.log(
  `activate ${CLUSTERS - 1} more, sequentially   ${batchMs.toFixed(0)} ms (${
    (batchMs / (CLUSTERS - 1)).toFixed(1)
  } ms each)`,
);
console.log(`RSS idle                        ${idleRss.toFixed(1)} MiB`);
console.log(
  `RSS with ${CLUSTERS} clusters            ${rss.toFixed(1)} MiB (${
    ((rss - idleRss) * 1024 / CLUSTERS).toFixed(0)
  } KiB per cluster over idle)`,
);
process.exit(0);
