// What CAPI v1.13 and v1.14 check on a workload cluster (issue 13), through kubectl, etcdctl and
// raw client-go-style requests: versions on in-place upgrades, etcd before Nodes, taints, the
// API server's bind port, add-on kinds, the kubeadm CRB and WatchList on every cached resource.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import https from "node:https";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
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
import { kubectl } from "./kubectl_runner.ts";
import { CP, kubectlJson, missingCapiTools, request } from "./capi_fixture.ts";
import { eventually } from "./client_node_fixture.ts";
import { ScratchDir } from "./_scratch_dir.ts";

const NAME = "delta";
const ADDONS = new URL("./addons/", import.meta.url).pathname;

describe("what CAPI v1.13/v1.14 checks on a workload cluster", {
  skip: missingCapiTools.length ? `not installed: ${missingCapiTools.join(", ")}` : false,
}, () => {
  let fkas: FkasProcess;
  let kc: string;
  let config: Kubeconfig;
  // deno-lint-ignore no-explicit-any
  const view = (): Promise<any> =>
    fetch(`${fkas.control}/clusters/default/${NAME}`).then((r) => r.json());
  const report = (nodeName: string, version?: string, labels: Record<string, string> = {}) =>
    fkas.updateNode({
      cluster: NAME,
      namespace: "default",
      nodeName,
      labels,
      providerID: `fake://${nodeName}`,
      ...(version ? { k8sversion: version } : {}),
    });
  const booted = async (count: number) =>
    await eventually(20_000, `${count} machines`, async () => {
      const state = await view();
      return state.listener === "serving" && state.booting.length === 0 &&
        state.nodes.length === count;
    });

  before(async () => {
    fkas = await startFkasProcess();
    const registered = await fetch(`${fkas.control}/register`, {
      method: "POST",
      body: JSON.stringify({
        cluster: NAME,
        namespace: "default",
        kubeadm: { localAPIEndpoint: { bindPort: 6444 } },
        provisioning: {
          node: { startupDuration: "100ms", startupJitter: "0.5" },
          etcd: { startupDuration: "100ms", startupJitter: "0.5" },
          apiServer: { startupDuration: "100ms", startupJitter: "0.5" },
        },
      }),
    });
    assert.equal(registered.status, 200);
    await report("cp-1", "v1.33.1", CP);
    await report("cp-2", "v1.33.1", CP);
    await report("md-1", "v1.33.1");
    await report("md-2");
    await booted(4);
    ({ path: kc, config } = await fkas.kubeconfig("default", NAME));
  });
  // The files of a certificate made with openssl, as KCP makes it.
  const kcpEtcd = new ScratchDir("fkas-kcp-etcd-");
  after(() => {
    kcpEtcd.remove();
    return fkas.stop();
  });

  it("in-place upgrade: kubeletVersion, static pod images and /version follow the re-reported versions", async () => {
    const versionOf = (node: string) =>
      kubectlJson(kc, "get", "node", node).status.nodeInfo.kubeletVersion;
    const serverVersion = () => kubectlJson(kc, "version").serverVersion.gitVersion;
    assert.equal(versionOf("cp-1"), "v1.33.1");
    assert.equal(versionOf("md-2"), "", "a report without k8sversion invents no version");
    assert.equal(serverVersion(), "v1.33.1");

    await report("cp-1", "v1.34.0", CP);
    await report("md-1", "v1.34.0");
    const cp1 = kubectlJson(kc, "get", "node", "cp-1");
    assert.equal(cp1.status.nodeInfo.kubeletVersion, "v1.34.0");
    assert.equal(cp1.status.nodeInfo.kubeProxyVersion, "v1.34.0");
    assert.equal(versionOf("md-1"), "v1.34.0");
    const apiserver = kubectlJson(kc, "get", "pod", "-n", "kube-system", "kube-apiserver-cp-1");
    assert.equal(apiserver.spec.containers[0].image, "registry.k8s.io/kube-apiserver:v1.34.0");
    assert.equal(serverVersion(), "v1.33.1", "cp-2 still runs v1.33.1");

    await report("cp-2", "v1.34.0", CP);
    assert.equal(serverVersion(), "v1.34.0");
    await report("md-2");
    assert.equal(versionOf("md-2"), "");
    const nodes = kubectl(
      kc,
      "get",
      "nodes",
      "-o",
      "custom-columns=NAME:.metadata.name,V:.status.nodeInfo.kubeletVersion",
    );
    assert.match(nodes, /cp-1\s+v1\.34\.0/);
  });

  it("a joining control plane's etcd member exists before its Node is visible; etcdctl lists every control plane", async () => {
    await report("cp-3", "v1.34.0", CP);
    await eventually(20_000, "the Node cp-3", async () => {
      const node = await request(config, "GET", "/api/v1/nodes/cp-3");
      if (node.status !== 200) return false;
      const members = (await view()).etcd.members.map((m: { name: string }) => m.name);
      assert.ok(members.includes("cp-3"), `Node cp-3 visible before its member: ${members}`);
      const pod = await request(config, "GET", "/api/v1/namespaces/kube-system/pods/etcd-cp-3");
      assert.equal(pod.status, 200, "the etcd pod comes with the Node");
      return true;
    });
    await booted(5);
    const local = await freePort();
    const forward = await portForward(kc, "etcd-cp-1", local, 2379);
    try {
      const flags = await etcdClientFlags(fkas, "default", NAME);
      const names = etcdMembers(local, flags).map((m) => m.name).sort();
      assert.deepEqual(names, ["cp-1", "cp-2", "cp-3"]);
    } finally {
      await stop(forward.child);
    }
  });

  it("KCP's etcd client certificate (serial 0, RSA, KeyUsage digitalSignature only) is accepted", async () => {
    const secrets = await (await fetch(`${fkas.control}/clusters/default/${NAME}/ca-secrets`))
      .text();
    const etcd = parseAllDocuments(secrets).map((d) => d.toJSON()).find((s) =>
      s.metadata.name === `${NAME}-etcd`
    );
    const path = (name: string) => join(kcpEtcd.path, name);
    writeFileSync(path("ca.crt"), atob(etcd.data["tls.crt"]));
    writeFileSync(path("ca.key"), atob(etcd.data["tls.key"]));
    writeFileSync(
      path("ext.cnf"),
      "keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n",
    );
    // As KCP's etcd client certificate: CN cluster-api.x-k8s.io, serial number 0.
    const openssl = (...args: string[]) => {
      const result = spawnSync("openssl", args, { encoding: "utf8" });
      assert.equal(result.status, 0, result.stderr);
    };
    openssl("genrsa", "-out", path("client.key"), "2048");
    openssl(
      "req",
      "-new",
      "-key",
      path("client.key"),
      "-subj",
      "/CN=cluster-api.x-k8s.io",
      "-out",
      path("client.csr"),
    );
    openssl(
      "x509",
      "-req",
      "-in",
      path("client.csr"),
      "-CA",
      path("ca.crt"),
      "-CAkey",
      path("ca.key"),
      "-set_serial",
      "0",
      "-days",
      "1",
      "-extfile",
      path("ext.cnf"),
      "-out",
      path("client.crt"),
    );
    const local = await freePort();
    const forward = await portForward(kc, "etcd-cp-1", local, 2379);
    try {
      const flags = [
        `--cacert=${path("ca.crt")}`,
        `--cert=${path("client.crt")}`,
        `--key=${path("client.key")}`,
        "--dial-timeout=10s",
      ];
      const members = etcdctl(local, flags, "member", "list");
      assert.equal(members.status, 0, members.out);
      assert.match(members.out, /cp-1/);
      const status = etcdctl(local, flags, "endpoint", "status");
      assert.equal(status.status, 0, status.out);
    } finally {
      await stop(forward.child);
    }
  });

  it("control planes carry the role label and NoSchedule taint KCP's NodeKubeadmLabelsAndTaintsSet wants", () => {
    const cp = kubectlJson(kc, "get", "node", "cp-1");
    assert.equal(cp.metadata.labels["node-role.kubernetes.io/control-plane"], "");
    assert.deepEqual(cp.spec.taints, [
      { key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" },
    ]);
    const worker = kubectlJson(kc, "get", "node", "md-1");
    assert.equal(worker.spec.taints, undefined);
  });

  it("port-forward to kube-apiserver-<node> answers on the cluster's bindPort (6444), not 6443", async () => {
    const pod = kubectlJson(kc, "get", "pod", "-n", "kube-system", "kube-apiserver-cp-1");
    assert.ok(pod.spec.containers[0].command.includes("--secure-port=6444"));
    const local = await freePort();
    const forward = await portForward(kc, "kube-apiserver-cp-1", local, 6444);
    try {
      const version = await new Promise<string>((resolve, reject) => {
        https.get({
          host: "127.0.0.1",
          port: local,
          path: "/version",
          rejectUnauthorized: false,
          cert: atob(config.users[0].user["client-certificate-data"]),
          key: atob(config.users[0].user["client-key-data"]),
        }, (res) => {
          let text = "";
          res.on("data", (chunk) => text += chunk);
          res.on("end", () => resolve(text));
        }).on("error", reject);
      });
      assert.equal(JSON.parse(version).gitVersion, "v1.34.0");
    } finally {
      await stop(forward.child);
    }
    const wrong = await freePort();
    const refused = await portForward(kc, "kube-apiserver-cp-1", wrong, 6443);
    try {
      const failed = await new Promise<boolean>((resolve) => {
        https.get({ host: "127.0.0.1", port: wrong, path: "/version", rejectUnauthorized: false })
          .on("response", () => resolve(false))
          .on("error", () => resolve(true));
      });
      assert.ok(failed, "nothing listens on 6443 when the bind port is 6444");
    } finally {
      await stop(refused.child);
    }
  });

  it("applies the kinds of Calico, Cilium and a CSI driver, and serves what drain reads", async () => {
    for (
      const manifest of ["calico.yaml", "calico-ippool.yaml", "cilium.yaml", "csi-driver.yaml"]
    ) {
      kubectl(kc, "apply", "-f", `${ADDONS}${manifest}`);
    }
    const kinds = [
      "statefulsets",
      "replicasets",
      "jobs",
      "cronjobs",
      "storageclasses",
      "csidrivers",
      "csinodes",
      "priorityclasses",
      "networkpolicies",
      "validatingwebhookconfigurations",
      "mutatingwebhookconfigurations",
      "ingressclasses",
      "endpointslices",
      "persistentvolumes",
      "persistentvolumeclaims",
      "volumeattachments",
      "ippools.crd.projectcalico.org",
    ];
    for (const kind of kinds) {
      const list = kubectlJson(kc, "get", kind, "-A");
      assert.ok(list.items.length >= 1, `${kind}: ${list.items.length} items`);
    }
    assert.match(
      kubectl(kc, "get", "sc"),
      /nfs-csi \(default\)\s+nfs\.csi\.k8s\.io\s+Delete\s+Immediate\s+true/,
    );
    assert.match(kubectl(kc, "get", "pv"), /pv-nfs\s+10Gi\s+RWX\s+Retain/);
    assert.match(
      kubectl(kc, "get", "pc", "cilium-critical"),
      /cilium-critical\s+1000000000\s+false/,
    );
    // Drain's volume wait: VolumeAttachments, then PersistentVolumes, both paged.
    const pvs = JSON.parse(kubectl(kc, "get", "--raw", "/api/v1/persistentvolumes?limit=100"));
    assert.equal(pvs.kind, "PersistentVolumeList");
    const attachments = JSON.parse(
      kubectl(kc, "get", "--raw", "/apis/storage.k8s.io/v1/volumeattachments?limit=100"),
    );
    assert.equal(attachments.items[0].spec.nodeName, "cp-1");
    // As client-go asks (controller-runtime's default Accept): the answer may be protobuf.
    const asCapi = await request(config, "GET", "/api/v1/persistentvolumes?limit=100", {
      accept: "application/vnd.kubernetes.protobuf, */*",
    });
    assert.equal(asCapi.status, 200);
    assert.equal(asCapi.contentType, "application/vnd.kubernetes.protobuf");
    const resources = kubectl(kc, "api-resources", "--api-group=batch", "-o", "name");
    assert.match(resources, /cronjobs\.batch/);
  });

  it("KCP's kubeadm:apiserver-kubelet-client CRB (protobuf POST) is created and LIST+WATCHable", async () => {
    const crb = encodeKubernetesProtobuf({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "kubeadm:apiserver-kubelet-client" },
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "system:kubelet-api-admin",
      },
      subjects: [{
        apiGroup: "rbac.authorization.k8s.io",
        kind: "User",
        name: "kube-apiserver-kubelet-client",
      }],
    });
    const created = await request(
      config,
      "POST",
      "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
      {
        body: crb,
        contentType: "application/vnd.kubernetes.protobuf",
      },
    );
    assert.equal(created.status, 201, created.body);
    const again = await request(
      config,
      "POST",
      "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
      {
        body: crb,
        contentType: "application/vnd.kubernetes.protobuf",
      },
    );
    assert.equal(
      again.status,
      409,
      "a second rollout's create is AlreadyExists, which KCP ignores",
    );
    const read = kubectlJson(kc, "get", "clusterrolebinding", "kubeadm:apiserver-kubelet-client");
    assert.equal(read.roleRef.name, "system:kubelet-api-admin");
  });

  it("WatchList (client-go >= 0.35) on every resource CAPI caches ends its initial events with the bookmark", async () => {
    const WATCHLIST = "watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan" +
      "&allowWatchBookmarks=true&timeoutSeconds=30";
    const selector = encodeURIComponent(
      "component in (etcd,kube-apiserver,kube-controller-manager,kube-scheduler),tier=control-plane",
    );
    const cases: [string, string][] = [
      ["/api/v1/nodes", "cp-1"],
      [`/api/v1/namespaces/kube-system/pods?labelSelector=${selector}`, "etcd-cp-1"],
      [
        "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
        "kubeadm:apiserver-kubelet-client",
      ],
      ["/api/v1/namespaces", "kube-system"],
      ["/apis/crd.projectcalico.org/v1/ippools", "default-ipv4-ippool"],
      ["/apis/apps/v1/statefulsets", "csi-nfs-controller"],
      ["/apis/storage.k8s.io/v1/storageclasses", "nfs-csi"],
    ];
    for (const [path, expected] of cases) {
      const url = `${path}${path.includes("?") ? "&" : "?"}${WATCHLIST}`;
      const answer = await request(config, "GET", url, {
        until: (text) => text.includes("k8s.io/initial-events-end"),
      });
      assert.equal(answer.status, 200, `${path}: ${answer.body}`);
      const events = answer.body.trim().split("\n").map((line) => JSON.parse(line));
      const last = events.at(-1);
      assert.equal(last.type, "BOOKMARK", path);
      assert.equal(last.object.metadata.annotations["k8s.io/initial-events-end"], "true", path);
      const added = events.slice(0, -1);
      assert.ok(added.every((e: { type: string }) => e.type === "ADDED"), path);
      if (expected) {
        assert.ok(
          added.some((e: { object: { metadata: { name: string } } }) =>
            e.object.metadata.name === expected
          ),
          `${path}: ${expected} among the initial events`,
        );
      }
    }
  });
});
