// CPU per HTTP/1.1 request through one TLS endpoint, client and server in this process, for the
// runtime/ tree of each worktree named: what the Go-shaped response head (src/runtime/go_head.ts)
// costs against a base. Run the trees alternately a few times; under load single runs are noise.
//
//   npx --yes bun@1.4.5 scripts/bench/http1_head.ts --trees /work/wt/base-<sha>,. [--requests 6000] [--rounds 3]
//   (Deno: npx --yes deno@2.9.6 run -A scripts/bench/http1_head.ts ...; a base tree needs node_modules)
import https from "node:https";
import { resolve } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    trees: { type: "string", default: "." },
    requests: { type: "string", default: "6000" },
    rounds: { type: "string", default: "3" },
  },
});
const requests = Number(values.requests);
const small = JSON.stringify({ kind: "ConfigMap", data: { a: "x".repeat(600) } }) + "\n";
const large = "y".repeat(8000); // over Go's 2 KiB: chunked

async function measure(tree: string): Promise<string> {
  const runtime = await import(resolve(tree, "src/runtime/mod.ts"));
  const { createTestPki } = await import(resolve(tree, "tests/runtime/_certs.ts"));
  const pki = await createTestPki();
  const endpoint = await runtime.startTlsEndpoint({
    host: "127.0.0.1",
    port: 0,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    clientCaPem: pki.ca.certPem,
    fetch: (
      _request: Request,
      _peer: unknown,
      target: string,
      headers: { setHeader(name: string, value: string): void },
    ) => {
      headers.setHeader("audit-id", "0e2e7110-2c56-4e7d-a69a-864470087bb0");
      headers.setHeader("x-kubernetes-pf-flowschema-uid", "f");
      headers.setHeader("x-kubernetes-pf-prioritylevel-uid", "p");
      return new Response(target === "/large" ? large : small, {
        headers: { "cache-control": "no-cache, private", "content-type": "application/json" },
      });
    },
  });
  const agent = new https.Agent({ keepAlive: true, maxSockets: 8 });
  const get = (path: string) =>
    new Promise<void>((done, fail) => {
      https.get(
        { host: "127.0.0.1", port: endpoint.port, path, agent, rejectUnauthorized: false },
        (response) => {
          response.on("data", () => {});
          response.on("end", done);
        },
      ).on("error", fail);
    });
  const run = async (count: number, path: string) => {
    let sent = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (sent++ < count) await get(path);
    }));
  };
  await run(500, "/");
  const figures: string[] = [];
  for (const path of ["/", "/large"]) {
    const start = process.cpuUsage();
    await run(requests, path);
    const used = process.cpuUsage(start);
    figures.push(`${path} ${((used.user + used.system) / requests).toFixed(1)} µs`);
  }
  agent.destroy();
  await endpoint.close();
  return figures.join(", ");
}

for (let round = 0; round < Number(values.rounds); round++) {
  for (const tree of values.trees!.split(",")) {
    console.log(`${tree}: ${await measure(tree)} CPU per request`);
  }
}
process.exit(0);
