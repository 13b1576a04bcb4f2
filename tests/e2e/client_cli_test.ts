// The client subcommands against a running fkas: clusters, cluster, kubeconfig, faults, and the
// README's etcdctl recipe with `fkas etcd-client-certificate`.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { freePort, has, portForward } from "./etcd_fixture.ts";
import { runFkas, startFkasProcess } from "./fkas_process.ts";
import { ScratchDir } from "./_scratch_dir.ts";

describe("fkas client subcommands", () => {
  it("clusters, cluster, kubeconfig and fault add/list/clear talk to --control", async () => {
    const fkas = await startFkasProcess(["--control-token=s3cret"]);
    try {
      await fetch(`${fkas.control}/register`, {
        method: "POST",
        headers: { Authorization: "Bearer s3cret" },
        body: JSON.stringify({ namespace: "default", cluster: "demo" }),
      }).then((r) => r.text());
      const denied = runFkas(["clusters", "--control", fkas.control]);
      assert.equal(denied.status, 1);
      assert.match(denied.stderr, /401 a valid bearer token is required/);
      const env = { FKAS_CONTROL: fkas.control, FKAS_CONTROL_TOKEN: "s3cret" };
      const table = runFkas(["clusters"], env);
      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, /^NAMESPACE\s+NAME\s+ENDPOINT\s+VERSION\s+LISTENER\s+READY/);
      assert.match(
        table.stdout,
        /\ndefault\s+demo\s+https:\/\/127\.0\.0\.1:\d+\s+v1\.\d+\.\d+\s+\w+\s+0\/0/,
      );
      const json = JSON.parse(runFkas(["clusters", "-o", "json"], env).stdout);
      assert.equal(json[0].name, "demo");
      assert.match(runFkas(["clusters", "-o", "yaml"], env).stdout, /^- namespace: default/);
      assert.match(runFkas(["cluster", "default/demo"], env).stdout, /resourceName: default\/demo/);
      assert.match(runFkas(["kubeconfig", "default/demo"], env).stdout, /client-key-data/);
      const bad = runFkas([
        "fault",
        "add",
        "default/demo",
        "--resource",
        "pod",
        "--error-code",
        "503",
      ], env);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /did you mean pods\?/);
      const add = runFkas([
        "fault",
        "add",
        "default/demo",
        "--id",
        "slow",
        "--verb",
        "list",
        "--resource",
        "pods",
        "--latency-ms",
        "200",
        "--error-rate",
        "0.5",
      ], env);
      assert.equal(add.status, 0, add.stderr);
      const list = runFkas(["fault", "list", "default/demo"], env);
      assert.match(list.stdout, /\nslow\s+list\s+pods\s+200\s+0\.5/);
      assert.equal(runFkas(["fault", "clear", "default/demo"], env).status, 0);
      assert.deepEqual(
        JSON.parse(runFkas(["fault", "list", "default/demo", "-o", "json"], env).stdout),
        [],
      );
      const missing = runFkas(["cluster", "default/nope"], env);
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /404 cluster default\/nope is not registered/);
    } finally {
      await fkas.stop();
    }
  });

  const tools = ["kubectl", "etcdctl"].filter((tool) =>
    !has(tool, tool === "kubectl" ? ["version", "--client"] : ["version"])
  );
  it("the README's etcdctl recipe: member list through port-forward with minted files", {
    skip: tools.length > 0 && `needs ${tools.join(", ")}`,
  }, async () => {
    const fkas = await startFkasProcess();
    const files = new ScratchDir("fkas-etcdctl-");
    let forward: Awaited<ReturnType<typeof portForward>> | undefined;
    try {
      const dir = files.path;
      const { path } = await fkas.activate("default", "demo", "demo-cp-1");
      const cert = runFkas([
        "etcd-client-certificate",
        "default/demo",
        "--dir",
        dir,
        "--control",
        fkas.control,
      ]);
      assert.equal(cert.status, 0, cert.stderr);
      assert.equal(statSync(join(dir, "client.key")).mode & 0o777, 0o600);
      const port = await freePort();
      forward = await portForward(path, "etcd-demo-cp-1", port, 2379);
      const result = spawnSync("etcdctl", [
        `--endpoints=https://127.0.0.1:${port}`,
        `--cacert=${join(dir, "etcd-ca.crt")}`,
        `--cert=${join(dir, "client.crt")}`,
        `--key=${join(dir, "client.key")}`,
        "member",
        "list",
      ], { encoding: "utf8", timeout: 20_000, env: { ...process.env, ETCDCTL_API: "3" } });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /demo-cp-1/);
      assert.match(readFileSync(join(dir, "etcd-ca.crt"), "utf8"), /BEGIN CERTIFICATE/);
    } finally {
      forward?.child.kill();
      files.remove();
      await fkas.stop();
    }
  });
});
