// The single binary (`bun build --compile`, on either test runtime) runs alone from an empty
// directory and serves clusters whose API answers over verified TLS.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Buffer } from "node:buffer";
import { type FkasProcess, type Kubeconfig, startFkasCommand } from "./fkas_process.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILD_TIMEOUT_MS = 120_000;

/** Compiles main.ts into one executable with Bun, whichever runtime runs the tests. */
function compile(outfile: string): Promise<void> {
  const child = spawn(
    "npx",
    // The worker threads' entry (`--workers`) is embedded beside main.ts, as `run compile` does.
    [
      "--yes",
      "bun@1.4.5",
      "build",
      "--compile",
      "main.ts",
      "src/server/cluster_worker_main.ts",
      "--outfile",
      outfile,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => output += chunk.toString());
  child.stderr.on("data", (chunk: Buffer) => output += chunk.toString());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`Cannot compile fkas: not done in ${BUILD_TIMEOUT_MS / 1000} s:\n${output}`),
      );
    }, BUILD_TIMEOUT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`Cannot compile fkas: bun build exited with ${code}:\n${output}`));
    });
  });
}

/** GETs `path` from a cluster with the CA and client certificate of its kubeconfig. */
function getWithKubeconfig(
  config: Kubeconfig,
  path: string,
): Promise<{ status: number; body: string }> {
  const { server, "certificate-authority-data": ca } = config.clusters[0].cluster;
  const user = config.users[0].user;
  const decode = (data: string) => Buffer.from(data, "base64");
  return new Promise((resolve, reject) => {
    const request = https.get(new URL(path, server), {
      ca: decode(ca),
      cert: decode(user["client-certificate-data"]),
      key: decode(user["client-key-data"]),
      rejectUnauthorized: true,
      agent: false,
      headers: { accept: "application/json" },
    }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => body += chunk);
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

describe("the single binary", () => {
  const dir = mkdtempSync(join(tmpdir(), "fkas-binary-"));
  const binary = join(dir, "fkas");
  // Nothing but the binary: no package.json, node_modules or sources to fall back on.
  const emptyCwd = mkdtempSync(join(tmpdir(), "fkas-binary-cwd-"));
  let fkas: FkasProcess | undefined;

  before(() => compile(binary));
  after(async () => {
    await fkas?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(emptyCwd, { recursive: true, force: true });
  });

  it("is built by bun build --compile and knows its version", () => {
    assert.ok(existsSync(binary), `bun build wrote ${binary}`);
    const version = spawnSync(binary, ["--version"], {
      cwd: emptyCwd,
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^fkas \d+\.\d+\.\d+ \(bun\)/);
  });

  it("serves a cluster from an empty directory, TLS verified with its kubeconfig", async () => {
    fkas = await startFkasCommand(binary, [], { cwd: emptyCwd });
    const { Host, Port } = await fkas.register("default", "solo");
    assert.equal(Host, "127.0.0.1");
    await fkas.updateNode({
      cluster: "solo",
      namespace: "default",
      nodeName: "solo-cp-1",
      labels: { "cluster.x-k8s.io/control-plane": "" },
      k8sversion: "v1.33.1",
      providerID: "fake://solo-cp-1",
    });
    const { config } = await fkas.kubeconfig("default", "solo");
    assert.equal(config.clusters[0].cluster.server, `https://${Host}:${Port}`);

    const { status, body } = await getWithKubeconfig(config, "/api/v1/nodes");
    assert.equal(status, 200, body);
    const nodes = JSON.parse(body) as { kind: string; items: { metadata: { name: string } }[] };
    assert.equal(nodes.kind, "NodeList");
    assert.deepEqual(nodes.items.map((node) => node.metadata.name), ["solo-cp-1"]);
  });

  it("puts clusters on worker threads with --workers 2 (their entry is in the binary)", async () => {
    const workers = await startFkasCommand(binary, [], { cwd: emptyCwd, flags: ["--workers=2"] });
    try {
      const { config } = await workers.activate("default", "threaded");
      const { status, body } = await getWithKubeconfig(config, "/api/v1/nodes");
      assert.equal(status, 200, body);
      assert.match(workers.output(), /"msg":"listener up","cluster":"threaded"/);
    } finally {
      await workers.stop();
    }
  });

  it("stops cleanly on SIGTERM", async () => {
    assert.ok(fkas, "the binary is running");
    const code = await fkas.stop();
    // Deno's child_process reports the signal we sent instead of the exit code; the log line does not lie.
    if (code !== null) assert.equal(code, 0, "fkas exits 0 on SIGTERM");
    assert.match(fkas.output(), /"msg":"stopped"/, "fkas logs that it stopped");
    fkas = undefined;
  });
});
