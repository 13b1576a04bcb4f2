// Server CPU per cluster listener for listening plus its first TLS handshake (mTLS, ALPN h2), the
// listener's share of "ready", through startTlsEndpoint of each tree given. One server process
// imports every tree and starts N endpoints per tree (distinct certificates, as clusters have);
// this process makes the first handshake to each, in batches alternating between the trees, and
// the server reads its own CPU time around each batch, so a loaded machine blurs every tree alike.
// Usage: npx --yes bun@1.4.5 scripts/bench/tls_handshake_cost.ts [--listeners N] [--batch N]
//          [--trees PATH,PATH] [--concurrency N]
import { fork } from "node:child_process";
import process from "node:process";
import tls from "node:tls";
import { parseArgs } from "node:util";
import { createTestCa, type KeyPairPem } from "../../tests/runtime/_certs.ts";

const USAGE =
  `Usage: tls_handshake_cost.ts [--listeners N] [--batch N] [--trees PATH,PATH] [--concurrency N]
  --listeners N    endpoints per tree, one first handshake each (default 1000)
  --batch N        handshakes per batch; batches alternate between trees (default 50)
  --trees A,B      worktrees to compare (default: this tree)
  --concurrency N  handshakes in flight (default 16)`;

type Request =
  | { kind: "listen"; tree: number; servers: KeyPairPem[]; caPem: string }
  | { kind: "begin" }
  | { kind: "end" };

/** What the server answers: the ports it listens on, the CPU ms spent, or nothing. */
interface Reply {
  ports: number[];
  ms: number;
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

// The server side: answers each request with the ports it listens on or the CPU ms a batch took.
function serve(trees: string[]): void {
  let began = 0;
  process.on("message", async (request: Request) => {
    if (request.kind === "begin") return void (began = cpuMs(), process.send!({}));
    if (request.kind === "end") return void process.send!({ ms: cpuMs() - began });
    const { startTlsEndpoint } = await import(`${trees[request.tree]}/src/runtime/tls_endpoint.ts`);
    const fetch = () => new Response("ok");
    const before = cpuMs();
    const ports: number[] = [];
    for (const pem of request.servers) {
      const endpoint = await startTlsEndpoint({
        host: "127.0.0.1",
        port: 0,
        certPem: pem.certPem,
        keyPem: pem.keyPem,
        clientCaPem: request.caPem,
        fetch,
      });
      ports.push(endpoint.port);
    }
    process.send!({ ports, ms: cpuMs() - before });
  });
  process.send!({});
}

async function measure(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: "boolean", short: "h" },
      listeners: { type: "string", default: "1000" },
      batch: { type: "string", default: "50" },
      trees: { type: "string" },
      concurrency: { type: "string", default: "16" },
      serve: { type: "string" },
    },
  });
  if (values.help) return console.log(USAGE);
  if (values.serve !== undefined) return serve(values.serve.split(","));
  const listeners = Number(values.listeners);
  const batch = Number(values.batch);
  const concurrency = Number(values.concurrency);
  const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  const trees = values.trees?.split(",") ?? [here];
  const ca = await createTestCa("bench-ca");
  const issue = async () => {
    const servers: KeyPairPem[] = [];
    for (let i = 0; i < listeners; i++) servers.push(await ca.issue(`CN=cluster-${i}`));
    return servers;
  };
  const client = await ca.issue("CN=admin,O=system:masters");
  const context = tls.createSecureContext({ cert: client.certPem, key: client.keyPem });
  const child = fork(new URL(import.meta.url).pathname, ["--serve", trees.join(",")], {
    stdio: "inherit",
  });
  const ask = (request: Request) =>
    new Promise<Reply>((ok) => (child.once("message", ok), child.send(request)));
  await new Promise((ok) => child.once("message", ok));
  const ports: number[][] = [];
  for (let tree = 0; tree < trees.length; tree++) {
    const started = await ask({ kind: "listen", tree, servers: await issue(), caPem: ca.certPem });
    ports.push(started.ports);
    console.log(`${trees[tree]}: listen ${(started.ms / listeners).toFixed(3)} ms per listener`);
  }
  let failed = 0;
  const handshake = (port: number) =>
    new Promise<void>((done) => {
      const socket = tls.connect({
        port,
        host: "127.0.0.1",
        secureContext: context,
        ALPNProtocols: ["h2"],
        rejectUnauthorized: false,
      });
      socket.once("secureConnect", () => (socket.destroy(), done()));
      socket.once("error", () => (failed++, socket.destroy(), done()));
    });
  const spent = trees.map(() => [] as number[]);
  for (let from = 0; from < listeners; from += batch) {
    for (let tree = 0; tree < trees.length; tree++) {
      const todo = ports[tree].slice(from, from + batch);
      await ask({ kind: "begin" });
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let port = todo.shift(); port !== undefined; port = todo.shift()) {
            await handshake(port);
          }
        }),
      );
      spent[tree].push((await ask({ kind: "end" })).ms / Math.min(batch, listeners - from));
    }
  }
  child.kill();
  for (let tree = 0; tree < trees.length; tree++) {
    const sorted = [...spent[tree]].sort((a, b) => a - b);
    const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
    const at = (q: number) => sorted[Math.floor(q * (sorted.length - 1))].toFixed(3);
    console.log(
      `${trees[tree]}: first handshake ${mean.toFixed(3)} ms mean, p25 ${at(0.25)}, median ` +
        `${at(0.5)}, p75 ${at(0.75)} per listener (${sorted.length} batches)`,
    );
  }
  if (trees.length === 2) {
    const ratios = spent[1].map((ms, i) => ms / spent[0][i]).sort((a, b) => a - b);
    console.log(`paired ratio second/first: median ${ratios[ratios.length >> 1].toFixed(3)}`);
  }
  if (failed) console.log(`${failed} handshakes failed`);
}

await measure();
