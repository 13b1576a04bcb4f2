import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ServiceAccountKey } from "../../src/auth/mod.ts";
import { createKubeApp, type KubeBindings } from "../../src/kube/mod.ts";
import { BUILTIN_RESOURCES, ClusterCatalog } from "../../src/resources/mod.ts";
import { renderNamespace, renderNode, SYSTEM_NAMESPACES } from "../../src/seed/mod.ts";
import { ObjectStore } from "../../src/store/mod.ts";

const NOW = new Date("2026-01-02T03:04:05Z");
const byName = (name: string) => BUILTIN_RESOURCES.find((r) => r.key === name)!;

function cluster() {
  let uid = 0;
  const store = new ObjectStore({ now: () => NOW, newUid: () => `uid-${++uid}` });
  for (const ns of SYSTEM_NAMESPACES) store.create(byName("namespaces"), renderNamespace(ns));
  store.create(
    byName("nodes"),
    renderNode({
      name: "cp-1",
      labels: {},
      kubeletVersion: "v1.30.2",
      controlPlane: true,
      internalIP: "10.0.0.2",
      systemUUID: "u",
      now: NOW,
    }),
  );
  store.create(byName("configmaps"), {
    metadata: { name: "kubeadm-config", namespace: "kube-system" },
    data: { ClusterConfiguration: "" },
  });
  return {
    store,
    kubernetesVersion: "v1.30.2",
    serverAddress: "127.0.0.1:20000",
    catalog: new ClusterCatalog(),
  };
}

const admin: KubeBindings["client"] = {
  authenticated: true,
  user: "kubernetes-admin",
  groups: ["system:masters"],
};
const anonymous: KubeBindings["client"] = { authenticated: false, groups: [] };

function setup(options: { anonymousAuth?: boolean } = {}) {
  const app = createKubeApp({
    now: () => new Date(NOW.getTime() + 90_000),
    anonymousAuth: !!options.anonymousAuth,
  });
  const bindings = { cluster: cluster(), client: admin };
  const request = async (path: string, init: RequestInit = {}, client = admin) => {
    const response = await app.request(path, init, { ...bindings, client });
    return {
      status: response.status,
      body: await response.json().catch(() => undefined),
      response,
    };
  };
  return { request, bindings };
}

describe("kube app", () => {
  it("GET / lists root paths with 200 (the ClusterCache health probe)", async () => {
    const { request } = setup();
    const { status, body } = await request("/");
    assert.equal(status, 200);
    assert.ok(body.paths.includes("/api/v1"));
    assert.ok(body.paths.includes("/apis/apps/v1"));
  });

  it("GET / and /index.html answer kube-apiserver v1.36.3's list, but for the pages fkas does not serve", async () => {
    // kube-apiserver v1.36.3's answer to GET / (its default API groups), with a newline added.
    const upstream = readFileSync(new URL("_root_paths_v1.36.3.json", import.meta.url), "utf8");
    const unserved = ["/flagz", "/statusz"];
    const expected = upstream.trimEnd().split("\n")
      .filter((line) => !unserved.some((path) => line.includes(`"${path}"`)))
      .join("\n");
    assert.ok(expected.includes('"/metrics/slis"'));
    const app = createKubeApp({ now: () => NOW, anonymousAuth: false });
    const bindings = { cluster: cluster(), client: admin };
    bindings.cluster.catalog.useVersion("v1.36.3");
    for (const path of ["/", "/index.html"]) {
      const response = await app.request(path, {}, bindings);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "application/json");
      assert.equal(await response.text(), expected, path);
    }
  });

  it("serves every path GET / lists", async () => {
    const app = createKubeApp({ now: () => NOW, anonymousAuth: false });
    // A fake cluster has its service account key (for /openid/v1/jwks).
    const key = ServiceAccountKey.generate();
    const bindings = { cluster: { ...cluster(), serviceAccountKey: () => key }, client: admin };
    const index = await app.request("/", {}, bindings);
    for (const path of (await index.json()).paths as string[]) {
      const { status } = await app.request(path, {}, bindings);
      // A prefix's own path: kube-apiserver v1.36.3 answers it 404 too.
      assert.equal(status, path === "/openapi/v3/" ? 404 : 200, path);
    }
  });

  it("/version reports the cluster's Kubernetes version", async () => {
    const { body } = await setup().request("/version");
    assert.equal(body.gitVersion, "v1.30.2");
    assert.equal(body.major, "1");
    assert.equal(body.minor, "30");
  });

  it("refuses unauthenticated clients with a 401 Status, except public info paths", async () => {
    const { request } = setup();
    const denied = await request("/api/v1/nodes", {}, anonymous);
    assert.equal(denied.status, 401);
    assert.deepEqual(denied.body, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Unauthorized",
      reason: "Unauthorized",
      code: 401,
    });
    assert.equal((await request("/version", {}, anonymous)).status, 200);
    const healthz = await setup().request("/healthz", {}, anonymous);
    assert.equal(healthz.status, 200);
  });

  it("serves unauthenticated clients when anonymous auth is on", async () => {
    const { request } = setup({ anonymousAuth: true });
    assert.equal((await request("/api/v1/nodes", {}, anonymous)).status, 200);
  });

  it("legacy discovery: /api, /api/v1, /apis and /apis/<g>/<v>", async () => {
    const { request } = setup();
    const api = await request("/api");
    assert.equal(api.body.kind, "APIVersions");
    assert.deepEqual(api.body.versions, ["v1"]);
    assert.equal(api.body.serverAddressByClientCIDRs[0].serverAddress, "127.0.0.1:20000");
    const v1 = await request("/api/v1");
    assert.equal(v1.body.kind, "APIResourceList");
    const nodes = v1.body.resources.find((r: { name: string }) => r.name === "nodes");
    assert.deepEqual(nodes.verbs.length, 8);
    assert.equal(nodes.namespaced, false);
    assert.ok(v1.body.resources.some((r: { name: string }) => r.name === "pods/eviction"));
    const apis = await request("/apis");
    assert.equal(apis.body.kind, "APIGroupList");
    assert.ok(apis.body.groups.some((g: { name: string }) => g.name === "apps"));
    const apps = await request("/apis/apps/v1");
    assert.equal(apps.body.groupVersion, "apps/v1");
    assert.equal((await request("/apis/apps")).body.kind, "APIGroup");
  });

  it("an unknown group version or resource is a 404 Status, not a 500", async () => {
    const { request } = setup();
    for (const path of ["/api/v1/widgets", "/apis/apps/v1/widgets", "/apis/apps/v9"]) {
      const { status, body } = await request(path);
      assert.equal(status, 404, path);
      assert.equal(body.reason, "NotFound", path);
    }
  });

  it("GET of a missing object is 404 with reason and details", async () => {
    const { status, body } = await setup().request(
      "/api/v1/namespaces/kube-system/configmaps/nope",
    );
    assert.equal(status, 404);
    assert.equal(body.message, 'configmaps "nope" not found');
    assert.deepEqual(body.details, { name: "nope", kind: "configmaps" });
  });

  it("GET returns the object with apiVersion and kind", async () => {
    const { status, body } = await setup().request(
      "/api/v1/namespaces/kube-system/configmaps/kubeadm-config",
    );
    assert.equal(status, 200);
    assert.equal(body.kind, "ConfigMap");
    assert.equal(body.apiVersion, "v1");
    assert.equal(body.metadata.resourceVersion, "6");
  });

  it("LIST carries the list kind, metadata.resourceVersion, and items without type meta", async () => {
    const { body } = await setup().request("/api/v1/nodes");
    assert.equal(body.kind, "NodeList");
    assert.equal(body.metadata.resourceVersion, "6");
    assert.equal(body.items.length, 1);
    assert.equal(body.items[0].kind, undefined);
    const namespaces = await setup().request("/api/v1/namespaces");
    assert.deepEqual(
      namespaces.body.items.map((n: { metadata: { name: string } }) => n.metadata.name),
      [
        "default",
        "kube-node-lease",
        "kube-public",
        "kube-system",
      ],
    );
  });

  it("namespaced LIST is scoped, all-namespaces LIST is not", async () => {
    const { request } = setup();
    assert.equal((await request("/api/v1/namespaces/default/configmaps")).body.items.length, 0);
    assert.equal((await request("/api/v1/configmaps")).body.items.length, 1);
    assert.equal((await request("/api/v1/namespaces/kube-system")).body.kind, "Namespace");
  });

  it("answers a Table when kubectl asks for one", async () => {
    const accept =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    const { body } = await setup().request("/api/v1/nodes?limit=500", { headers: { accept } });
    assert.equal(body.kind, "Table");
    assert.deepEqual(
      body.columnDefinitions.filter((c: { priority: number }) => c.priority === 0).map((
        c: { name: string },
      ) => c.name),
      ["Name", "Status", "Roles", "Age", "Version"],
    );
    assert.deepEqual(body.rows[0].cells.slice(0, 5), [
      "cp-1",
      "Ready",
      "control-plane",
      "90s",
      "v1.30.2",
    ]);
    assert.equal(body.rows[0].object.kind, "PartialObjectMetadata");
  });
});

describe("kube app caching headers", () => {
  it("marks answers uncacheable, as kube-apiserver does (Cache-Control: no-cache, private)", async () => {
    const { request } = setup();
    for (const path of ["/version", "/api", "/api/v1/nodes", "/nope"]) {
      const { response } = await request(path);
      assert.equal(response.headers.get("cache-control"), "no-cache, private", path);
    }
  });
});

// Resource paths skip Hono's router and middleware (the hot path); they must answer as its
// routes did.
describe("kube app resource paths", () => {
  it("mark errors uncacheable too, and answer HEAD as Hono does: status and headers, no body", async () => {
    const { request } = setup();
    for (
      const [method, path, status] of [
        ["GET", "/api/v1/nodes/nope", 404],
        ["GET", "/api/v2/", 404],
        ["GET", "/apis/apps/v1/nopes", 404],
        ["PUT", "/api/v1/nodes", 405],
        ["HEAD", "/api/v1/nodes/cp-1", 405],
      ] as const
    ) {
      const { status: got, response } = await request(path, { method });
      assert.equal(got, status, `${method} ${path}`);
      assert.equal(response.headers.get("cache-control"), "no-cache, private", path);
      assert.equal(response.headers.get("content-type"), "application/json", path);
    }
    const head = await request("/api/v1/nodes/cp-1", { method: "HEAD" });
    assert.equal(head.body, undefined);
  });

  it("decode percent-escaped segments, as Hono's routes did", async () => {
    const { request } = setup();
    const { status, body } = await request("/api/v1/nodes/cp%2D1");
    assert.equal(status, 200);
    assert.equal(body.metadata.name, "cp-1");
    assert.equal((await request("/apis/apps%2Fx/v1/deployments")).status, 404);
  });

  it("leave /api/v1 and /apis/<group>/<version> to discovery", async () => {
    const { request } = setup();
    assert.equal((await request("/api/v1")).body.kind, "APIResourceList");
    assert.equal((await request("/apis/apps/v1")).body.kind, "APIResourceList");
  });
});
