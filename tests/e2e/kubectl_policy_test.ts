// Real kubectl sees what kube-apiserver and kube-controller-manager keep: bootstrap RBAC, default/kubernetes, default SAs.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { hasKubectl, kubectl } from "./kubectl_runner.ts";

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`Timed out waiting for ${what}`);
}

describe("kubectl sees the cluster's own objects", {
  skip: hasKubectl ? false : "kubectl is not installed",
}, () => {
  let fkas: FkasProcess;
  let path: string;
  let otherPath: string;
  before(async () => {
    fkas = await startFkasProcess(["--bootstrap-policy"]);
    for (const cluster of ["policy", "other"]) {
      await fkas.register("default", cluster);
      for (const [node, role] of [[`${cluster}-cp-1`, "cp"], [`${cluster}-md-1`, "md"]]) {
        await fkas.updateNode({
          cluster,
          namespace: "default",
          nodeName: node,
          labels: role === "cp" ? { "cluster.x-k8s.io/control-plane": "" } : {},
          k8sversion: "v1.33.2",
        });
      }
    }
    path = (await fkas.kubeconfig("default", "policy")).path;
    otherPath = (await fkas.kubeconfig("default", "other")).path;
  });
  after(async () => {
    await fkas.stop();
  });

  it("get clusterroles,clusterrolebindings lists the bootstrap policy, aggregated roles filled", () => {
    const roles = kubectl(path, "get", "clusterroles,clusterrolebindings", "-o", "name");
    for (
      const name of [
        "clusterrole.rbac.authorization.k8s.io/cluster-admin",
        "clusterrole.rbac.authorization.k8s.io/admin",
        "clusterrole.rbac.authorization.k8s.io/system:node",
        "clusterrole.rbac.authorization.k8s.io/system:controller:deployment-controller",
        "clusterrolebinding.rbac.authorization.k8s.io/cluster-admin",
        "clusterrolebinding.rbac.authorization.k8s.io/kubeadm:get-nodes",
      ]
    ) assert.ok(roles.includes(`${name}\n`), name);
    const view = JSON.parse(kubectl(path, "get", "clusterrole", "view", "-o", "json"));
    assert.equal(view.metadata.annotations["rbac.authorization.kubernetes.io/autoupdate"], "true");
    assert.equal(view.metadata.labels["kubernetes.io/bootstrapping"], "rbac-defaults");
    const rules = (name: string) =>
      JSON.parse(kubectl(path, "get", "clusterrole", name, "-o", "json")).rules.length;
    // What 1.33's aggregation gives: view 10 rules, edit 23, admin 25.
    assert.deepEqual([rules("view"), rules("edit"), rules("admin")], [10, 23, 25]);
    const bindings = kubectl(path, "get", "rolebindings", "-n", "kube-system");
    assert.match(bindings, /system::leader-locking-kube-controller-manager\s/);
  });

  it("seeded roles (whose rules and labels clusters share) take labels, annotations and patches like any", () => {
    kubectl(path, "label", "clusterrole", "view", "example.com/team=a");
    kubectl(path, "annotate", "clusterrole", "view", "example.com/note=x");
    kubectl(
      path,
      "patch",
      "clusterrole",
      "system:basic-user",
      "--type=json",
      '-p=[{"op":"add","path":"/rules/0/verbs/-","value":"list"}]',
    );
    kubectl(
      path,
      "patch",
      "clusterrolebinding",
      "system:basic-user",
      "--type=merge",
      '-p={"metadata":{"labels":{"example.com/x":"y"}}}',
    );
    const view = JSON.parse(kubectl(path, "get", "clusterrole", "view", "-o", "json"));
    assert.equal(view.metadata.labels["example.com/team"], "a");
    const basic = JSON.parse(
      kubectl(path, "get", "clusterrole", "system:basic-user", "-o", "json"),
    );
    assert.ok(basic.rules[0].verbs.includes("list"));
    // Another cluster of the same minor keeps upstream's objects untouched.
    const other = JSON.parse(
      kubectl(otherPath, "get", "clusterrole", "system:basic-user", "-o", "json"),
    );
    assert.ok(!other.rules[0].verbs.includes("list"));
    const otherView = JSON.parse(kubectl(otherPath, "get", "clusterrole", "view", "-o", "json"));
    assert.equal(otherView.metadata.labels["example.com/team"], undefined);
  });

  it("auth can-i answers from the seeded policy (system:basic-user, view via aggregation)", () => {
    const canI = (...args: string[]) =>
      spawnSync("kubectl", ["--kubeconfig", path, "auth", "can-i", ...args], {
        encoding: "utf8",
        timeout: 60_000,
      }).stdout.trim();
    // system:basic-user is bound to system:authenticated by the bootstrap policy.
    assert.equal(canI("create", "selfsubjectaccessreviews", "--as=jane"), "yes");
    assert.equal(canI("list", "pods", "--as=jane"), "no");
    kubectl(path, "create", "rolebinding", "jane-view", "--clusterrole=view", "--user=jane");
    assert.equal(canI("list", "pods", "--as=jane"), "yes");
    assert.equal(canI("create", "pods", "--as=jane"), "no");
  });

  it("get flowschemas,prioritylevelconfigurations shows the APF defaults as kube-apiserver prints them", () => {
    const out = kubectl(path, "get", "flowschemas,prioritylevelconfigurations");
    const lines = out.split("\n");
    assert.match(
      lines[0],
      /^NAME\s+PRIORITYLEVEL\s+MATCHINGPRECEDENCE\s+DISTINGUISHERMETHOD\s+AGE\s+MISSINGPL$/,
    );
    // Sorted by matching precedence, as printFlowSchemaList does.
    assert.match(
      lines[1],
      /^flowschema\.flowcontrol\.apiserver\.k8s\.io\/exempt\s+exempt\s+1\s+<none>\s+\S+\s+False$/,
    );
    assert.match(lines[2], /^flowschema\.\S+\/probes\s+exempt\s+2\s/);
    assert.match(out, /flowschema\.\S+\/catch-all\s+catch-all\s+10000\s+ByUser\s+\S+\s+False\n\n/);
    assert.match(
      out,
      /\nNAME\s+TYPE\s+NOMINALCONCURRENCYSHARES\s+QUEUES\s+HANDSIZE\s+QUEUELENGTHLIMIT\s+AGE\n/,
    );
    assert.match(
      out,
      /prioritylevelconfiguration\.\S+\/exempt\s+Exempt\s+<none>\s+<none>\s+<none>\s+<none>\s/,
    );
    assert.match(
      out,
      /prioritylevelconfiguration\.\S+\/workload-low\s+Limited\s+100\s+128\s+6\s+50\s/,
    );
    const schema = JSON.parse(
      kubectl(path, "get", "flowschema", "system-nodes", "-o", "json", "--show-managed-fields"),
    );
    assert.equal(schema.apiVersion, "flowcontrol.apiserver.k8s.io/v1");
    assert.equal(schema.metadata.annotations["apf.kubernetes.io/autoupdate-spec"], "true");
    assert.deepEqual(
      schema.metadata.managedFields.map((e: { manager: string }) => e.manager),
      [
        "api-priority-and-fairness-config-consumer-v1",
        "api-priority-and-fairness-config-producer-v1",
      ],
    );
  });

  it("get svc kubernetes and its endpointslice point at the control plane's API port", () => {
    const svc = kubectl(path, "get", "svc", "kubernetes");
    assert.match(svc, /kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
    const slices = kubectl(path, "get", "endpointslices", "-n", "default");
    assert.match(slices, /kubernetes\s+IPv4\s+6443\s+10\.0\.0\.\d+\s/);
    const endpoints = JSON.parse(kubectl(path, "get", "endpoints", "kubernetes", "-o", "json"));
    assert.equal(endpoints.subsets[0].addresses.length, 1, "the worker is no API server");
  });

  it("get sa -A shows `default` in every namespace, and in new ones", async () => {
    const accounts = kubectl(path, "get", "sa", "-A");
    for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system"]) {
      assert.match(accounts, new RegExp(`${ns}\\s+default\\s`));
    }
    kubectl(path, "create", "namespace", "team");
    await eventually(
      () =>
        kubectl(path, "get", "sa", "-n", "team", "-o", "name").includes("serviceaccount/default"),
      "the default ServiceAccount in team",
    );
  });

  it("a Pod naming a missing ServiceAccount is refused with 403 as kube-apiserver does", () => {
    const run = spawnSync("kubectl", [
      "--kubeconfig",
      path,
      "run",
      "p",
      "--image=busybox",
      '--overrides={"spec":{"serviceAccountName":"ghost"}}',
    ], { encoding: "utf8", timeout: 60_000 });
    assert.notEqual(run.status, 0);
    assert.match(
      run.stderr,
      /Error from server \(Forbidden\): pods "p" is forbidden: error looking up service account default\/ghost: serviceaccount "ghost" not found/,
    );
  });
});
