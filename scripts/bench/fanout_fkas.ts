// The fkas side of `scripts/bench/fanout.ts --in-process`: one bare cluster of the tree given
// (its kube app behind its own TLS endpoint, nothing else: no controllers, no control API), whose
// ConfigMap PATCHes are made here, in process, so the CPU time this process reports is the
// fan-out's and the writes' only. Commands on stdin, one answer line each on stdout:
// "churn <events> <inFlight> [<rate>]" PATCHes the ConfigMap `bench` (answer "done"), "cpu" answers
// the process's CPU µs so far. With a rate, the PATCHes are made <inFlight> in one turn, at most
// <rate> per second: every watcher then gets batches of exactly <inFlight> events, whatever the
// machine's load (the batch size, not the load, sets the cost of an event).
// Usage: fanout_fkas.ts <tree> <payload bytes>   (prints "port <n>" once serving)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { createInterface } from "node:readline";

const [tree, payload] = process.argv.slice(-2);
const { bareCluster } = await import(join(tree, "scripts/bench/_bare_cluster.ts"));
const { createCertificateAuthority, issueServingCertificate } = await import(
  join(tree, "src/pki/mod.ts")
);
const { startTlsEndpoint } = await import(join(tree, "src/runtime/mod.ts"));

const { app, bindings, call } = bareCluster();
const request = app.request as (path: string, init: RequestInit, env: unknown) => Promise<Response>;
const now = new Date();
const ca = await createCertificateAuthority({
  commonName: "fanout-ca",
  keyAlgorithm: "ecdsa",
  now,
});
const serving = await issueServingCertificate(ca, {
  commonName: "fanout",
  dnsNames: ["localhost"],
  ipAddresses: ["127.0.0.1"],
  now,
});
const endpoint = await startTlsEndpoint({
  host: "127.0.0.1",
  port: 0,
  certPem: serving.certPem,
  keyPem: serving.keyPem,
  clientCaPem: ca.certPem,
  // Every connection is the admin: the watchers' certificates are not what is measured.
  fetch: (request: Request, _peer: unknown, target: string) =>
    app.fetch(request, { ...bindings, target }),
});
await call("POST", "/api/v1/namespaces", {
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name: "default" },
}).catch(() => {}); // a bare cluster may have it already
await call("POST", "/api/v1/namespaces/default/configmaps", {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "bench", labels: { app: "bench" } },
  data: { n: "0", payload: "x".repeat(Number(payload)) },
});
// The loaders read the certificates from here: the serving pair doubles as their client pair.
const dir = mkdtempSync(join(tmpdir(), "fkas-fanout-"));
// Every way out is process.exit (stdin closed, a failed PATCH), which emits "exit".
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "ca.crt"), ca.certPem);
writeFileSync(join(dir, "client.crt"), serving.certPem);
writeFileSync(join(dir, "client.key"), serving.keyPem);

let seq = 0;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function patchOnce(): Promise<void> {
  const response = await request("/api/v1/namespaces/default/configmaps/bench", {
    method: "PATCH",
    headers: { "content-type": "application/merge-patch+json" },
    body: JSON.stringify({ data: { n: String(++seq) } }),
  }, bindings);
  const text = await response.text();
  if (response.status !== 200) {
    process.stderr.write(`Cannot PATCH: ${response.status} ${text}\n`);
    process.exit(1);
  }
}

/**
 * `events` PATCHes, `inFlight` at a time, each after a turn of the event loop: as PATCHes that
 * arrive over sockets, each change is fanned out on its own, not batched with the next ones.
 */
async function churn(events: number, inFlight: number): Promise<void> {
  let sent = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (sent++ < events) {
      await nextTurn();
      await patchOnce();
    }
  }));
}

/** `events` PATCHes, `perTurn` started in one turn, at most `rate` per second. */
async function pacedChurn(events: number, perTurn: number, rate: number): Promise<void> {
  const gapMs = (1000 * perTurn) / rate;
  const startedAt = performance.now();
  for (let sent = 0, turn = 0; sent < events; turn++) {
    const wait = startedAt + turn * gapMs - performance.now();
    await (wait > 0 ? sleep(wait) : nextTurn());
    const n = Math.min(perTurn, events - sent);
    sent += n;
    await Promise.all(Array.from({ length: n }, patchOnce));
  }
}

const lines = createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  const [command, ...args] = line.split(" ");
  if (command === "churn") {
    const rate = Number(args[2] ?? 0);
    await (rate > 0
      ? pacedChurn(Number(args[0]), Number(args[1]), rate)
      : churn(Number(args[0]), Number(args[1])));
    process.stdout.write("done\n");
  } else if (command === "cpu") {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${user + system}\n`);
  }
});
lines.on("close", async () => {
  await endpoint.close();
  process.exit(0);
});
process.stdout.write(`port ${endpoint.port} ${dir}\n`);
