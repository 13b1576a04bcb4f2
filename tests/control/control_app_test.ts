import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse, parseAllDocuments } from "yaml";
import { createControlApp } from "../../src/control/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

function setup(token?: string) {
  const { registry, started } = registryWithFakeListeners();
  const app = createControlApp({ host: new LocalClusterHost(registry), token });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch { /* not JSON */ }
    return { status: response.status, text, json: json as Record<string, unknown>, response };
  };
  return { call, registry, started };
}

const CP_REPORT = {
  cluster: "demo",
  namespace: "default",
  nodeName: "cp-1",
  uuid: "2b9a3c86-5f8e-4c55-9c6c-0c0f3c0d5e01",
  providerID: null,
  labels: { "cluster.x-k8s.io/control-plane": "" },
  k8sversion: "v1.31.4",
};

describe("control API", () => {
  it("POST /register answers exactly FKAS's shape, idempotently", async () => {
    const { call } = setup();
    const first = await call("POST", "/register", { cluster: "demo", namespace: "default" });
    assert.equal(first.status, 200);
    assert.deepEqual(first.json, { ResourceName: "default/demo", Host: "192.0.2.10", Port: 20000 });
    const again = await call("POST", "/register", { cluster: "demo", namespace: "default" });
    assert.deepEqual(again.json, first.json);
  });

  it("matches keys case-insensitively and ignores unknown keys, as Go's decoder did", async () => {
    const { call } = setup();
    const { json } = await call("POST", "/register", {
      Cluster: "demo",
      NAMESPACE: "default",
      extra: 1,
    });
    assert.equal(json.ResourceName, "default/demo");
  });

  it("rejects bad bodies with 400 naming the field", async () => {
    const { call } = setup();
    const cases: [unknown, string | undefined, RegExp][] = [
      ["", undefined, /empty/],
      ["{not json", undefined, /Invalid JSON/],
      ["[1]", undefined, /JSON object/],
      [{ namespace: "default" }, "cluster", /cluster: is required/],
      [{ cluster: "", namespace: "default" }, "cluster", /must not be empty/],
      [{ cluster: null, namespace: "default" }, "cluster", /cluster/],
      [{ cluster: "Demo_1", namespace: "default" }, "cluster", /DNS-1123/],
      [{ cluster: "demo", namespace: 7 }, "namespace", /namespace/],
      [{ cluster: "demo", namespace: "default", ca: { cert: "x" } }, "ca.key", /ca.key/],
    ];
    for (const [body, field, message] of cases) {
      const { status, json } = await call("POST", "/register", body);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(json.field, field, JSON.stringify(body));
      assert.match(String(json.error), message, JSON.stringify(body));
    }
  });

  it("a CA the register body supplies is used instead of a generated one", async () => {
    const { call, registry } = setup();
    const donor = await registryWithFakeListeners().registry.register({
      namespace: "x",
      name: "y",
    });
    const { status } = await call("POST", "/register", {
      cluster: "demo",
      namespace: "default",
      ca: { cert: donor.ca.certPem, key: donor.ca.keyPem },
    });
    assert.equal(status, 200);
    assert.equal(registry.get("default", "demo")!.ca.fingerprintSha256, donor.ca.fingerprintSha256);
    const broken = await call("POST", "/register", {
      cluster: "other",
      namespace: "default",
      ca: { cert: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", key: "nope" },
    });
    assert.equal(broken.status, 400);
  });

  it("PUT /updateNode creates the node, answers 200 with an empty body, and starts the listener", async () => {
    const { call, registry, started } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const { status, text } = await call("PUT", "/updateNode", CP_REPORT);
    assert.equal(status, 200);
    assert.equal(text, "");
    assert.equal(started.length, 1);
    const node = registry.get("default", "demo")!.store.get(
      { key: "nodes", namespaced: false, tracksGeneration: false },
      undefined,
      "cp-1",
    )!;
    assert.equal(node.metadata.labels!["metal3.io/uuid"], CP_REPORT.uuid);
    assert.equal(node.metadata.labels!["node-role.kubernetes.io/control-plane"], "");
    assert.equal((node.spec as { providerID?: string }).providerID, undefined);
  });

  it("labels missing or null mean none; labels as a string is a 400 (FKAS panicked or 400'd)", async () => {
    const { call } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const { labels: _labels, ...withoutLabels } = CP_REPORT;
    assert.equal(
      (await call("PUT", "/updateNode", { ...withoutLabels, nodeName: "w-1" })).status,
      200,
    );
    assert.equal(
      (await call("PUT", "/updateNode", { ...CP_REPORT, nodeName: "w-2", labels: null })).status,
      200,
    );
    const bad = await call("PUT", "/updateNode", { ...CP_REPORT, labels: "<node-labels>" });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, "labels");
    const badKey = await call("PUT", "/updateNode", { ...CP_REPORT, labels: { "bad key": "x" } });
    assert.equal(badKey.status, 400);
    assert.match(String(badKey.json.error), /bad key/);
    const badVersion = await call("PUT", "/updateNode", { ...CP_REPORT, k8sversion: "1.30" });
    assert.equal(badVersion.json.field, "k8sversion");
  });

  it("a node report for an unregistered cluster is a 404 with a clear message", async () => {
    const { status, json } = await setup().call("PUT", "/updateNode", CP_REPORT);
    assert.equal(status, 404);
    assert.match(String(json.error), /default\/demo is not registered/);
  });

  it("wrong methods get 405 with Allow; unknown routes get a JSON 404", async () => {
    const { call } = setup();
    const wrong = await call("GET", "/register");
    assert.equal(wrong.status, 405);
    assert.equal(wrong.response.headers.get("allow"), "POST");
    assert.equal((await call("POST", "/updateNode", {})).status, 405);
    const missing = await call("GET", "/nope");
    assert.equal(missing.status, 404);
    assert.match(String(missing.json.error), /no route/);
  });

  it("serves an admin kubeconfig and the CA secrets CAPI expects", async () => {
    const { call, registry } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const { status, text, response } = await call("GET", "/clusters/default/demo/kubeconfig");
    assert.equal(status, 200);
    assert.equal(response.headers.get("content-type"), "application/yaml");
    const kubeconfig = parse(text);
    assert.equal(kubeconfig["current-context"], "demo-admin@demo");
    assert.equal(kubeconfig.clusters[0].cluster.server, "https://192.0.2.10:20000");
    const ca = atob(kubeconfig.clusters[0].cluster["certificate-authority-data"]);
    assert.equal(ca, registry.get("default", "demo")!.ca.certPem);
    assert.match(atob(kubeconfig.users[0].user["client-certificate-data"]), /BEGIN CERTIFICATE/);

    const secrets = parseAllDocuments((await call("GET", "/clusters/default/demo/ca-secrets")).text)
      .map((d) => d.toJSON());
    assert.deepEqual(secrets.map((s) => s.metadata.name), ["demo-ca", "demo-etcd"]);
    assert.equal(secrets[0].type, "cluster.x-k8s.io/secret");
    assert.equal(secrets[0].metadata.namespace, "default");
    assert.match(atob(secrets[1].data["tls.key"]), /PRIVATE KEY/);
    assert.equal((await call("GET", "/clusters/default/nope/kubeconfig")).status, 404);
  });

  it("GET /clusters shows listener state and CA fingerprints", async () => {
    const { call } = setup();
    await call("POST", "/register", { cluster: "demo", namespace: "default" });
    const before = await call("GET", "/clusters/default/demo");
    assert.equal(before.json.listener, "pending");
    await call("PUT", "/updateNode", CP_REPORT);
    const after = await call("GET", "/clusters");
    const [cluster] = (after.json as { clusters: Record<string, unknown>[] }).clusters;
    assert.equal(cluster.listener, "serving");
    assert.equal(cluster.kubernetesVersion, "v1.31.4");
    assert.match(String(cluster.caFingerprintSha256), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it("with a token, every route but health probes needs it", async () => {
    const { call } = setup("s3cret");
    assert.equal((await call("GET", "/healthz")).status, 200);
    const denied = await call("POST", "/register", { cluster: "demo", namespace: "default" });
    assert.equal(denied.status, 401);
    const wrong = await call("GET", "/clusters", undefined, { authorization: "Bearer nope" });
    assert.equal(wrong.status, 401);
    const ok = await call("POST", "/register", { cluster: "demo", namespace: "default" }, {
      authorization: "Bearer s3cret",
    });
    assert.equal(ok.status, 200);
  });

  it("an oversized body is a 413, not a crash", async () => {
    const { status } = await setup().call("POST", "/register", "x".repeat((1 << 20) + 10));
    assert.equal(status, 413);
  });

  it("answers /register and /updateNode with a Content-Length (as sent over the wire) alike", async () => {
    const { createFkasMetrics } = await import("../../src/metrics/mod.ts");
    const metrics = createFkasMetrics({
      now: () => 0,
      clusters: () => ({ clusters: 1, listeners: 0, nodes: 0 }),
    });
    const entries: unknown[] = [];
    const app = createControlApp({
      host: new LocalClusterHost(registryWithFakeListeners().registry),
      token: "t",
      metrics,
      onRequest: ({ method, path, status }) => entries.push({ method, path, status }),
    });
    const send = async (method: string, path: string, body: string, token = "t") => {
      const response = await app.request(path, {
        method,
        body,
        headers: { authorization: `Bearer ${token}`, "content-length": String(body.length) },
      });
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        body: await response.text(),
      };
    };
    const register = JSON.stringify({ cluster: "demo", namespace: "default" });
    assert.deepEqual(await send("POST", "/register", register), {
      status: 200,
      type: "application/json",
      body: '{"ResourceName":"default/demo","Host":"192.0.2.10","Port":20000}',
    });
    assert.deepEqual(await send("PUT", "/updateNode?x=1", JSON.stringify(CP_REPORT)), {
      status: 200,
      type: null,
      body: "",
    });
    assert.deepEqual(await send("POST", "/register", '{"namespace":"default"}'), {
      status: 400,
      type: "application/json",
      body: '{"error":"cluster: is required","field":"cluster"}',
    });
    assert.deepEqual(
      await send("PUT", "/updateNode", JSON.stringify({ ...CP_REPORT, cluster: "nope" })),
      {
        status: 404,
        type: "application/json",
        body: '{"error":"Workload Cluster does not exist: default/nope is not registered"}',
      },
    );
    assert.equal((await send("POST", "/register", register, "wrong")).status, 401);
    assert.equal((await send("PUT", "/register", register)).status, 405);
    assert.deepEqual(entries, [
      { method: "POST", path: "/register", status: 200 },
      { method: "PUT", path: "/updateNode", status: 200 },
      { method: "POST", path: "/register", status: 400 },
      { method: "PUT", path: "/updateNode", status: 404 },
      { method: "POST", path: "/register", status: 401 },
      { method: "PUT", path: "/register", status: 405 },
    ]);
    const text = metrics.render();
    assert.match(text, /fkas_control_requests_total\{route="\/register",code="200"\} 1/);
    assert.match(text, /fkas_control_requests_total\{route="\/updateNode",code="200"\} 1/);
    assert.match(text, /fkas_control_requests_total\{route="\/register",code="400"\} 1/);
    assert.match(text, /fkas_control_requests_total\{route="\/updateNode",code="404"\} 1/);
  });
});
