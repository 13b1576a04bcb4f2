// The dashboard's routes through app.request(): the page, the overview and the paged cluster list.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BootTimeline, CpuUsage, createDashboardApp } from "../../src/dashboard/mod.ts";
import { type ClusterRegistry, FakeCluster } from "../../src/cluster/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };

async function setup(clusters: number, token?: string) {
  let clock = 1_000;
  const boots = new BootTimeline(() => clock++);
  const { registry } = registryWithFakeListeners({
    ports: { min: 20000, max: 20000 + clusters },
    onEvent: (event, cluster) => boots.record(`${cluster.namespace}/${cluster.name}`, event),
  });
  let cpuSeconds = 0;
  let nowSeconds = 0;
  const cpu = new CpuUsage(() => (cpuSeconds += 0.5), () => (nowSeconds += 1));
  for (let i = 0; i < clusters; i++) {
    await registry.register({ namespace: i % 2 ? "odd" : "even", name: `c${i}` });
  }
  const app = createDashboardApp({
    host: new LocalClusterHost(registry),
    token,
    residentMemoryBytes: () => 42 * 1048576,
    cpu,
    boots,
  });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await app.request(path, { headers });
    const text = await response.text();
    return {
      status: response.status,
      text,
      json: text.startsWith("{") ? JSON.parse(text) : undefined,
    };
  };
  return { registry, app, get };
}

describe("dashboard", () => {
  it("GET /ui is one self-contained page: no external scripts, styles or CDN", async () => {
    const { app } = await setup(0);
    const response = await app.request("/ui");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /text\/html/);
    const html = await response.text();
    assert.match(html, /<script type="module">/);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\//);
  });

  it("the overview counts clusters by listener state, nodes, booting machines and fault rules", async () => {
    const { registry, get } = await setup(3);
    await registry.reportNode({ namespace: "even", cluster: "c0", nodeName: "cp-1", labels: CP });
    await registry.reportNode({ namespace: "even", cluster: "c0", nodeName: "w-1", labels: {} });
    registry.get("odd", "c1")!.faults.add({ id: "x", errorCode: 503 });
    const { json } = await get("/ui/api/overview");
    assert.deepEqual(json, {
      clusters: 3,
      byListener: { pending: 2, serving: 1, stopped: 0 },
      nodes: 2,
      booting: 0,
      faultRules: 1,
      rssBytes: 42 * 1048576,
      cpuCores: 0.5,
      requestsPerSecond: 0,
      errorsPerSecond: 0,
      watches: 0,
    });
  });

  it("a cluster's detail lists its static pods and each machine's boot phases", async () => {
    const { registry, get } = await setup(1);
    await registry.reportNode({ namespace: "even", cluster: "c0", nodeName: "cp-1", labels: CP });
    await registry.reportNode({ namespace: "even", cluster: "c0", nodeName: "w-1", labels: {} });
    const { status, json } = await get("/ui/api/clusters/even/c0/detail");
    assert.equal(status, 200);
    assert.deepEqual(
      json.staticPods.map((p: { name: string }) => p.name).sort(),
      [
        "etcd-cp-1",
        "kube-apiserver-cp-1",
        "kube-controller-manager-cp-1",
        "kube-scheduler-cp-1",
      ],
    );
    assert.ok(json.staticPods.every((p: { node: string }) => p.node === "cp-1"));
    assert.deepEqual(
      json.boots.map((b: { node: string; role: string; phases: { phase: string }[] }) => [
        b.node,
        b.role,
        b.phases.map((p) => p.phase),
      ]),
      [["cp-1", "control-plane", ["node", "etcd", "apiServer"]], ["w-1", "worker", ["node"]]],
    );
    assert.equal((await get("/ui/api/clusters/even/nope/detail")).status, 404);
  });

  it("the cluster list pages and filters on the server, with the control API's fields", async () => {
    const { registry, get } = await setup(250);
    await registry.reportNode({ namespace: "even", cluster: "c10", nodeName: "cp-1", labels: CP });
    const first = (await get("/ui/api/clusters?limit=100")).json;
    assert.equal(first.total, 250);
    assert.equal(first.matched, 250);
    assert.equal(first.rows.length, 100);
    assert.deepEqual(first.rows[10], {
      namespace: "even",
      name: "c10",
      server: `https://192.0.2.10:20010`,
      kubernetesVersion: "v1.33.1",
      listener: "serving",
      nodesReady: 1,
      nodes: 1,
      booting: 0,
      faults: 0,
      requestsPerSecond: 0,
      errorsPerSecond: 0,
      watches: 0,
    });
    const last = (await get("/ui/api/clusters?limit=100&offset=200")).json;
    assert.equal(last.rows.length, 50);
    const odd = (await get("/ui/api/clusters?search=odd/c1&limit=500")).json;
    assert.ok(odd.rows.every((r: { namespace: string }) => r.namespace === "odd"));
    assert.equal(odd.matched, 1 + 5 + 50); // c1, c11..c19 odd ones, c101..c199 odd ones
    const serving = (await get("/ui/api/clusters?listener=serving")).json;
    assert.deepEqual(serving.rows.map((r: { name: string }) => r.name), ["c10"]);
    const capped = (await get("/ui/api/clusters?limit=100000")).json;
    assert.equal(capped.rows.length, 250);
    const junk = (await get("/ui/api/clusters?limit=abc&offset=-5")).json;
    assert.equal(junk.offset, 0);
    assert.equal(junk.rows.length, 100);
  });

  it("with a control token the data routes are 401 without it; the page itself is not", async () => {
    const { get } = await setup(1, "s3cret");
    assert.equal((await get("/ui")).status, 200);
    assert.equal((await get("/ui/api/overview")).status, 401);
    assert.equal((await get("/ui/api/clusters")).status, 401);
    const ok = await get("/ui/api/clusters", { Authorization: "Bearer s3cret" });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.total, 1);
  });

  it("a page of 10,000 clusters renders only its rows (well under 500 ms)", async () => {
    // Clusters still waiting for their CAs: generating 10,000 CAs would dominate the test.
    const clusters = Array.from({ length: 10_000 }, (_, i) =>
      new FakeCluster({
        namespace: "load",
        name: `c${i}`,
        host: "127.0.0.1",
        port: 20000 + i,
        defaultKubernetesVersion: "v1.33.1",
        environment: { now: () => new Date(), newUid: () => crypto.randomUUID() },
      }));
    // Only what the host reads of a registry: the clusters, built without registering them.
    const byName = new Map(clusters.map((c) => [c.resourceName, c]));
    const registry = {
      list: () => clusters,
      get: (namespace: string, name: string) => byName.get(`${namespace}/${name}`),
    } as unknown as ClusterRegistry;
    const app = createDashboardApp({ host: new LocalClusterHost(registry) });
    const get = async (path: string) => ({ json: await (await app.request(path)).json() });
    await get("/ui/api/clusters?limit=100"); // warm-up: JIT and first-use costs
    const started = performance.now();
    const page = (await get("/ui/api/clusters?limit=100&offset=5000")).json;
    const ms = performance.now() - started;
    assert.equal(page.total, 10_000);
    assert.equal(page.rows.length, 100);
    // Rendering all 10,000 views takes seconds; one page of 100 takes a few ms (loose on a busy host).
    assert.ok(ms < 500, `a page took ${ms.toFixed(1)} ms`);
  });
});
