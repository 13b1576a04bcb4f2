// Starts the oracle's two servers and keeps them up, for exploring by hand with curl or kubectl
// before writing a probe: writes each server's CA, admin certificate and key and a kubeconfig into
// --dir, prints the URLs, and stops both on SIGINT/SIGTERM. `--only fkas` starts fkas alone
// (reporting --version), for scripts/python-client.sh on a machine without kube-apiserver.
//
//   npx --yes bun@1.4.5 scripts/oracle/serve.ts --dir /tmp/oracle [--bin DIR] [--runtime bun|deno]
//     [--only kube|fkas] [--version v1.36.3]
//
//   curl -si --cacert DIR/kube/ca.crt --cert DIR/kube/admin.crt --key DIR/kube/admin.key URL/version
import { Buffer } from "node:buffer";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { currentRuntime, type Runtime } from "../bench/_runtimes.ts";
import { send } from "./_request.ts";
import { type Endpoint, startFkas, startKubeApiserver } from "./_servers.ts";

const CACHE = process.env.FKAS_CAPI_E2E_CACHE ?? "/var/cache/fkas-capi-e2e";
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    dir: { type: "string", default: "/tmp/fkas-oracle" },
    bin: { type: "string" },
    runtime: { type: "string", default: currentRuntime },
    only: { type: "string" },
    version: { type: "string", default: "v1.36.3" },
  },
});
const lastBuild = join(CACHE, "last-bin");
const bin = values.bin ??
  (existsSync(lastBuild) ? readFileSync(lastBuild, "utf8").trim() : lastBuild);

const oracle = values.only === "fkas" ? undefined : await startKubeApiserver(bin);
const version = oracle
  ? ((await send(oracle, { name: "version", method: "GET", path: "/version" })).body as {
    gitVersion: string;
  }).gitVersion
  : values.version!;
const fkas = values.only === "kube"
  ? undefined
  : await startFkas(values.runtime as Runtime, version);
if (oracle) write("kube", oracle);
if (fkas) write("fkas", fkas);
if (oracle) console.log(`kube-apiserver ${oracle.base}`);
if (fkas) console.log(`fkas           ${fkas.base}`);
console.log(`files in ${values.dir}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await fkas?.stop();
  await oracle?.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
await new Promise(() => {});

function write(name: string, endpoint: Endpoint): void {
  const dir = join(values.dir!, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "ca.crt"), endpoint.ca);
  writeFileSync(join(dir, "admin.crt"), endpoint.cert);
  writeFileSync(join(dir, "admin.key"), endpoint.key);
  writeFileSync(join(dir, "url"), endpoint.base);
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  writeFileSync(
    join(dir, "kubeconfig"),
    `apiVersion: v1
kind: Config
clusters: [{name: ${name}, cluster: {server: "${endpoint.base}", certificate-authority-data: ${
      b64(endpoint.ca)
    }}}]
users: [{name: admin, user: {client-certificate-data: ${b64(endpoint.cert)}, client-key-data: ${
      b64(endpoint.key)
    }}}]
contexts: [{name: ${name}, context: {cluster: ${name}, user: admin}}]
current-context: ${name}
`,
  );
}
