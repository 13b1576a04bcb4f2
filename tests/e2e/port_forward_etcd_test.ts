// kubectl port-forward (SPDY-only 1.29 and WebSocket-first 1.33) to etcd and the API server, then real etcdctl and openssl.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import net from "node:net";
import {
  etcdClientFlags,
  etcdctl as runEtcdctl,
  freePort,
  has,
  portForward,
  stop,
} from "./etcd_fixture.ts";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";

const missing = ["kubectl", "etcdctl", "openssl"].filter((tool) =>
  !has(
    tool,
    tool === "kubectl" ? ["version", "--client"] : tool === "etcdctl" ? ["version"] : ["version"],
  )
);
const CP = { "cluster.x-k8s.io/control-plane": "" };

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
      etcdFlags = await etcdClientFlags(fkas, "default", name);
    });
    after(() => fkas.stop());

    const etcdctl = (localPort: number, ...args: string[]) =>
      runEtcdctl(localPort, etcdFlags, ...args);

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
