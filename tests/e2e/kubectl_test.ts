// Real kubectl (the PATH dispatcher picks 1.27 ... 1.33 from /version) against a fake cluster, TLS verified.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { hasKubectl, kubectl } from "./kubectl_runner.ts";

const CP_LABELS = { "cluster.x-k8s.io/control-plane": "" };

describe("kubectl against a fake cluster", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  before(async () => {
    fkas = await startFkasProcess();
  });
  after(async () => {
    const code = await fkas.stop();
    // Deno's child_process reports the signal we sent instead of the exit code; the log line does not lie.
    if (code !== null) assert.equal(code, 0, "fkas exits 0 on SIGTERM");
    assert.match(fkas.output(), /"msg":"stopped"/, "fkas shuts down cleanly on SIGTERM");
  });

  for (const version of ["v1.27.16", "v1.33.2"]) {
    const minor = version.split(".")[1];
    it(`works at Kubernetes ${version} (kubectl 1.${minor})`, async () => {
      const name = `demo-${minor}`;
      await fkas.register("default", name);
      await fkas.updateNode({
        cluster: name,
        namespace: "default",
        nodeName: `${name}-cp-1`,
        labels: CP_LABELS,
        k8sversion: version,
        providerID: `fake://${name}-cp-1`,
      });
      await fkas.updateNode({
        cluster: name,
        namespace: "default",
        nodeName: `${name}-md-1`,
        labels: { "node-role.kubernetes.io/worker": "" },
        k8sversion: version,
      });
      const { path } = await fkas.kubeconfig("default", name);

      const versionOutput = JSON.parse(kubectl(path, "version", "-o", "json"));
      assert.equal(versionOutput.serverVersion.gitVersion, version);
      assert.match(versionOutput.clientVersion.gitVersion, new RegExp(`^v1\\.${minor}\\.`));

      const nodes = kubectl(path, "get", "nodes");
      assert.match(nodes, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
      assert.match(
        nodes,
        new RegExp(`${name}-cp-1\\s+Ready\\s+control-plane\\s+\\S+\\s+${version}`),
      );
      assert.match(nodes, new RegExp(`${name}-md-1\\s+Ready\\s+worker`));

      const pods = kubectl(path, "get", "pods", "-n", "kube-system");
      for (
        const component of ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"]
      ) {
        assert.match(pods, new RegExp(`${component}-${name}-cp-1\\s+1/1\\s+Running\\s+0`));
      }
      const wide = kubectl(path, "get", "nodes", "-o", "wide");
      assert.match(wide, /INTERNAL-IP/);

      const root = JSON.parse(kubectl(path, "get", "--raw", "/"));
      assert.ok(root.paths.includes("/api"));

      const missing = spawnSync("kubectl", [
        "--kubeconfig",
        path,
        "get",
        "cm",
        "nope",
        "-n",
        "kube-system",
      ], {
        encoding: "utf8",
      });
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /configmaps "nope" not found/);
    });
  }

  it("refuses a client without a certificate (TLS still verified)", async () => {
    await fkas.register("default", "locked");
    await fkas.updateNode({
      cluster: "locked",
      namespace: "default",
      nodeName: "cp-1",
      labels: CP_LABELS,
      k8sversion: "v1.32.1",
    });
    const { path, config } = await fkas.kubeconfig("default", "locked");
    const anonymous = `${path}.anonymous`;
    writeFileSync(
      anonymous,
      stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "locked", cluster: config.clusters[0].cluster }],
        users: [{ name: "nobody", user: { token: "not-a-client-certificate" } }],
        contexts: [{ name: "nobody@locked", context: { cluster: "locked", user: "nobody" } }],
        "current-context": "nobody@locked",
      }),
    );
    const refused = spawnSync("kubectl", ["--kubeconfig", anonymous, "get", "nodes"], {
      encoding: "utf8",
    });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /You must be logged in to the server/);
    assert.match(
      kubectl(path, "get", "nodes"),
      /cp-1/,
      "the same request with the certificate works",
    );
  });
});
