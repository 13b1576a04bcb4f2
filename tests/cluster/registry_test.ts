import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ClusterError, type NodeReport } from "../../src/cluster/mod.ts";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import { registryWithFakeListeners } from "./registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };
const report = (nodeName: string, labels: Record<string, string> = {}) => ({
  namespace: "default",
  cluster: "demo",
  nodeName,
  labels,
  kubernetesVersion: "v1.30.2",
});
const nodesOf = (registry: ReturnType<typeof registryWithFakeListeners>["registry"]) =>
  registry.get("default", "demo")!.store.list(
    { key: "nodes", namespaced: false, tracksGeneration: false },
  ).map((n) => n.metadata.name);
// The static (mirror) pods; CoreDNS and kube-proxy pods come and go with the workload controllers.
const podsOf = (registry: ReturnType<typeof registryWithFakeListeners>["registry"]) =>
  registry.get("default", "demo")!.store.list(
    { key: "pods", namespaced: true, tracksGeneration: true },
    "kube-system",
  ).filter((p) => p.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined)
    .map((n) => n.metadata.name);

const NODES = BUILTIN_CATALOG.byKey("nodes")!;

describe("ClusterRegistry", () => {
  it("gives each cluster its own port, lowest first, and the same port on re-register", async () => {
    const { registry } = registryWithFakeListeners();
    const a = await registry.register({ namespace: "default", name: "a" });
    const b = await registry.register({ namespace: "default", name: "b" });
    const again = await registry.register({ namespace: "default", name: "a" });
    assert.deepEqual([a.port, b.port, again.port], [20000, 20001, 20000]);
    assert.equal(again, a);
    assert.equal(a.host, "192.0.2.10");
  });

  it("concurrent registers of one cluster share one registration", async () => {
    const { registry } = registryWithFakeListeners();
    const clusters = await Promise.all(
      Array.from({ length: 20 }, () => registry.register({ namespace: "ns", name: "same" })),
    );
    assert.equal(new Set(clusters).size, 1);
    assert.equal(registry.list().length, 1);
  });

  it("skips ports another process holds and reports exhaustion clearly", async () => {
    const { registry } = registryWithFakeListeners({
      ports: { min: 20000, max: 20002 },
      isPortFree: (port) => Promise.resolve(port !== 20000),
    });
    assert.equal((await registry.register({ namespace: "n", name: "a" })).port, 20001);
    assert.equal((await registry.register({ namespace: "n", name: "b" })).port, 20002);
    await assert.rejects(
      registry.register({ namespace: "n", name: "c" }),
      (e: unknown) =>
        e instanceof ClusterError && e.kind === "PortsExhausted" && /20000-20002/.test(e.message),
    );
  });

  it("a node report for an unknown cluster is NotRegistered", async () => {
    const { registry } = registryWithFakeListeners();
    await assert.rejects(
      registry.reportNode(report("cp-1", CP)),
      (e: unknown) => e instanceof ClusterError && e.kind === "NotRegistered",
    );
  });

  it("the first control plane creates its node and static pods and starts the listener once", async () => {
    const { registry, started } = registryWithFakeListeners();
    await registry.register({ namespace: "default", name: "demo" });
    const first = await registry.reportNode(report("cp-1", CP));
    assert.deepEqual(first, {
      nodeCreated: true,
      staticPodsCreated: 4,
      listenerStarted: true,
      pending: false,
    });
    await registry.reportNode(report("cp-2", CP));
    assert.equal(started.length, 1);
    assert.deepEqual(podsOf(registry), [
      "etcd-cp-1",
      "etcd-cp-2",
      "kube-apiserver-cp-1",
      "kube-apiserver-cp-2",
      "kube-controller-manager-cp-1",
      "kube-controller-manager-cp-2",
      "kube-scheduler-cp-1",
      "kube-scheduler-cp-2",
    ]);
    assert.equal(registry.get("default", "demo")!.kubernetesVersion, "v1.30.2");
  });

  it("racing and repeated reports of one node never fail or duplicate", async () => {
    const { registry, started } = registryWithFakeListeners();
    await registry.register({ namespace: "default", name: "demo" });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => registry.reportNode(report("cp-1", CP))),
    );
    assert.equal(results.filter((r) => r.nodeCreated).length, 1);
    assert.equal(started.length, 1);
    assert.deepEqual(nodesOf(registry), ["cp-1"]);
    assert.equal(podsOf(registry).length, 4);
  });

  it("a worker reported before any control plane is kept and the listener waits", async () => {
    const { registry, started } = registryWithFakeListeners();
    await registry.register({ namespace: "default", name: "demo" });
    const worker = await registry.reportNode(report("md-1"));
    assert.deepEqual(worker, {
      nodeCreated: true,
      staticPodsCreated: 0,
      listenerStarted: false,
      pending: false,
    });
    assert.equal(started.length, 0);
    assert.equal(registry.get("default", "demo")!.listenerState, "pending");
    await registry.reportNode(report("cp-1", CP));
    assert.deepEqual(nodesOf(registry), ["cp-1", "md-1"]);
  });

  it("a failed listener start is reported and retried by the next report", async () => {
    let attempts = 0;
    const { registry } = registryWithFakeListeners({
      startListener: () =>
        ++attempts === 1
          ? Promise.reject(Object.assign(new Error("address in use"), { code: "EADDRINUSE" }))
          : Promise.resolve({ close: () => Promise.resolve() }),
    });
    await registry.register({ namespace: "default", name: "demo" });
    await assert.rejects(
      registry.reportNode(report("cp-1", CP)),
      (e: unknown) => e instanceof ClusterError && e.kind === "ListenFailed",
    );
    const retry = await registry.reportNode(report("cp-1", CP));
    assert.equal(retry.listenerStarted, true);
    assert.equal(registry.get("default", "demo")!.listenerState, "serving");
  });

  it("re-registering with a different CA is a Conflict and leaves the cluster alone", async () => {
    const { registry } = registryWithFakeListeners();
    const cluster = await registry.register({ namespace: "default", name: "demo" });
    const other = await registryWithFakeListeners().registry.register({
      namespace: "x",
      name: "y",
    });
    await assert.rejects(
      registry.register({
        namespace: "default",
        name: "demo",
        ca: { certPem: other.ca.certPem, keyPem: other.ca.keyPem },
      }),
      (e: unknown) => e instanceof ClusterError && e.kind === "Conflict",
    );
    const same = await registry.register({
      namespace: "default",
      name: "demo",
      ca: { certPem: cluster.ca.certPem, keyPem: cluster.ca.keyPem },
    });
    assert.equal(same, cluster);
  });
});

describe("ClusterRegistry with provisioning delays", () => {
  it("accepts the report at once and brings the machine up phase by phase", async () => {
    const sleeps: { ms: number; wake: () => void }[] = [];
    const { registry, started } = registryWithFakeListeners({
      sleep: (ms) => new Promise((resolve) => sleeps.push({ ms, wake: () => resolve() })),
      random: () => 0.5,
    });
    await registry.register({
      namespace: "default",
      name: "demo",
      provisioning: {
        node: { startupMs: 1000, jitter: 0.2 },
        etcd: { startupMs: 400, jitter: 0 },
        apiServer: { startupMs: 600, jitter: 0 },
      },
    });
    const result = await registry.reportNode(report("cp-1", CP));
    assert.equal(result.pending, true);
    assert.deepEqual(nodesOf(registry), []);
    const again = await registry.reportNode(report("cp-1", CP));
    assert.equal(again.pending, true);
    assert.equal(sleeps.length, 1, "a repeated report does not start a second boot");
    assert.equal(sleeps[0].ms, 1100, "1000 ms + 0.5 × 0.2 × 1000 ms of jitter");
    // Each phase asks for the next one's sleep once it is done: wait for that, not for a timer.
    const until = async (what: string, condition: () => boolean) => {
      for (let i = 0; i < 500 && !condition(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      assert.ok(condition(), what);
    };
    sleeps[0].wake();
    await until("the etcd delay", () => sleeps.length === 2);
    assert.deepEqual(nodesOf(registry), [], "a control plane's Node waits for its etcd member");
    assert.deepEqual(sleeps.slice(1).map((s) => s.ms), [400]);
    sleeps[1].wake();
    await until("the API server delay", () => sleeps.length === 3);
    const cluster = registry.get("default", "demo")!;
    assert.deepEqual(nodesOf(registry), ["cp-1"]);
    assert.ok(cluster.etcd.memberNamed("cp-1"));
    assert.deepEqual(podsOf(registry), ["etcd-cp-1"]);
    assert.equal(started.length, 0);
    assert.deepEqual(sleeps.slice(2).map((s) => s.ms), [600]);
    sleeps[2].wake();
    await until("the listener", () => started.length === 1);
    assert.equal(podsOf(registry).length, 4);
    assert.equal(started.length, 1);
  });

  it("a provider's node phase past maxNodesPerCluster is LimitReached; known nodes go on", async () => {
    const { registry } = registryWithFakeListeners({ maxNodesPerCluster: 2 });
    await registry.register({ namespace: "default", name: "demo" });
    const report = (nodeName: string): NodeReport => ({
      namespace: "default",
      cluster: "demo",
      nodeName,
      labels: nodeName === "cp-1" ? { "cluster.x-k8s.io/control-plane": "" } : {},
    });
    await registry.runPhase(report("cp-1"), "node");
    // A control plane's Node registers with its etcd member, in the etcd phase.
    await registry.runPhase(report("cp-1"), "etcd");
    await registry.runPhase(report("w-1"), "node");
    await assert.rejects(
      registry.runPhase(report("w-2"), "node"),
      (error) => error instanceof ClusterError && error.kind === "LimitReached",
    );
    await registry.runPhase(report("cp-1"), "apiServer");
    assert.deepEqual(registry.get("default", "demo")!.store.count(NODES), 2);
  });
});
