// kubectl port-forward (SPDY-only 1.29 and WebSocket-first 1.33) to etcd and the API server, then real etcdctl and openssl.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { parseAllDocuments } from "yaml";
import { issueClientCertificate, loadCertificateAuthority } from "../../src/pki/mod.ts";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";

const has = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: "utf8" }).status === 0;
const missing = ["kubectl", "etcdctl", "openssl"].filter((tool) =>
  !has(
    tool,
    tool === "kubectl" ? ["version", "--client"] : tool === "etcdctl" ? ["version"] : ["version"],
  )
);
const CP = { "cluster.x-k8s.io/control-plane": "" };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `kubectl port-forward` and resolves once it forwards. */
async function portForward(kubeconfig: string, pod: string, localPort: number, remotePort: number) {
  const child = spawn("kubectl", [
    "--kubeconfig",
    kubeconfig,
    "port-forward",
    "-n",
    "kube-system",
    `pod/${pod}`,
    `${localPort}:${remotePort}`,
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`port-forward did not start:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Forwarding from")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", () => reject(new Error(`port-forward exited:\n${output}`)));
  });
  return { child, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill();
  });
}

for (const version of ["v1.29.8", "v1.33.2"]) {
  const minor = version.split(".")[1];
  const tunnel = minor === "29" ? "SPDY" : "WebSocket";
  describe(`port-forward over ${tunnel} (kubectl 1.${minor}) to etcd and the API server`, {
    skip: missing.length ? `not installed: ${missing.join(", ")}` : false,
  }, () => {
    let fkas: FkasProcess;
    let kubeconfig: string;
    let etcdFlags: string[];
    const name = `pf-${minor}`;
    before(async () => {
      fkas = await startFkasProcess();
      await fkas.register("default", name);
      for (const node of ["cp-1", "cp-2", "cp-3"]) {
        await fkas.updateNode({
          cluster: name,
          namespace: "default",
          nodeName: node,
          labels: CP,
          k8sversion: version,
        });
      }
      kubeconfig = (await fkas.kubeconfig("default", name)).path;
      // An etcd client certificate as KCP makes one: CN cluster-api.x-k8s.io, signed by <cluster>-etcd.
      const secrets = await (await fetch(`${fkas.control}/clusters/default/${name}/ca-secrets`))
        .text();
      const etcdSecret = parseAllDocuments(secrets).map((d) => d.toJSON()).find((s) =>
        s.metadata.name === `${name}-etcd`
      );
      const etcdCa = await loadCertificateAuthority(
        atob(etcdSecret.data["tls.crt"]),
        atob(etcdSecret.data["tls.key"]),
      );
      const client = await issueClientCertificate(etcdCa, {
        commonName: "cluster-api.x-k8s.io",
        organizations: [],
        now: new Date(),
      });
      const dir = mkdtempSync(join(tmpdir(), "fkas-etcd-"));
      const file = (fileName: string, text: string) => {
        writeFileSync(join(dir, fileName), text);
        return join(dir, fileName);
      };
      etcdFlags = [
        `--cacert=${file("ca.crt", etcdCa.certPem)}`,
        `--cert=${file("client.crt", client.certPem)}`,
        `--key=${file("client.key", client.keyPem)}`,
        "--dial-timeout=10s",
        "--command-timeout=15s",
      ];
    });
    after(() => fkas.stop());

    const etcdctl = (localPort: number, ...args: string[]) => {
      const result = spawnSync("etcdctl", [
        `--endpoints=https://127.0.0.1:${localPort}`,
        ...etcdFlags,
        ...args,
      ], {
        encoding: "utf8",
        timeout: 30_000,
        env: { ...process.env, ETCDCTL_API: "3" },
      });
      return { status: result.status, out: `${result.stdout}${result.stderr}` };
    };

    it("etcdctl member list, endpoint status and health, alarm list, move-leader, member remove", async () => {
      const localPort = await freePort(); // a local port unrelated to the cluster's (FKAS routed by it)
      const forward = await portForward(kubeconfig, "etcd-cp-1", localPort, 2379);
      try {
        // Simple output keeps the hex IDs exact (JSON output has uint64 numbers JavaScript rounds).
        const members = () =>
          etcdctl(localPort, "member", "list").out.trim().split("\n").map((line) => {
            const [id, state, name] = line.split(", ");
            return { id, state, name };
          });
        const before = members();
        assert.deepEqual(before.map((m) => m.name).sort(), ["cp-1", "cp-2", "cp-3"]);
        assert.ok(before.every((m) => /^[0-9a-f]+$/.test(m.id) && m.state === "started"));

        const status = etcdctl(localPort, "endpoint", "status");
        assert.equal(status.status, 0, status.out);
        const [, memberId, , , isLeader] = status.out.trim().split(", ");
        assert.equal(isLeader, "true", "the leader answers an endpoint without SNI");

        const health = etcdctl(localPort, "endpoint", "health");
        assert.equal(health.status, 0, health.out);
        assert.match(health.out, /is healthy/);

        const alarms = etcdctl(localPort, "alarm", "list");
        assert.equal(alarms.status, 0, alarms.out);
        assert.equal(alarms.out.trim(), "");

        const target = before.find((m) => m.name === "cp-2" && m.id !== memberId)!;
        const moved = etcdctl(localPort, "move-leader", target.id);
        assert.equal(moved.status, 0, moved.out);
        assert.match(moved.out, /Leadership transferred/);

        const removed = before.find((m) => m.name === "cp-3")!;
        const remove = etcdctl(localPort, "member", "remove", removed.id);
        assert.equal(remove.status, 0, remove.out);
        assert.deepEqual(members().map((m) => m.name).sort(), ["cp-1", "cp-2"]);
      } finally {
        await stop(forward.child);
      }
    });

    it("the API server pod's port 6443 presents the kube-apiserver certificate", async () => {
      const localPort = await freePort();
      const forward = await portForward(kubeconfig, "kube-apiserver-cp-1", localPort, 6443);
      try {
        const result = spawnSync("openssl", ["s_client", "-connect", `127.0.0.1:${localPort}`], {
          encoding: "utf8",
          input: "",
          timeout: 20_000,
        });
        assert.match(`${result.stdout}${result.stderr}`, /subject=.*CN\s*=\s*kube-apiserver/);
      } finally {
        await stop(forward.child);
      }
    });

    it("a pod that does not exist is a 404 before any upgrade; a port the pod does not serve fails cleanly", async () => {
      const missingPod = spawnSync("kubectl", [
        "--kubeconfig",
        kubeconfig,
        "port-forward",
        "-n",
        "kube-system",
        "pod/etcd-nope",
        "2379",
      ], { encoding: "utf8", timeout: 20_000 });
      assert.notEqual(missingPod.status, 0);
      assert.match(missingPod.stderr, /not found/);
      const localPort = await freePort();
      const forward = await portForward(kubeconfig, "etcd-cp-1", localPort, 2380);
      try {
        // The tunnel fails for this port; kubectl reports it and closes our connection.
        await new Promise<void>((resolve, reject) => {
          const socket = net.connect(localPort, "127.0.0.1", () => socket.write("hello"));
          socket.on("close", () => resolve());
          socket.on("error", () => resolve());
          setTimeout(() => reject(new Error("the failed tunnel was not closed")), 10_000);
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.match(forward.output(), /connection refused|error/i);
      } finally {
        await stop(forward.child);
      }
    });
  });
}
