// Pod streams and protocol details with real clients: kubectl logs/exec, and @kubernetes/client-node's
// Log, Exec, PortForward (the kubelet's WebSocket channels, no SPDY) and Watch.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Duplex, PassThrough, Readable } from "node:stream";
import { connect } from "node:tls";
import type * as K8s from "@kubernetes/client-node";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { closeClients, clusterConfig, k8s, reopenClients, within } from "./client_node_fixture.ts";
import { hasKubectl, runKubectl } from "./kubectl_runner.ts";

const TEST = { timeout: 60_000 };
const CLUSTER = "streams";
const APISERVER = `kube-apiserver-${CLUSTER}-cp-1`;

function collect(stream: PassThrough): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => text += chunk.toString("utf8"));
  return () => text;
}

describe("pod streams with real clients", () => {
  let fkas: FkasProcess;
  let kc: K8s.KubeConfig;
  let kubeconfig: string;
  before(async () => {
    reopenClients(); // Bun runs every file in one process: an earlier file closed them
    fkas = await startFkasProcess();
    kc = await clusterConfig(fkas, CLUSTER);
    kubeconfig = (await fkas.kubeconfig("default", CLUSTER)).path;
  });
  after(async () => {
    await closeClients();
    await fkas?.stop();
  });

  it("kubectl logs prints the static pod's lines; --tail picks the last", {
    ...TEST,
    skip: hasKubectl ? false : "kubectl is not installed",
  }, () => {
    const all = runKubectl(kubeconfig, ["logs", "-n", "kube-system", APISERVER]);
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /Version: v1\.33\.1/);
    const tail = runKubectl(kubeconfig, ["logs", "-n", "kube-system", APISERVER, "--tail=1"]);
    assert.equal(tail.stdout.trimEnd().split("\n").length, 1);
    const missing = runKubectl(kubeconfig, ["logs", "-n", "kube-system", APISERVER, "-c", "nope"]);
    assert.notEqual(missing.status, 0);
    assert.match(
      missing.stderr,
      new RegExp(`container nope is not valid for pod ${APISERVER}`),
    );
  });

  it("kubectl exec ends with the node's error, not a hang or a 404", {
    ...TEST,
    skip: hasKubectl ? false : "kubectl is not installed",
  }, () => {
    const result = runKubectl(kubeconfig, ["exec", "-n", "kube-system", APISERVER, "--", "ls"]);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /Internal error occurred: error executing command in container/);
  });

  it("kubectl 1.27 exec (SPDY) ends with the same error from the error stream", {
    ...TEST,
    skip: hasKubectl ? false : "kubectl is not installed",
  }, async () => {
    await fkas.register("default", "streams-old");
    await fkas.updateNode({
      cluster: "streams-old",
      namespace: "default",
      nodeName: "streams-old-cp-1",
      labels: { "cluster.x-k8s.io/control-plane": "" },
      k8sversion: "v1.27.16",
    });
    const old = (await fkas.kubeconfig("default", "streams-old")).path;
    const result = runKubectl(old, [
      "exec",
      "-n",
      "kube-system",
      "kube-apiserver-streams-old-cp-1",
      "--",
      "ls",
    ]);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /Internal error occurred: error executing command in container/);
  });

  it("client-node Log streams the lines", TEST, async () => {
    const out = new PassThrough();
    const text = collect(out);
    const request = await new k8s.Log(kc).log("kube-system", APISERVER, "kube-apiserver", out, {
      tailLines: 2,
    });
    await within(10_000, new Promise((resolve) => out.on("finish", resolve)), "log end");
    request.abort();
    assert.equal(text().trimEnd().split("\n").length, 2);
  });

  it("client-node Exec gets the InternalError Status on the error channel", TEST, async () => {
    const status = await within(
      10_000,
      new Promise<K8s.V1Status>((resolve, reject) => {
        new k8s.Exec(kc).exec(
          "kube-system",
          APISERVER,
          "kube-apiserver",
          ["ls"],
          new PassThrough(),
          new PassThrough(),
          null,
          false,
          (status) => resolve(status),
        ).catch(reject);
      }),
      "exec status",
    );
    assert.equal(status.status, "Failure");
    assert.equal(status.reason, "InternalError");
    assert.match(status.message ?? "", /^Internal error occurred: error executing command/);
  });

  it(
    "client-node PortForward (WebSocket channels) carries a TLS handshake to the API server",
    TEST,
    async () => {
      const output = new PassThrough();
      const errors = new PassThrough();
      const failed = collect(errors);
      const input = new Readable({ read() {} });
      const socket = await new k8s.PortForward(kc).portForward(
        "kube-system",
        APISERVER,
        [6443],
        output,
        errors,
        input,
      );
      // The tunnel as a socket for node:tls: writes go in, the data channel comes out.
      const tunnel = new Duplex({
        read() {},
        write(chunk, _encoding, done) {
          input.push(chunk);
          done();
        },
      });
      output.on("data", (chunk: Buffer) => tunnel.push(chunk));
      const tls = connect({ socket: tunnel, rejectUnauthorized: false, servername: "kubernetes" });
      const subject = await within(
        10_000,
        new Promise<string>((resolve, reject) => {
          tls.once("secureConnect", () => resolve(String(tls.getPeerCertificate().subject?.CN)));
          tls.once("error", reject);
        }),
        "TLS through the tunnel",
      );
      tls.destroy();
      (socket as { close(): void }).close();
      assert.equal(failed(), "");
      assert.equal(subject, "kube-apiserver");
    },
  );

  it("a watch started with watch=True (any value but 0/false) streams events", TEST, async () => {
    const events: string[] = [];
    const watch = new k8s.Watch(kc);
    const controller = await watch.watch(
      "/api/v1/namespaces/kube-system/pods",
      { watch: "True" },
      (type) => events.push(type),
      () => {},
    );
    const deadline = Date.now() + 10_000;
    while (events.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort();
    assert.ok(events.includes("ADDED"), JSON.stringify(events));
  });
});
