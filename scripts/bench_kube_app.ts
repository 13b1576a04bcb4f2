// In-process cost of the kube app per request class (no sockets, no TLS), next to a trivial Hono app.
// Usage: npx --yes bun@1.4.5 scripts/bench_kube_app.ts   |   npx --yes deno@2.9.6 run -A scripts/bench_kube_app.ts
// It separates what fkas's REST layer costs from what the HTTP/TLS stack costs (scripts/bench/rest.ts).

import { Hono } from "hono";
import { inProcessApp } from "./bench/_in_process_app.ts";

const { app, bindings } = await inProcessApp();
const trivial = new Hono();
trivial.get("*", (c) => c.json({ ok: true }));

async function bench(name: string, request: () => Promise<Response> | Response) {
  for (let i = 0; i < 2_000; i++) await (await request()).text();
  const count = 20_000;
  const started = performance.now();
  for (let i = 0; i < count; i++) await (await request()).text();
  const micros = (performance.now() - started) * 1000 / count;
  console.log(`${name.padEnd(24)} ${micros.toFixed(1).padStart(7)} µs/request`);
}

let label = 0;
await bench("trivial Hono app", () => trivial.request("/x"));
await bench("GET /", () => app.request("/", {}, bindings));
await bench("GET node", () => app.request("/api/v1/nodes/cp", {}, bindings));
await bench(
  "LIST pods kube-system",
  () => app.request("/api/v1/namespaces/kube-system/pods", {}, bindings),
);
await bench("LIST nodes", () => app.request("/api/v1/nodes", {}, bindings));
await bench("PATCH node (merge)", () =>
  app.request("/api/v1/nodes/cp", {
    method: "PATCH",
    headers: { "content-type": "application/merge-patch+json" },
    body: JSON.stringify({ metadata: { labels: { bench: String(label++) } } }),
  }, bindings));
