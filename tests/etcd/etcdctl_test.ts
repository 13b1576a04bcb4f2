// Real etcdctl 3.4 against the fake etcd, with TLS verification on and a client certificate from the etcd CA.
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EtcdCluster, type EtcdEndpoint, setAlarm, startEtcdEndpoint } from "../../src/etcd/mod.ts";
import { createEtcdPki } from "./_fixtures.ts";

const hasEtcdctl = !spawnSync("etcdctl", ["version"]).error;
// SNI needs `etcd-cp-N` to resolve to 127.0.0.1; a private mount namespace with its own /etc/hosts
// does that without touching the machine (etcdctl ignores HOSTALIASES).
const canUnshare = hasEtcdctl &&
  spawnSync("unshare", ["-m", "sh", "-c", "mount --bind /etc/hosts /etc/hosts"]).status === 0;
const skipEtcdctl = hasEtcdctl ? false : "etcdctl is not installed (apt-get install etcd-client)";
const skipSni = canUnshare ? false : "needs etcdctl and `unshare -m` with mount rights";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe("etcdctl 3.4", { skip: skipEtcdctl }, () => {
  let dir: string;
  let cluster: EtcdCluster;
  let endpoint: EtcdEndpoint;
  const hex = (name: string) => cluster.memberNamed(name)!.id.toString(16);

  /** Runs etcdctl with the etcd CA and client certificate; `sni` runs it where etcd-cp-N resolve to loopback. */
  function etcdctl(endpoints: string[], args: string[], o: { sni?: boolean } = {}): Promise<Run> {
    const urls = endpoints.map((host) => `https://${host}:${endpoint.port}`).join(",");
    const argv = [
      `--endpoints=${urls}`,
      "--cacert=ca.crt",
      "--cert=client.crt",
      "--key=client.key",
      "--dial-timeout=3s",
      "--command-timeout=5s",
      ...args,
    ];
    const [file, fileArgs] = o.sni
      ? ["unshare", [
        "-m",
        "sh",
        "-c",
        'mount --bind hosts /etc/hosts && exec etcdctl "$@"',
        "sh",
        ...argv,
      ]]
      : ["etcdctl", argv];
    return new Promise((resolve) => {
      const env = { ...process.env, ETCDCTL_API: "3" };
      execFile(file as string, fileArgs as string[], { cwd: dir, env }, (error, stdout, stderr) => {
        resolve({ code: error ? (error.code as number ?? 1) : 0, stdout, stderr });
      });
    });
  }

  before(async () => {
    const pki = await createEtcdPki();
    dir = mkdtempSync(join(tmpdir(), "fkas-etcdctl-"));
    writeFileSync(join(dir, "ca.crt"), pki.ca.certPem);
    writeFileSync(join(dir, "client.crt"), pki.client.certPem);
    writeFileSync(join(dir, "client.key"), pki.client.keyPem);
    const names = "etcd-cp-1 etcd-cp-2 etcd-cp-3 etcd-cp-4";
    writeFileSync(
      join(dir, "hosts"),
      `${readFileSync("/etc/hosts", "utf8")}\n127.0.0.1 ${names}\n`,
    );
    cluster = new EtcdCluster({ seed: "default/c1" });
    for (const n of [1, 2, 3]) cluster.addMember(`cp-${n}`, `10.0.0.${n}`);
    endpoint = await startEtcdEndpoint({ cluster, etcdCa: pki.ca, now: () => new Date() });
  });
  after(async () => {
    await endpoint?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lists members (no SNI for an IP endpoint: the localhost certificate, the leader answers)", async () => {
    const run = await etcdctl(["127.0.0.1"], ["member", "list"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout.split("\n")[0],
      `${hex("cp-1")}, started, cp-1, https://10.0.0.1:2380, https://10.0.0.1:2379, false`,
    );
    assert.equal(run.stdout.trim().split("\n").length, 3);
  });

  it("reports endpoint status and health", async () => {
    const status = await etcdctl(["127.0.0.1"], ["endpoint", "status"]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`, ${hex("cp-1")}, 3\\.5\\.21, \\d+ MB, true, false, `));
    const health = await etcdctl(["127.0.0.1"], ["endpoint", "health"]);
    assert.equal(health.code, 0, health.stderr);
    assert.match(health.stdout + health.stderr, /is healthy: successfully committed proposal/);
  });

  it("lists alarms raised through the control API", async () => {
    assert.equal((await etcdctl(["127.0.0.1"], ["alarm", "list"])).stdout, "");
    setAlarm(cluster, "cp-2", "NOSPACE", true);
    const run = await etcdctl(["127.0.0.1"], ["alarm", "list"]);
    setAlarm(cluster, "cp-2", "NOSPACE", false);
    assert.equal(run.stdout.trim(), `memberID:${cluster.memberNamed("cp-2")!.id} alarm:NOSPACE`);
  });

  it("gets a clean Unimplemented for services the fake does not serve", async () => {
    const run = await etcdctl(["127.0.0.1"], ["lease", "grant", "10"]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /code = Unimplemented desc = unknown service etcdserverpb\.Lease/);
  });

  it("adds a learner, promotes it once its node started, and removes it", async () => {
    const add = await etcdctl(["127.0.0.1"], [
      "member",
      "add",
      "cp-4",
      "--learner",
      "--peer-urls=https://10.0.0.4:2380",
    ]);
    assert.equal(add.code, 0, add.stderr);
    const id = add.stdout.match(/Member ([0-9a-f]+) added/)![1];
    const early = await etcdctl(["127.0.0.1"], ["member", "promote", id]);
    assert.match(early.stderr, /can only promote a learner member which is in sync with leader/);
    cluster.addMember("cp-4", "10.0.0.4");
    const promote = await etcdctl(["127.0.0.1"], ["member", "promote", id]);
    assert.equal(promote.code, 0, promote.stderr);
    assert.match(promote.stdout, new RegExp(`Member ${id} promoted in cluster`));
    const remove = await etcdctl(["127.0.0.1"], ["member", "remove", id]);
    assert.equal(remove.code, 0, remove.stderr);
    assert.equal(cluster.members.length, 3);
  });

  describe("with SNI etcd-<node>", { skip: skipSni }, () => {
    const all = ["etcd-cp-1", "etcd-cp-2", "etcd-cp-3"];

    it("answers each endpoint as its own member", async () => {
      const run = await etcdctl(all, ["endpoint", "status"], { sni: true });
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.trim().split("\n");
      ["cp-1", "cp-2", "cp-3"].forEach((name, i) => {
        assert.ok(lines[i].startsWith(`https://etcd-${name}:${endpoint.port}, ${hex(name)}, `));
        assert.match(lines[i], name === "cp-1" ? /, true, false, / : /, false, false, /);
      });
    });

    it("moves leadership through the leader's endpoint", async () => {
      const run = await etcdctl(all, ["move-leader", hex("cp-3")], { sni: true });
      assert.equal(run.code, 0, run.stderr);
      assert.match(
        run.stdout,
        new RegExp(`Leadership transferred from ${hex("cp-1")} to ${hex("cp-3")}`),
      );
      assert.equal(cluster.leaderId, cluster.memberNamed("cp-3")!.id);
    });

    it("removes the leader's member: a new leader is elected and the removed one stops", async () => {
      const id = hex("cp-3");
      const remove = await etcdctl(["etcd-cp-1"], ["member", "remove", id], { sni: true });
      assert.equal(remove.code, 0, remove.stderr);
      assert.equal(cluster.leaderId, cluster.memberNamed("cp-1")!.id);
      const status = await etcdctl(["etcd-cp-3"], ["endpoint", "status"], { sni: true });
      assert.notEqual(status.code, 0);
      assert.match(status.stderr, /etcdserver: server stopped/);
    });
  });
});
