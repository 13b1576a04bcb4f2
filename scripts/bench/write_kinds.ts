// In-process cost of creating and replacing built-in kinds (Pod, Deployment, Service, ConfigMap).
// Usage: npx --yes bun@1.4.5 scripts/bench/write_kinds.ts [rounds]
//        npx --yes deno@2.9.6 run -A scripts/bench/write_kinds.ts [rounds]
// No sockets or TLS (scripts/bench/rest.ts measures those): it isolates what the write path
// (decode checks, defaulting, strategies, store) costs per kind, to compare two checkouts.

import process from "node:process";
import { inProcessApp } from "./_in_process_app.ts";

const { app, bindings } = await inProcessApp();

const TEMPLATE = {
  metadata: { labels: { app: "web" } },
  spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
};
const KINDS: Record<string, { path: string; body: (name: string) => unknown }> = {
  pod: {
    path: "/api/v1/namespaces/default/pods",
    body: (name) => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: TEMPLATE.spec }),
  },
  deployment: {
    path: "/apis/apps/v1/namespaces/default/deployments",
    body: (name) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name },
      spec: { selector: { matchLabels: { app: "web" } }, template: TEMPLATE },
    }),
  },
  service: {
    path: "/api/v1/namespaces/default/services",
    body: (name) => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name },
      spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
    }),
  },
  configmap: {
    path: "/api/v1/namespaces/default/configmaps",
    body: (name) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "b" } }),
  },
};

async function send(method: string, path: string, body?: unknown): Promise<void> {
  const response = await app.request(path, {
    method,
    headers: { "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }, bindings);
  await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
}

// One create, one replace (PUT of the created body) and one delete per iteration; the process's
// CPU time, which other processes on a loaded machine disturb far less than wall time.
async function round(kind: string, count: number): Promise<number> {
  const { path, body } = KINDS[kind];
  const started = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const name = `${kind}-${i}`;
    await send("POST", path, body(name));
    await send("PUT", `${path}/${name}`, body(name));
    await send("DELETE", `${path}/${name}`);
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / count;
}

const rounds = Number(process.argv[2] ?? 5);
for (const kind of Object.keys(KINDS)) await round(kind, 300); // warm-up
const results: Record<string, number[]> = {};
for (let r = 0; r < rounds; r++) {
  for (const kind of Object.keys(KINDS)) (results[kind] ??= []).push(await round(kind, 1000));
}
for (const [kind, values] of Object.entries(results)) {
  const sorted = values.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${kind.padEnd(12)} POST+PUT+DELETE median ${median.toFixed(1).padStart(7)} µs CPU`);
}
