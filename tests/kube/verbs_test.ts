import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const cm = (name: string, data: Record<string, string> = { a: "1" }) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name },
  data,
});

describe("create", () => {
  it("answers 201 with uid, resourceVersion and creationTimestamp, and 409 AlreadyExists after", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CM, cm("x"));
    assert.equal(created.status, 201);
    assert.equal(created.json.metadata.namespace, "default");
    assert.match(created.json.metadata.uid, /^uid-/);
    assert.ok(Number(created.json.metadata.resourceVersion) > 0);
    const again = await call("POST", CM, cm("x"));
    assert.equal(again.status, 409);
    assert.equal(again.json.reason, "AlreadyExists");
    assert.equal(again.json.message, 'configmaps "x" already exists');
  });

  it("into a missing namespace is 404 for the namespace", async () => {
    const { status, json } = await kubeFixture().call(
      "POST",
      "/api/v1/namespaces/nope/configmaps",
      cm("x"),
    );
    assert.equal(status, 404);
    assert.equal(json.message, 'namespaces "nope" not found');
  });

  it("a body namespace that differs from the path is 400", async () => {
    const body = { ...cm("x"), metadata: { name: "x", namespace: "kube-system" } };
    assert.equal((await kubeFixture().call("POST", CM, body)).status, 400);
  });

  it("generateName appends 5 characters; neither name nor generateName is 422", async () => {
    const { call } = kubeFixture();
    const generated = await call("POST", CM, { metadata: { generateName: "gen-" } });
    assert.match(generated.json.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const missing = await call("POST", CM, { metadata: {} });
    assert.equal(missing.status, 422);
    assert.equal(missing.json.reason, "Invalid");
    const bad = await call("POST", CM, cm("Not_Valid"));
    assert.equal(bad.status, 422);
  });

  it("a kind that does not match the resource is 400; a non-object body is 400", async () => {
    const { call } = kubeFixture();
    assert.equal((await call("POST", CM, { kind: "Secret", metadata: { name: "x" } })).status, 400);
    assert.equal((await call("POST", CM, "[1,2]")).status, 400);
    assert.equal((await call("POST", CM, "{nope")).status, 400);
  });

  it("defaults namespaces and resets pod status, as the apiserver's strategies do", async () => {
    const { call } = kubeFixture();
    const ns = await call("POST", "/api/v1/namespaces", { metadata: { name: "team" } });
    assert.equal(ns.json.status.phase, "Active");
    assert.equal(ns.json.metadata.labels["kubernetes.io/metadata.name"], "team");
    const pod = await call("POST", "/api/v1/namespaces/team/pods", {
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "i" }] },
      status: { phase: "Running" },
    });
    assert.equal(pod.json.status.phase, "Pending");
    assert.equal(pod.json.metadata.generation, 1);
  });

  it("merges Secret stringData into base64 data", async () => {
    const { json } = await kubeFixture().call("POST", "/api/v1/namespaces/default/secrets", {
      metadata: { name: "s" },
      stringData: { token: "abc" },
    });
    assert.deepEqual(json.data, { token: btoa("abc") });
    assert.equal(json.stringData, undefined);
    assert.equal(json.type, "Opaque");
  });
});

describe("update", () => {
  it("a stale resourceVersion is 409 Conflict; an empty one updates unconditionally", async () => {
    const { call } = kubeFixture();
    const created = (await call("POST", CM, cm("x"))).json;
    const first = await call("PUT", `${CM}/x`, { ...created, data: { a: "2" } });
    assert.equal(first.status, 200);
    const stale = await call("PUT", `${CM}/x`, { ...created, data: { a: "3" } });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.reason, "Conflict");
    assert.match(stale.json.message, /the object has been modified/);
    const { resourceVersion: _rv, ...metadata } = created.metadata;
    const unconditional = await call("PUT", `${CM}/x`, { ...created, metadata, data: { a: "4" } });
    assert.equal(unconditional.status, 200);
    assert.equal(unconditional.json.data.a, "4");
  });

  it("a name that differs from the URL is 400; a missing object is 404", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, cm("x"));
    assert.equal((await call("PUT", `${CM}/x`, cm("y"))).status, 400);
    assert.equal((await call("PUT", `${CM}/nope`, cm("nope"))).status, 404);
  });

  it("the main resource keeps the status; /status changes only the status", async () => {
    // No Deployment controller here: it would write the status this test writes by hand.
    const { call } = kubeFixture({ workloads: false });
    const deploy = "/apis/apps/v1/namespaces/default/deployments";
    const created = (await call("POST", deploy, {
      metadata: { name: "d" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { a: "b" } },
        template: {
          metadata: { labels: { a: "b" } },
          spec: { containers: [{ name: "c", image: "i" }] },
        },
      },
    })).json;
    const status = await call("PUT", `${deploy}/d/status`, {
      ...created,
      spec: { ...created.spec, replicas: 9 },
      // Ready replicas above status.replicas would be 422 (ValidateDeploymentStatus).
      status: { replicas: 1, readyReplicas: 1 },
    });
    assert.equal(status.json.status.readyReplicas, 1);
    assert.equal(status.json.spec.replicas, 1, "spec is not changed through /status");
    assert.equal(status.json.metadata.generation, 1);
    const main = await call("PUT", `${deploy}/d`, {
      ...status.json,
      spec: { ...created.spec, replicas: 3 },
      status: { readyReplicas: 7 },
    });
    assert.equal(
      main.json.status.readyReplicas,
      1,
      "status is not changed through the main resource",
    );
    assert.equal(main.json.metadata.generation, 2, "a spec change bumps generation");
  });
});

describe("patch", () => {
  it("merge, JSON and strategic patches; 404 for a missing object; 415 for unknown types", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, cm("x", { a: "1", b: "2" }));
    const merge = await call("PATCH", `${CM}/x`, { data: { a: null, c: "3" } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.deepEqual(merge.json.data, { b: "2", c: "3" });
    const json = await call("PATCH", `${CM}/x`, [{ op: "replace", path: "/data/b", value: "9" }], {
      "content-type": "application/json-patch+json",
    });
    assert.equal(json.json.data.b, "9");
    const failed = await call("PATCH", `${CM}/x`, [{ op: "test", path: "/data/b", value: "0" }], {
      "content-type": "application/json-patch+json",
    });
    assert.equal(failed.status, 422);
    const node = await call("POST", "/api/v1/nodes", {
      metadata: { name: "n" },
      status: {
        conditions: [{ type: "Ready", status: "True" }, { type: "DiskPressure", status: "False" }],
      },
    });
    assert.equal(node.status, 201);
    const smp = await call(
      "PATCH",
      "/api/v1/nodes/n/status",
      { status: { conditions: [{ type: "Ready", status: "False" }] } },
      { "content-type": "application/strategic-merge-patch+json" },
    );
    assert.deepEqual(
      smp.json.status.conditions.map((c: { type: string; status: string }) =>
        `${c.type}=${c.status}`
      ),
      ["Ready=False", "DiskPressure=False"],
    );
    const missing = await call("PATCH", `${CM}/nope`, {}, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(missing.status, 404);
    const unknown = await call("PATCH", `${CM}/x`, {}, { "content-type": "text/plain" });
    assert.equal(unknown.status, 415);
  });

  it("a patch carrying a stale resourceVersion is 409", async () => {
    const { call } = kubeFixture();
    const created = (await call("POST", CM, cm("x"))).json;
    await call("PATCH", `${CM}/x`, { data: { a: "2" } }, {
      "content-type": "application/merge-patch+json",
    });
    const stale = await call(
      "PATCH",
      `${CM}/x`,
      { metadata: { resourceVersion: created.metadata.resourceVersion }, data: { a: "3" } },
      { "content-type": "application/merge-patch+json" },
    );
    assert.equal(stale.status, 409);
  });

  it("server-side apply creates (201) then merges (200), and needs a fieldManager", async () => {
    const { call } = kubeFixture();
    const headers = { "content-type": "application/apply-patch+yaml" };
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: '1'\n";
    assert.equal((await call("PATCH", `${CM}/applied`, yaml, headers)).status, 422);
    const created = await call("PATCH", `${CM}/applied?fieldManager=test`, yaml, headers);
    assert.equal(created.status, 201);
    // Another manager's fields merge in; the same manager's omitted fields are removed.
    const merged = await call(
      "PATCH",
      `${CM}/applied?fieldManager=other`,
      yaml.replace("a: '1'", "b: '2'"),
      headers,
    );
    assert.equal(merged.status, 200);
    assert.deepEqual(merged.json.data, { a: "1", b: "2" });
    const pruned = await call(
      "PATCH",
      `${CM}/applied?fieldManager=test`,
      yaml.replace("a: '1'", "c: '3'"),
      headers,
    );
    assert.deepEqual(pruned.json.data, { b: "2", c: "3" });
    assert.deepEqual(
      pruned.json.metadata.managedFields.map((e: { manager: string }) => e.manager),
      ["other", "test"],
    );
  });

  it("server-side apply conflicts with an updater: 409 with causes; force takes the field", async () => {
    const { call } = kubeFixture();
    const headers = { "content-type": "application/apply-patch+yaml" };
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: '1'\n";
    await call("PATCH", `${CM}/c?fieldManager=kubectl`, yaml, headers);
    await call("PATCH", `${CM}/c?fieldManager=ctrl`, { data: { a: "2" } }, {
      "content-type": "application/merge-patch+json",
    });
    const conflict = await call("PATCH", `${CM}/c?fieldManager=kubectl`, yaml, headers);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.reason, "Conflict");
    assert.equal(
      conflict.json.message,
      'Apply failed with 1 conflict: conflict with "ctrl" using v1: .data.a',
    );
    assert.deepEqual(conflict.json.details, {
      causes: [{
        reason: "FieldManagerConflict",
        message: 'conflict with "ctrl" using v1',
        field: ".data.a",
      }],
    });
    const forced = await call("PATCH", `${CM}/c?fieldManager=kubectl&force=true`, yaml, headers);
    assert.equal(forced.status, 200);
    assert.deepEqual(forced.json.data, { a: "1" });
    const dry = await call(
      "PATCH",
      `${CM}/c?fieldManager=ctrl&dryRun=All`,
      yaml.replace("a: '1'", "a: '9'"),
      headers,
    );
    assert.equal(dry.status, 409, "a dry run reports the conflict");
    const dryForced = await call(
      "PATCH",
      `${CM}/c?fieldManager=ctrl&dryRun=All&force=true`,
      yaml.replace("a: '1'", "a: '9'"),
      headers,
    );
    assert.equal(dryForced.status, 200);
    assert.deepEqual(dryForced.json.data, { a: "9" });
    assert.deepEqual((await call("GET", `${CM}/c`)).json.data, { a: "1" }, "and stores nothing");
    const merge = await call("PATCH", `${CM}/c?force=true`, { data: {} }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(merge.status, 422);
    assert.equal(
      merge.json.message,
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });
});

describe("delete", () => {
  it("answers a Success Status with details, then 404", async () => {
    const { call } = kubeFixture();
    const created = (await call("POST", CM, cm("x"))).json;
    const deleted = await call("DELETE", `${CM}/x`);
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      details: { name: "x", kind: "configmaps", uid: created.metadata.uid },
    });
    assert.equal((await call("DELETE", `${CM}/x`)).status, 404);
  });

  it("an object with finalizers is marked, answered with the object, and kept", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, {
      ...cm("x"),
      metadata: { name: "x", finalizers: ["example.com/keep"] },
    });
    const marked = await call("DELETE", `${CM}/x`);
    assert.equal(marked.status, 200);
    assert.ok(marked.json.metadata.deletionTimestamp);
    assert.equal((await call("GET", `${CM}/x`)).status, 200);
    await call("PATCH", `${CM}/x`, { metadata: { finalizers: null } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal((await call("GET", `${CM}/x`)).status, 404);
  });

  it("preconditions and propagationPolicy are read from the DeleteOptions body", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, cm("x"));
    const wrong = await call("DELETE", `${CM}/x`, {
      kind: "DeleteOptions",
      apiVersion: "v1",
      preconditions: { uid: "other" },
    });
    assert.equal(wrong.status, 409);
    const bad = await call("DELETE", `${CM}/x`, { propagationPolicy: "Sideways" });
    assert.equal(bad.status, 422);
    const orphan = await call("DELETE", `${CM}/x`, { propagationPolicy: "Orphan" });
    assert.equal(orphan.status, 200);
    assert.deepEqual(orphan.json.metadata.finalizers, ["orphan"]);
  });

  it("deletecollection deletes what the selector selects", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, { ...cm("a"), metadata: { name: "a", labels: { t: "1" } } });
    await call("POST", CM, { ...cm("b"), metadata: { name: "b", labels: { t: "2" } } });
    const before = (await call("GET", CM)).json.metadata.resourceVersion;
    const deleted = await call("DELETE", `${CM}?labelSelector=t%3D1`);
    // registry.Store.DeleteCollection answers the list it deleted, as listed.
    assert.equal(deleted.status, 200);
    assert.deepEqual(Object.keys(deleted.json), ["kind", "apiVersion", "metadata", "items"]);
    assert.equal(deleted.json.kind, "ConfigMapList");
    assert.deepEqual(deleted.json.metadata, { resourceVersion: before });
    assert.deepEqual(
      deleted.json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      [
        "a",
      ],
    );
    assert.equal(deleted.json.items[0].kind, undefined);
    assert.equal(deleted.json.items[0].metadata.deletionTimestamp, undefined);
    const names = (await call("GET", CM)).json.items.map((i: { metadata: { name: string } }) =>
      i.metadata.name
    );
    assert.deepEqual(names, ["b"]);
  });

  it("a verb the resource does not serve is 405", async () => {
    const { call } = kubeFixture();
    assert.equal((await call("DELETE", "/api/v1/namespaces")).status, 405);
    assert.equal((await call("POST", `${CM}/x`, cm("x"))).status, 405);
  });
});

describe("eviction", () => {
  const pod = (name: string, ready: boolean) => ({
    metadata: { name, labels: { app: "web" } },
    spec: { containers: [{ name: "c", image: "i" }] },
    status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
  });

  it("deletes the pod with 201, 404 for a missing pod, 429 when a PDB forbids it", async () => {
    const { call } = kubeFixture();
    const pods = "/api/v1/namespaces/default/pods";
    for (const name of ["a", "b"]) {
      await call("POST", pods, pod(name, true));
      // pod status is reset on create; set it through /status as the kubelet would
      const current = (await call("GET", `${pods}/${name}`)).json;
      await call("PUT", `${pods}/${name}/status`, { ...current, status: pod(name, true).status });
    }
    await call("POST", "/apis/policy/v1/namespaces/default/poddisruptionbudgets", {
      metadata: { name: "web" },
      spec: { minAvailable: 2, selector: { matchLabels: { app: "web" } } },
    });
    const eviction = (name: string) => ({
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name, namespace: "default" },
    });
    const blocked = await call("POST", `${pods}/a/eviction`, eviction("a"));
    assert.equal(blocked.status, 429);
    assert.equal(blocked.json.reason, "TooManyRequests");
    await call("DELETE", "/apis/policy/v1/namespaces/default/poddisruptionbudgets/web");
    const evicted = await call("POST", `${pods}/a/eviction`, eviction("a"));
    assert.equal(evicted.status, 201);
    assert.deepEqual(evicted.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      code: 201,
    });
    assert.equal((await call("GET", `${pods}/a`)).status, 404);
    assert.equal((await call("POST", `${pods}/gone/eviction`, eviction("gone"))).status, 404);
  });
});

describe("list", () => {
  it("filters by label and field selectors; an unsupported field is 400", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, { ...cm("a"), metadata: { name: "a", labels: { tier: "x" } } });
    await call("POST", CM, { ...cm("b"), metadata: { name: "b", labels: { tier: "y" } } });
    const names = async (query: string) =>
      (await call("GET", `${CM}?${query}`)).json.items.map((i: { metadata: { name: string } }) =>
        i.metadata.name
      );
    assert.deepEqual(await names("labelSelector=tier+in+%28x%2Cz%29"), ["a"]);
    assert.deepEqual(await names("labelSelector=tier%21%3Dx"), ["b"]);
    assert.deepEqual(await names("fieldSelector=metadata.name%3Db"), ["b"]);
    const unsupported = await call("GET", `${CM}?fieldSelector=data.a%3D1`);
    assert.equal(unsupported.status, 400);
    const badLabel = await call("GET", `${CM}?labelSelector=a+in+%28b`);
    assert.equal(badLabel.status, 400);
  });

  it("pages with limit and continue, and a continue token from before the history is 410", async () => {
    const { call } = kubeFixture({ historyLimit: 20 });
    for (let i = 0; i < 5; i++) await call("POST", CM, cm(`c${i}`));
    const first = await call("GET", `${CM}?limit=2`);
    assert.equal(first.json.items.length, 2);
    assert.equal(first.json.metadata.remainingItemCount, 3);
    const second = await call("GET", `${CM}?limit=2&continue=${first.json.metadata.continue}`);
    assert.deepEqual(
      second.json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      ["c2", "c3"],
    );
    assert.equal(second.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
    const third = await call("GET", `${CM}?limit=2&continue=${second.json.metadata.continue}`);
    assert.equal(third.json.items.length, 1);
    assert.equal(third.json.metadata.continue, undefined);
    for (let i = 0; i < 25; i++) await call("POST", CM, cm(`later${i}`));
    const expired = await call("GET", `${CM}?limit=2&continue=${first.json.metadata.continue}`);
    assert.equal(expired.status, 410);
    assert.equal(expired.json.reason, "Expired");
    assert.equal((await call("GET", `${CM}?continue=garbage`)).status, 400);
  });

  it("pages are a consistent snapshot of the first page's resourceVersion", async () => {
    const { call } = kubeFixture();
    for (const name of ["p1", "p2", "p3"]) await call("POST", CM, cm(name));
    const first = await call("GET", `${CM}?limit=1`);
    await call("POST", CM, cm("p25"));
    await call("DELETE", `${CM}/p3`);
    await call("PATCH", `${CM}/p2`, { data: { a: "changed" } }, {
      "content-type": "application/merge-patch+json",
    });
    const rest = await call("GET", `${CM}?limit=10&continue=${first.json.metadata.continue}`);
    assert.deepEqual(rest.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), [
      "p2",
      "p3",
    ]);
    assert.equal(rest.json.items[0].data.a, "1");
    assert.equal(rest.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
  });

  it("lists at an exact earlier resourceVersion the history still holds", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CM, cm("x"));
    await call("DELETE", `${CM}/x`);
    const rv = created.json.metadata.resourceVersion;
    const exact = await call("GET", `${CM}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
    assert.equal(exact.status, 200);
    assert.deepEqual(exact.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), [
      "x",
    ]);
    assert.equal(exact.json.metadata.resourceVersion, rv);
    assert.equal(
      (await call("GET", `${CM}?resourceVersion=0&resourceVersionMatch=Exact`)).status,
      422,
    );
  });

  it("an update or patch that changes nothing keeps the resourceVersion", async () => {
    const { call } = kubeFixture();
    const created = (await call("POST", CM, cm("x"))).json;
    const patched = await call("PATCH", `${CM}/x`, { data: { a: "1" } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.json.metadata.resourceVersion, created.metadata.resourceVersion);
    const replaced = await call("PUT", `${CM}/x`, created);
    assert.equal(replaced.json.metadata.resourceVersion, created.metadata.resourceVersion);
  });

  it("a resourceVersion from the future is 504 Timeout", async () => {
    const { status, json } = await kubeFixture().call("GET", `${CM}?resourceVersion=999999`);
    assert.equal(status, 504);
    assert.equal(json.reason, "Timeout");
  });
});

describe("custom resources", () => {
  it("a CRD makes its resource served: discovery, CRUD, status subresource; SMP is 415", async () => {
    const { call } = kubeFixture();
    const crd = await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", shortNames: ["wd"] },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        }],
      },
    });
    assert.equal(crd.status, 201);
    const established = await call(
      "GET",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com",
    );
    assert.ok(
      established.json.status.conditions.some((c: { type: string; status: string }) =>
        c.type === "Established" && c.status === "True"
      ),
    );
    const discovery = await call("GET", "/apis/example.com/v1");
    assert.equal(discovery.json.resources[0].name, "widgets");
    assert.ok(
      (await call("GET", "/apis")).json.groups.some((g: { name: string }) =>
        g.name === "example.com"
      ),
    );
    assert.ok(
      (await call("GET", "/")).json.paths.includes("/apis/example.com/v1"),
      "GET / lists it too",
    );
    const widgets = "/apis/example.com/v1/namespaces/default/widgets";
    const created = await call("POST", widgets, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
      spec: { size: 1 },
      status: { ready: true },
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.status, undefined, "status is written through /status only");
    const list = await call("GET", widgets);
    assert.equal(list.json.kind, "WidgetList");
    assert.equal(list.json.items[0].kind, "Widget", "custom resource list items carry their kind");
    const smp = await call("PATCH", `${widgets}/w`, {}, {
      "content-type": "application/strategic-merge-patch+json",
    });
    assert.equal(smp.status, 415);
    await call(
      "DELETE",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com",
    );
    assert.equal((await call("GET", widgets)).status, 404);
  });
});

describe("garbage collection and namespaces (through the cluster's controllers)", () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it("deleting an owner deletes its dependents in the background, or orphans them", async () => {
    const { call } = kubeFixture();
    const owner = (await call("POST", CM, cm("owner"))).json;
    const ref = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid };
    await call("POST", CM, {
      ...cm("dependent"),
      metadata: { name: "dependent", ownerReferences: [ref] },
    });
    await call("DELETE", `${CM}/owner`);
    await settle();
    assert.equal((await call("GET", `${CM}/dependent`)).status, 404);

    const owner2 = (await call("POST", CM, cm("owner2"))).json;
    const ref2 = { apiVersion: "v1", kind: "ConfigMap", name: "owner2", uid: owner2.metadata.uid };
    await call("POST", CM, { ...cm("kept"), metadata: { name: "kept", ownerReferences: [ref2] } });
    await call("DELETE", `${CM}/owner2`, { propagationPolicy: "Orphan" });
    await settle();
    assert.equal((await call("GET", `${CM}/owner2`)).status, 404);
    const kept = await call("GET", `${CM}/kept`);
    assert.equal(kept.status, 200);
    assert.equal(kept.json.metadata.ownerReferences, undefined);
  });

  it("deleting a namespace deletes its contents, then the namespace; new content is 403 meanwhile", async () => {
    const { call } = kubeFixture();
    await call("POST", "/api/v1/namespaces", { metadata: { name: "team" } });
    const team = "/api/v1/namespaces/team/configmaps";
    await call("POST", team, {
      ...cm("held"),
      metadata: { name: "held", finalizers: ["example.com/hold"] },
    });
    await call("POST", team, cm("plain"));
    const deleted = await call("DELETE", "/api/v1/namespaces/team");
    assert.equal(deleted.status, 200);
    await settle();
    const terminating = await call("GET", "/api/v1/namespaces/team");
    assert.equal(terminating.json.status.phase, "Terminating");
    assert.equal((await call("GET", `${team}/plain`)).status, 404);
    const refused = await call("POST", team, cm("late"));
    assert.equal(refused.status, 403);
    await call("PATCH", `${team}/held`, { metadata: { finalizers: null } }, {
      "content-type": "application/merge-patch+json",
    });
    await settle();
    assert.equal((await call("GET", "/api/v1/namespaces/team")).status, 404);
  });
});

describe("protobuf", () => {
  it("a protobuf create body is decoded; an unknown kind is 415 naming it", async () => {
    const { encodeKubernetesProtobuf } = await import("../../src/protobuf/mod.ts");
    const { call } = kubeFixture();
    const secret = encodeKubernetesProtobuf({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "bootstrap-token-abcdef", namespace: "kube-system" },
      type: "bootstrap.kubernetes.io/token",
      data: { "token-id": btoa("abcdef") },
    });
    const proto = { "content-type": "application/vnd.kubernetes.protobuf" };
    const created = await call("POST", "/api/v1/namespaces/kube-system/secrets", secret, proto);
    assert.equal(created.status, 201);
    assert.equal(created.json.type, "bootstrap.kubernetes.io/token");
    assert.equal(created.json.data["token-id"], btoa("abcdef"));
    // A custom kind: runtime.Unknown{typeMeta{apiVersion=1, kind=2}=1, raw=2} after "k8s\0".
    const typeMeta = [
      0x0a,
      7,
      ...new TextEncoder().encode("apps/v1"),
      0x12,
      11,
      ...new TextEncoder().encode("FakeMachine"),
    ];
    const unknown = new Uint8Array([
      0x6b,
      0x38,
      0x73,
      0x00,
      0x0a,
      typeMeta.length,
      ...typeMeta,
      0x12,
      0,
    ]);
    const refused = await call(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments",
      unknown,
      proto,
    );
    assert.equal(refused.status, 415);
    assert.match(refused.json.message, /FakeMachine/);
  });

  it("a client that accepts only protobuf gets protobuf for objects and lists", async () => {
    const { call } = kubeFixture();
    const only = { accept: "application/vnd.kubernetes.protobuf" };
    const namespace = await call("GET", "/api/v1/namespaces/default", undefined, only);
    assert.equal(namespace.status, 200);
    assert.equal(namespace.headers.get("content-type"), "application/vnd.kubernetes.protobuf");
    const list = await call("GET", "/api/v1/namespaces", undefined, only);
    assert.equal(list.status, 200);
    assert.equal(list.headers.get("content-type"), "application/vnd.kubernetes.protobuf");
    // Preferred by order (client-go's protobuf Accept), or by q-value.
    const either = await call("GET", "/api/v1/namespaces/default", undefined, {
      accept: "application/vnd.kubernetes.protobuf, */*",
    });
    assert.equal(either.headers.get("content-type"), "application/vnd.kubernetes.protobuf");
    const jsonFirst = await call("GET", "/api/v1/namespaces/default", undefined, {
      accept: "application/vnd.kubernetes.protobuf;q=0.5, application/json;q=0.9",
    });
    assert.equal(jsonFirst.json.kind, "Namespace");
  });
});

describe("dryRun=All", () => {
  it("validates and answers every write as if done, and stores nothing", async () => {
    const { call, cluster } = kubeFixture();
    const before = cluster.store.resourceVersion;
    const created = await call("POST", `${CM}?dryRun=All`, cm("ghost"));
    assert.equal(created.status, 201);
    assert.equal(created.json.metadata.name, "ghost");
    assert.equal((await call("GET", `${CM}/ghost`)).status, 404);
    assert.equal(
      (await call("POST", `${CM}?dryRun=All`, { metadata: {} })).status,
      422,
      "still validated",
    );
    await call("POST", CM, cm("real"));
    const rv = cluster.store.resourceVersion;
    const patched = await call("PATCH", `${CM}/real?dryRun=All`, { data: { a: "2" } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.json.data.a, "2");
    assert.equal((await call("GET", `${CM}/real`)).json.data.a, "1");
    const deleted = await call("DELETE", `${CM}/real?dryRun=All`);
    assert.equal(deleted.status, 200);
    assert.equal((await call("GET", `${CM}/real`)).status, 200);
    assert.equal(cluster.store.resourceVersion, rv, "no write happened");
    assert.notEqual(before, rv);
    assert.equal((await call("POST", `${CM}?dryRun=Some`, cm("x"))).status, 422);
  });
});

describe("watch options the apiserver refuses", () => {
  it("sendInitialEvents without resourceVersionMatch=NotOlderThan is a 422 with its ListOptions causes", async () => {
    const { call } = kubeFixture();
    const { status, json } = await call("GET", `${CM}?watch=true&sendInitialEvents=true`);
    assert.equal(status, 422);
    assert.equal(json.reason, "Invalid");
    assert.equal(json.details.kind, "ListOptions");
    assert.ok(
      json.details.causes.some((c: { field: string }) => c.field === "resourceVersionMatch"),
    );
  });
});
