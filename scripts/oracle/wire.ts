// The oracle at the byte level: sends raw HTTP/1.1 requests (_wire.ts) to kube-apiserver and to
// fkas and prints every head that differs once dates, uids and lengths are masked: header names'
// case and order, Content-Length or chunked, Connection and Keep-Alive, upgrade refusals.
//
//   npx --yes bun@1.4.5 scripts/oracle/wire.ts [--dir DIR] [--bin DIR] [--runtime bun|deno] [--verbose]
//
// --dir: the folder of a running `scripts/oracle/serve.ts --dir DIR` (kube/ and fkas/); without it
// both servers are started here and stopped at the end. Exit code: 0 when every head is the same.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { currentRuntime, type Runtime } from "../bench/_runtimes.ts";
import { send } from "./_request.ts";
import { type Endpoint, startFkas, startKubeApiserver } from "./_servers.ts";
import { normalizedHead, sendRaw, WIRE_PROBES } from "./_wire.ts";

const CACHE = process.env.FKAS_CAPI_E2E_CACHE ?? "/var/cache/fkas-capi-e2e";
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    dir: { type: "string" },
    bin: { type: "string" },
    runtime: { type: "string", default: currentRuntime },
    verbose: { type: "boolean", default: false },
  },
});

function fromDir(dir: string): Endpoint {
  const read = (name: string) => readFileSync(join(dir, name), "utf8");
  return {
    base: read("url"),
    ca: read("ca.crt"),
    cert: read("admin.crt"),
    key: read("admin.key"),
    stop: () => Promise.resolve(),
  };
}

let kube: Endpoint;
let fkas: Endpoint;
if (values.dir) {
  kube = fromDir(join(values.dir, "kube"));
  fkas = fromDir(join(values.dir, "fkas"));
} else {
  const lastBuild = join(CACHE, "last-bin");
  const bin = values.bin ??
    (existsSync(lastBuild) ? readFileSync(lastBuild, "utf8").trim() : lastBuild);
  kube = await startKubeApiserver(bin);
  const version = (await send(kube, { name: "version", method: "GET", path: "/version" }))
    .body as { gitVersion: string };
  fkas = await startFkas(values.runtime as Runtime, version.gitVersion);
}

let differing = 0;
try {
  for (const probe of WIRE_PROBES) {
    const [want, got] = await Promise.all([
      sendRaw(kube, probe.request),
      sendRaw(fkas, probe.request),
    ]);
    const [a, b] = [normalizedHead(want), normalizedHead(got)];
    if (a === b) {
      console.log(`same      ${probe.name}`);
      if (values.verbose) console.log(indent(a));
      continue;
    }
    differing++;
    console.log(`DIFFERENT ${probe.name}\n  kube-apiserver:\n${indent(a)}\n  fkas:\n${indent(b)}`);
  }
} finally {
  if (!values.dir) {
    await fkas.stop();
    await kube.stop();
  }
}
console.log(`${WIRE_PROBES.length - differing} of ${WIRE_PROBES.length} heads the same`);
process.exit(differing === 0 ? 0 : 1);

function indent(text: string): string {
  return text.split("\n").map((line) => `    ${line}`).join("\n");
}
