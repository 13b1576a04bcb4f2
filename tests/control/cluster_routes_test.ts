import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { createControlApp } from "../../src/control/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };

function setup() {
  const { registry, started } = registryWithFakeListeners();
  const app = createControlApp({
    host: new LocalClusterHost(registry),
    clock: () => new Date("2026-01-02T03:04:05Z"),
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  const node = (nodeName: string, labels: Record<string, string> = {}) =>
    call("PUT", "/updateNode", { cluster: "demo", namespace: "default", nodeName, labels });
  return { call, node, registry, started };
}

describe("control API: cluster routes", () => {
  it("DELETE /clusters/{ns}/{name} frees the port for the next cluster and drops all state", async () => {
    const { call, node } = setup();
    const first = (await call("POST", "/register", { cluster: "demo", namespace: "default" })).json;
    await node("cp-1", CP);
    const deleted = await call("DELETE", "/clusters/default/demo");
    assert.equal(deleted.status, 200);
    assert.equal((await call("GET", "/clusters/default/demo")).status, 404);
    assert.equal((await node("cp-2", CP)).status, 404);
    const next = (await call("POST", "/register", { cluster: "other", namespace: "default" })).json;
    assert.equal(next.Port, first.Port, "the freed port is reused");
    assert.equal((await call("DELETE", "/clusters/default/demo")).status, 404);
  });

  it("turns Lease renewals on and off per cluster (off by default); validates the body", async () => {
    const { call, node, registry } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await node("cp-1", CP);
    const cluster = registry.get("default", "demo")!;
    const leases = registry.list()[0].catalog.byKey("coordination.k8s.io/leases")!;
    for (const name of ["kube-controller-manager", "kube-scheduler"]) {
      const lease = cluster.store.get(leases, "kube-system", name);
      assert.match((lease?.spec as { holderIdentity: string }).holderIdentity, /^cp-1_/);
    }
    const path = "/clusters/default/demo/lease-renewal";
    assert.deepEqual((await call("GET", path)).json, { leaseRenewal: false });
    assert.deepEqual((await call("PUT", path, { enabled: true })).json, { leaseRenewal: true });
    assert.equal(cluster.leaseRenewal, true);
    const bad = await call("PUT", path, { enabled: "yes" });
    assert.equal(bad.status, 400);
    assert.deepEqual((await call("PUT", path, { enabled: false })).json, { leaseRenewal: false });
    assert.equal(
      (await call("PUT", "/clusters/default/nope/lease-renewal", { enabled: true })).status,
      404,
    );
  });

  it("stops and restarts the listener (the cluster becomes unreachable, then reachable)", async () => {
    const { call, node, started } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await node("cp-1", CP);
    const stopped = await call("POST", "/clusters/default/demo/listener/stop");
    assert.equal(stopped.json.listener, "stopped");
    await node("cp-2", CP);
    assert.equal(
      (await call("GET", "/clusters/default/demo")).json.listener,
      "stopped",
      "a report does not restart it",
    );
    const restarted = await call("POST", "/clusters/default/demo/listener/start");
    assert.equal(restarted.json.listener, "serving");
    assert.equal(started.length, 2);
  });

  it("sets a node condition for MHC tests; validates the body", async () => {
    const { call, node } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await node("cp-1", CP);
    const set = await call("PUT", "/clusters/default/demo/nodes/cp-1/conditions/Ready", {
      status: "Unknown",
      reason: "NodeStatusUnknown",
    });
    assert.equal(set.status, 200);
    const ready = set.json.nodes[0].conditions.find((c: { type: string }) => c.type === "Ready");
    assert.equal(ready.status, "Unknown");
    const bad = await call("PUT", "/clusters/default/demo/nodes/cp-1/conditions/Ready", {
      status: "Maybe",
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, "status");
    const missing = await call("PUT", "/clusters/default/demo/nodes/nope/conditions/Ready", {
      status: "True",
    });
    assert.equal(missing.status, 404);
  });

  it("PUT /clusters/{ns}/{name}/kubelet sets the pod start and stop delays; bad durations are 400", async () => {
    const { call, registry } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    assert.deepEqual((await call("GET", "/clusters/default/demo/kubelet")).json, {
      podStartDelay: "0s",
      podStopDelay: "0s",
    });
    const set = await call("PUT", "/clusters/default/demo/kubelet", { podStartDelay: "1500ms" });
    assert.equal(set.status, 200);
    assert.deepEqual(set.json, { podStartDelay: "1500ms", podStopDelay: "0s" });
    assert.equal(registry.get("default", "demo")!.kubeletTiming.podStartDelayMs, 1500);
    // Each delay is set on its own; the other one stays.
    const stop = await call("PUT", "/clusters/default/demo/kubelet", { podStopDelay: "3s" });
    assert.deepEqual(stop.json, { podStartDelay: "1500ms", podStopDelay: "3s" });
    assert.equal(registry.get("default", "demo")!.kubeletTiming.podStopDelayMs, 3000);
    const badStop = await call("PUT", "/clusters/default/demo/kubelet", { podStopDelay: "2h" });
    assert.equal(badStop.status, 400);
    const bad = await call("PUT", "/clusters/default/demo/kubelet", { podStartDelay: "soon" });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, "podStartDelay");
    const long = await call("PUT", "/clusters/default/demo/kubelet", { podStartDelay: "2h" });
    assert.equal(long.status, 400);
    assert.equal((await call("PUT", "/clusters/default/nope/kubelet", {})).status, 404);
  });

  it("deletes a node with its static pods", async () => {
    const { call, node, registry } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await node("cp-1", CP);
    await node("cp-2", CP);
    assert.equal((await call("DELETE", "/clusters/default/demo/nodes/cp-2")).status, 200);
    const cluster = registry.get("default", "demo")!;
    const pods = cluster.store.list(cluster.catalog.byKey("pods")!, "kube-system").map((p) =>
      p.metadata.name
    );
    assert.ok(pods.every((name) => !name!.endsWith("cp-2")), pods.join());
    assert.deepEqual(
      (await call("GET", "/clusters/default/demo")).json.nodes.map((n: { name: string }) => n.name),
      [
        "cp-1",
      ],
    );
    assert.equal((await call("DELETE", "/clusters/default/demo/nodes/cp-2")).status, 404);
  });

  it("register accepts CAPD-style provisioning delays and rejects malformed ones", async () => {
    const { call } = setup();
    const ok = await call("POST", "/register", {
      cluster: "slow",
      namespace: "default",
      provisioning: {
        node: { startupDuration: "2s", startupJitter: "0.2" },
        apiServer: { startupDuration: "500ms" },
      },
    });
    assert.equal(ok.status, 200);
    const view = (await call("GET", "/clusters/default/slow")).json;
    assert.deepEqual(view.provisioning.node, { startupMs: 2000, jitter: 0.2 });
    assert.deepEqual(view.provisioning.etcd, { startupMs: 0, jitter: 0 });
    const bad = await call("POST", "/register", {
      cluster: "bad",
      namespace: "default",
      provisioning: { node: { startupDuration: "soon" } },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, "provisioning.node.startupDuration");
  });
});

describe("control API: kubeadm settings", () => {
  it("register takes KCP's bindPort and control-plane taints; nodes and static pods follow them", async () => {
    const { call, node, registry } = setup();
    const ok = await call("POST", "/register", {
      cluster: "demo",
      namespace: "default",
      kubeadm: {
        localAPIEndpoint: { bindPort: 6444 },
        nodeRegistration: {
          taints: [{ key: "example.com/dedicated", value: "cp", effect: "NoExecute" }],
        },
      },
    });
    assert.equal(ok.status, 200);
    const view = (await call("GET", "/clusters/default/demo")).json;
    assert.deepEqual(view.kubeadm, {
      apiServerBindPort: 6444,
      controlPlaneTaints: [{ key: "example.com/dedicated", value: "cp", effect: "NoExecute" }],
    });
    assert.equal((await node("cp-1", CP)).status, 200);
    const cluster = registry.get("default", "demo")!;
    const cp = cluster.nodeNamed("cp-1")!;
    assert.deepEqual((cp.spec as { taints: unknown }).taints, [
      { key: "example.com/dedicated", value: "cp", effect: "NoExecute" },
    ]);
    const pod = cluster.store.get(
      cluster.catalog.byKey("pods")!,
      "kube-system",
      "kube-apiserver-cp-1",
    )!;
    // deno-lint-ignore no-explicit-any
    const container = (pod.spec as any).containers[0];
    assert.deepEqual(container.ports, [{ containerPort: 6444, hostPort: 6444, protocol: "TCP" }]);
    assert.ok(container.command.includes("--secure-port=6444"));
    assert.equal(
      pod.metadata.annotations!["kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint"],
      "10.0.0.2:6444",
    );
  });

  it("an empty taint list means no control-plane taint; bad settings are a 400 naming the field", async () => {
    const { call, node, registry } = setup();
    await call("POST", "/register", {
      cluster: "demo",
      namespace: "default",
      kubeadm: { nodeRegistration: { taints: [] } },
    });
    await node("cp-1", CP);
    const cp = registry.get("default", "demo")!.nodeNamed("cp-1")!;
    assert.equal((cp.spec as { taints?: unknown }).taints, undefined);
    const cases: [unknown, string][] = [
      [{ localAPIEndpoint: { bindPort: 0 } }, "kubeadm.localAPIEndpoint.bindPort"],
      [{ localAPIEndpoint: { bindPort: 6443.5 } }, "kubeadm.localAPIEndpoint.bindPort"],
      [
        { nodeRegistration: { taints: [{ key: "a b", effect: "NoSchedule" }] } },
        "kubeadm.nodeRegistration.taints.0.key",
      ],
      [
        { nodeRegistration: { taints: [{ key: "a", effect: "Never" }] } },
        "kubeadm.nodeRegistration.taints.0.effect",
      ],
      [
        { nodeRegistration: { taints: Array(33).fill({ key: "a", effect: "NoSchedule" }) } },
        "kubeadm.nodeRegistration.taints",
      ],
    ];
    for (const [kubeadm, field] of cases) {
      const bad = await call("POST", "/register", {
        cluster: "bad",
        namespace: "default",
        kubeadm,
      });
      assert.equal(bad.status, 400, JSON.stringify(kubeadm));
      assert.equal(bad.json.field, field);
    }
  });
});

describe("control API: faults and metrics", () => {
  it("adds, lists and removes fault rules; a bad rule is a 400 naming the field", async () => {
    const { call } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const added = await call("POST", "/clusters/default/demo/faults", {
      id: "slow-lists",
      verb: "list",
      latencyMs: 200,
    });
    assert.equal(added.status, 201);
    assert.equal((await call("GET", "/clusters/default/demo/faults")).json.faults.length, 1);
    const bad = await call("POST", "/clusters/default/demo/faults", { id: "x", errorCode: 418 });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, "errorCode");
    assert.equal((await call("DELETE", "/clusters/default/demo/faults/slow-lists")).status, 200);
    assert.equal((await call("DELETE", "/clusters/default/demo/faults/slow-lists")).status, 404);
  });

  it("a cluster holds at most maxFaultRules rules: one more is a 409, replacing one is fine", async () => {
    const { registry } = registryWithFakeListeners();
    const app = createControlApp({ host: new LocalClusterHost(registry), maxFaultRules: 3 });
    const post = (body: unknown, path = "/clusters/default/demo/faults") =>
      app.request(path, { method: "POST", body: JSON.stringify(body) });
    await post({ cluster: "demo", namespace: "default" }, "/register");
    for (const id of ["a", "b", "c"]) assert.equal((await post({ id, latencyMs: 1 })).status, 201);
    const full = await post({ id: "d", latencyMs: 1 });
    assert.equal(full.status, 409);
    assert.match((await full.json()).error, /already holds 3 fault rules/);
    assert.equal((await post({ id: "b", latencyMs: 2 })).status, 201, "same id replaces");
    assert.equal(registry.get("default", "demo")!.faults.size, 3);
  });

  it("every numeric field of a fault rule is range-checked with a 400 naming it", async () => {
    const { call } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const cases: [Record<string, unknown>, string][] = [
      [{ latencyMs: 3_600_001 }, "latencyMs"],
      [{ latencyMs: -1 }, "latencyMs"],
      [{ jitterMs: 1e300 }, "jitterMs"],
      [{ errorRate: 1.5 }, "errorRate"],
      [{ errorRate: -0.1 }, "errorRate"],
      [{ errorCode: 200 }, "errorCode"],
      [{ errorCode: 500, count: 0 }, "count"],
      [{ errorCode: 500, count: 2 ** 60 }, "count"],
      [{ errorCode: 429, retryAfterSeconds: 3601 }, "retryAfterSeconds"],
      [{ latencyMs: "5" }, "latencyMs"],
    ];
    for (const [rule, field] of cases) {
      const answer = await call("POST", "/clusters/default/demo/faults", { id: "r", ...rule });
      assert.equal(answer.status, 400, JSON.stringify(rule));
      assert.equal(answer.json.field, field, JSON.stringify(rule));
    }
    assert.deepEqual((await call("GET", "/clusters/default/demo/faults")).json.faults, []);
  });

  it("serves /metrics without the token and counts control requests by route", async () => {
    const { createFkasMetrics } = await import("../../src/metrics/mod.ts");
    const { registry } = registryWithFakeListeners();
    const metrics = createFkasMetrics({
      now: () => 0,
      clusters: () => ({ clusters: 1, listeners: 0, nodes: 0 }),
    });
    const app = createControlApp({ host: new LocalClusterHost(registry), metrics, token: "t" });
    await app.request("/register", {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: JSON.stringify({ cluster: "demo", namespace: "default" }),
    });
    const scrape = await app.request("/metrics");
    assert.equal(scrape.status, 200);
    const text = await scrape.text();
    assert.match(text, /fkas_control_requests_total\{route="\/register",code="200"\} 1/);
    assert.match(text, /fkas_clusters 1/);
  });
});

describe("control API: etcd", () => {
  it("shows members and leader, moves the leader, raises alarms, makes learners", async () => {
    const { call, node } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await node("cp-1", CP);
    await node("cp-2", CP);
    await node("md-1");
    const etcd = (await call("GET", "/clusters/default/demo/etcd")).json;
    assert.deepEqual(etcd.members.map((m: { name: string }) => m.name), ["cp-1", "cp-2"]);
    assert.equal(etcd.leader, "cp-1");
    const moved = await call("PUT", "/clusters/default/demo/etcd/leader", { member: "cp-2" });
    assert.equal(moved.json.leader, "cp-2");
    const alarm = await call("PUT", "/clusters/default/demo/etcd/members/cp-1/alarms/nospace");
    assert.deepEqual(alarm.json.members.find((m: { name: string }) => m.name === "cp-1").alarms, [
      "NOSPACE",
    ]);
    await call("DELETE", "/clusters/default/demo/etcd/members/cp-1/alarms/NOSPACE");
    const learner = await call("PUT", "/clusters/default/demo/etcd/members/cp-1/learner", {
      learner: true,
    });
    assert.equal(
      learner.json.members.find((m: { name: string }) => m.name === "cp-1").isLearner,
      true,
    );
    assert.equal(
      (await call("PUT", "/clusters/default/demo/etcd/leader", { member: "nope" })).status,
      404,
    );
    assert.equal(
      (await call("PUT", "/clusters/default/demo/etcd/members/cp-1/alarms/BOOM")).status,
      400,
    );
    assert.equal((await call("GET", "/clusters/default/demo")).json.etcd.leader, "cp-2");
  });

  it("deleting a control-plane node removes its etcd member (and a new leader is elected)", async () => {
    const { call, node } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await node("cp-1", CP);
    await node("cp-2", CP);
    await call("DELETE", "/clusters/default/demo/nodes/cp-1");
    const etcd = (await call("GET", "/clusters/default/demo/etcd")).json;
    assert.deepEqual(etcd.members.map((m: { name: string }) => m.name), ["cp-2"]);
    assert.equal(etcd.leader, "cp-2");
  });
});

describe("control API: etcd without a leader", () => {
  it("PUT .../etcd/leader with null leaves the cluster leaderless until a leader is set again", async () => {
    const { call, node } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    await node("cp-1", CP);
    const leaderless = await call("PUT", "/clusters/default/demo/etcd/leader", { member: null });
    assert.equal(leaderless.status, 200);
    assert.equal(leaderless.json.leader, null);
    assert.equal(
      (await call("PUT", "/clusters/default/demo/etcd/leader", { member: "cp-1" })).json.leader,
      "cp-1",
    );
  });
});

describe("control API: fault resources and etcd client certificates", () => {
  it("a fault rule's resource must be served: pod is a 400 that suggests pods", async () => {
    const { call } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const singular = await call("POST", "/clusters/default/demo/faults", {
      id: "a",
      resource: "pod",
      errorCode: 503,
    });
    assert.equal(singular.status, 400);
    assert.equal(singular.json.field, "resource", JSON.stringify(singular.json));
    assert.match(String(singular.json.error), /no resource "pod" \(did you mean pods\?\)/);
    const group = await call("POST", "/clusters/default/demo/faults", {
      id: "b",
      resource: "app/*",
      errorCode: 503,
    });
    assert.equal(group.status, 400);
    assert.match(String(group.json.error), /no API group "app" \(did you mean apps\?\)/);
    for (
      const resource of ["pods", "apps/deployments", "apps/*", "*", "coordination.k8s.io/leases"]
    ) {
      const ok = await call("POST", "/clusters/default/demo/faults", {
        id: "c",
        resource,
        errorCode: 503,
      });
      assert.equal(ok.status, 201, `${resource}: ${JSON.stringify(ok.json)}`);
    }
  });

  it("GET etcd-client-certificate mints a client certificate signed by the cluster's etcd CA", async () => {
    const { call, registry } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const answer = await call("GET", "/clusters/default/demo/etcd-client-certificate");
    assert.equal(answer.status, 200);
    const cluster = registry.get("default", "demo")!;
    assert.equal(answer.json.ca, cluster.etcdCa.certPem);
    assert.match(String(answer.json.cert), /^-----BEGIN CERTIFICATE-----/);
    assert.match(String(answer.json.key), /^-----BEGIN (EC )?PRIVATE KEY-----/);
    const certificate = new X509Certificate(String(answer.json.cert));
    assert.ok(certificate.verify(new X509Certificate(cluster.etcdCa.certPem).publicKey));
    assert.equal(certificate.subject, "CN=fkas-etcdctl");
    const missing = await call("GET", "/clusters/default/nope/etcd-client-certificate");
    assert.equal(missing.status, 404);
  });
});
