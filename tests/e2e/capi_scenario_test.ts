// A cluster's life as CAPI drives it, asserted through real clients (kubectl, etcdctl) after every step.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";
import {
  etcdClientFlags,
  etcdctl,
  etcdMembers,
  freePort,
  portForward,
  stop,
} from "./etcd_fixture.ts";
import { type FkasProcess, type Kubeconfig, startFkasProcess } from "./fkas_process.ts";
import { kubectl, runKubectl } from "./kubectl_runner.ts";
import { CP, kubectlJson, missingCapiTools, request } from "./capi_fixture.ts";
import { eventually } from "./client_node_fixture.ts";

const NAME = "capi";

describe("a cluster's life as CAPI drives it", {
  skip: missingCapiTools.length ? `not installed: ${missingCapiTools.join(", ")}` : false,
}, () => {
  let fkas: FkasProcess;
  let kc: string;
  let config: Kubeconfig;
  const control = (path: string, init?: RequestInit) =>
    fetch(`${fkas.control}${path}`, init).then((r) => r.json());

  before(async () => {
    fkas = await startFkasProcess();
  });
  after(() => fkas.stop());

  it("registers, then 3 control planes and 3 workers boot with jitter", async () => {
    const registered = await fetch(`${fkas.control}/register`, {
      method: "POST",
      body: JSON.stringify({
        cluster: NAME,
        namespace: "default",
        provisioning: {
          node: { startupDuration: "300ms", startupJitter: "0.5" },
          etcd: { startupDuration: "100ms", startupJitter: "0.5" },
          apiServer: { startupDuration: "200ms", startupJitter: "0.5" },
        },
      }),
    });
    assert.equal(registered.status, 200);
    for (const node of ["cp-1", "cp-2", "cp-3", "md-1", "md-2", "md-3"]) {
      const labels = node.startsWith("cp") ? CP : {};
      await fkas.updateNode({
        cluster: NAME,
        namespace: "default",
        nodeName: node,
        labels,
        k8sversion: "v1.30.4",
        providerID: `fake://${node}`,
      });
    }
    await eventually(20_000, "every machine to boot", async () => {
      const view = await control(`/clusters/default/${NAME}`);
      return view.listener === "serving" && view.booting.length === 0 && view.nodes.length === 6;
    });
    ({ path: kc, config } = await fkas.kubeconfig("default", NAME));
    const nodes = kubectlJson(kc, "get", "nodes");
    assert.equal(nodes.items.length, 6);
    assert.ok(
      nodes.items.every((n: { status: { conditions: { type: string; status: string }[] } }) =>
        n.status.conditions.some((c) => c.type === "Ready" && c.status === "True")
      ),
    );
    const pods = kubectlJson(
      kc,
      "get",
      "pods",
      "-n",
      "kube-system",
      "-l",
      "component in (etcd,kube-apiserver,kube-controller-manager,kube-scheduler),tier=control-plane",
    );
    assert.equal(pods.items.length, 12);
    const kubeadmConfig = kubectlJson(
      kc,
      "get",
      "configmap",
      "kubeadm-config",
      "-n",
      "kube-system",
    );
    assert.match(kubeadmConfig.data.ClusterConfiguration, /kubernetesVersion: v1.30.4/);
  });

  it("the Machine controller's node patch with an optimistic lock: fresh wins, stale is a Conflict", () => {
    const node = kubectlJson(kc, "get", "node", "md-1");
    const patch = (resourceVersion: string, machine: string) =>
      runKubectl(
        kc,
        [
          "patch",
          "node",
          "md-1",
          "--type=strategic",
          "-p",
          JSON.stringify({
            metadata: {
              resourceVersion,
              annotations: {
                "cluster.x-k8s.io/machine": machine,
                "cluster.x-k8s.io/cluster-name": NAME,
              },
            },
          }),
        ],
      );
    assert.equal(patch(node.metadata.resourceVersion, "md-1-abc").status, 0);
    const stale = patch(node.metadata.resourceVersion, "md-1-def");
    assert.notEqual(stale.status, 0);
    assert.match(stale.stderr, /Conflict|the object has been modified/);
    assert.equal(
      kubectlJson(kc, "get", "node", "md-1").metadata.annotations["cluster.x-k8s.io/machine"],
      "md-1-abc",
    );
  });

  it("CABPK's bootstrap token Secret arrives as protobuf and is readable", async () => {
    const secret = encodeKubernetesProtobuf({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "bootstrap-token-abcdef", namespace: "kube-system" },
      type: "bootstrap.kubernetes.io/token",
      data: { "token-id": btoa("abcdef"), "token-secret": btoa("0123456789abcdef") },
    });
    const created = await request(
      config,
      "POST",
      "/api/v1/namespaces/kube-system/secrets",
      { body: secret, contentType: "application/vnd.kubernetes.protobuf" },
    );
    assert.equal(created.status, 201, created.body);
    const read = kubectlJson(kc, "get", "secret", "bootstrap-token-abcdef", "-n", "kube-system");
    assert.equal(read.type, "bootstrap.kubernetes.io/token");
    assert.equal(atob(read.data["token-id"]), "abcdef");
  });

  it("KCP updates kubeadm-config and patches the kube-proxy and CoreDNS images", () => {
    const configMap = kubectlJson(kc, "get", "configmap", "kubeadm-config", "-n", "kube-system");
    configMap.data.ClusterConfiguration = configMap.data.ClusterConfiguration.replace(
      "v1.30.4",
      "v1.31.1",
    );
    const replaced = runKubectl(kc, ["replace", "-f", "-"], {
      input: JSON.stringify(configMap),
    });
    assert.equal(replaced.status, 0, replaced.stderr);
    assert.match(
      kubectlJson(kc, "get", "configmap", "kubeadm-config", "-n", "kube-system").data
        .ClusterConfiguration,
      /v1.31.1/,
    );
    const stale = runKubectl(kc, ["replace", "-f", "-"], {
      input: JSON.stringify(configMap),
    });
    assert.notEqual(stale.status, 0, "a second PUT with the old resourceVersion conflicts");

    kubectl(
      kc,
      "patch",
      "daemonset",
      "kube-proxy",
      "-n",
      "kube-system",
      "--type=merge",
      "-p",
      JSON.stringify({
        spec: {
          template: {
            spec: {
              containers: [{ name: "kube-proxy", image: "registry.k8s.io/kube-proxy:v1.31.1" }],
            },
          },
        },
      }),
    );
    assert.equal(
      kubectlJson(kc, "get", "daemonset", "kube-proxy", "-n", "kube-system").spec.template.spec
        .containers[0].image,
      "registry.k8s.io/kube-proxy:v1.31.1",
    );
    kubectl(
      kc,
      "set",
      "image",
      "deployment/coredns",
      "coredns=registry.k8s.io/coredns/coredns:v1.11.3",
      "-n",
      "kube-system",
    );
    const coredns = kubectlJson(kc, "get", "deployment", "coredns", "-n", "kube-system");
    assert.equal(
      coredns.spec.template.spec.containers[0].image,
      "registry.k8s.io/coredns/coredns:v1.11.3",
    );
    assert.equal(coredns.metadata.generation, 2);
  });

  it("drains a worker with cordon and evictions, then deletes its node", () => {
    kubectl(
      kc,
      "run",
      "app",
      "--image=busybox",
      "--overrides",
      JSON.stringify({ spec: { nodeName: "md-1" } }),
    );
    const drained = kubectl(kc, "drain", "md-1", "--ignore-daemonsets", "--force", "--timeout=30s");
    assert.match(drained, /node\/md-1 drained/);
    assert.match(runKubectl(kc, ["get", "pod", "app"]).stderr, /NotFound/);
    assert.equal(kubectlJson(kc, "get", "node", "md-1").spec.unschedulable, true);
    kubectl(kc, "delete", "node", "md-1");
    assert.match(runKubectl(kc, ["get", "node", "md-1"]).stderr, /NotFound/);
  });

  it("scales down a control plane: leadership moved and member removed with etcdctl, machine deleted", async () => {
    const flags = await etcdClientFlags(fkas, "default", NAME);
    const localPort = await freePort();
    const forward = await portForward(kc, "etcd-cp-1", localPort, 2379);
    try {
      const members = etcdMembers(localPort, flags);
      assert.deepEqual(members.map((m) => m.name).sort(), ["cp-1", "cp-2", "cp-3"]);
      const leaderName = (await control(`/clusters/default/${NAME}/etcd`)).leader;
      if (leaderName === "cp-3") {
        // KCP forwards leadership away from the machine it deletes.
        const target = members.find((m) => m.name === "cp-1")!;
        const moved = etcdctl(localPort, flags, "move-leader", target.id);
        assert.equal(moved.status, 0, moved.out);
      }
      const removed = etcdctl(
        localPort,
        flags,
        "member",
        "remove",
        members.find((m) => m.name === "cp-3")!.id,
      );
      assert.equal(removed.status, 0, removed.out);
      assert.deepEqual(etcdMembers(localPort, flags).map((m) => m.name).sort(), ["cp-1", "cp-2"]);
    } finally {
      await stop(forward.child);
    }
    const deleted = await fetch(`${fkas.control}/clusters/default/${NAME}/nodes/cp-3`, {
      method: "DELETE",
    });
    assert.equal(deleted.status, 200);
    const nodes = kubectlJson(kc, "get", "nodes").items.map((n: { metadata: { name: string } }) =>
      n.metadata.name
    );
    assert.deepEqual(nodes, ["cp-1", "cp-2", "md-2", "md-3"]);
    const pods = kubectlJson(kc, "get", "pods", "-n", "kube-system", "-l", "tier=control-plane")
      .items
      .map((p: { metadata: { name: string } }) => p.metadata.name);
    assert.ok(pods.every((name: string) => !name.endsWith("cp-3")), pods.join());
    const etcd = await control(`/clusters/default/${NAME}/etcd`);
    assert.notEqual(etcd.leader, "cp-3");
  });

  it("deletes the cluster: its API server goes away and its port is free again", async () => {
    const { port } = await control(`/clusters/default/${NAME}`);
    const deleted = await fetch(`${fkas.control}/clusters/default/${NAME}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.equal((await fetch(`${fkas.control}/clusters/default/${NAME}`)).status, 404);
    const refused = runKubectl(kc, ["get", "nodes", "--request-timeout=5s"]);
    assert.notEqual(refused.status, 0);
    assert.match(
      refused.stderr + refused.stdout,
      /connection refused|unable to connect|Unable to connect|was refused/i,
      refused.stderr,
    );
    const next = await fkas.register("default", "after");
    assert.equal(next.Port, port);
  });
});
