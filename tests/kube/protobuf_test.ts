// A client-go-shaped client that accepts only protobuf: lists, watches and negotiation as
// kube-apiserver answers them.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BinaryReader } from "@bufbuild/protobuf/wire";
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";
import { kubeFixture } from "./kube_fixture.ts";

const PROTOBUF = "application/vnd.kubernetes.protobuf";
const ONLY = { accept: PROTOBUF };

/** Reads a `<Kind>List` envelope: its type, its metadata and every item decoded by its kind. */
function decodeList(bytes: Uint8Array) {
  const list = decodeKubernetesProtobuf(bytes);
  return list;
}

/** Splits a protobuf watch stream into its WatchEvents, each object decoded from its envelope. */
function decodeFrames(bytes: Uint8Array) {
  const events: { type: string; object: Record<string, unknown>; kind: string }[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < bytes.length;) {
    const length = view.getUint32(at);
    const reader = new BinaryReader(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
    let type = "", raw: Uint8Array = new Uint8Array(0);
    while (reader.pos < reader.len) {
      const [no] = reader.tag();
      if (no === 1) type = reader.string();
      else {
        const ext = new BinaryReader(reader.bytes());
        ext.tag();
        raw = ext.bytes();
      }
    }
    const decoded = decodeKubernetesProtobuf(raw);
    events.push({ type, object: decoded.object, kind: decoded.kind });
  }
  return events;
}

/** A fixture with at least one object of every listed kind. */
async function populated(kubernetesVersion?: string) {
  const fixture = kubeFixture({ kubernetesVersion });
  const { call } = fixture;
  await call("POST", "/api/v1/nodes", {
    metadata: { name: "n1", labels: { "kubernetes.io/os": "linux" } },
    status: { capacity: { cpu: "2" }, conditions: [{ type: "Ready", status: "True" }] },
  });
  for (const name of ["p1", "p2"]) {
    await call("POST", "/api/v1/namespaces/default/pods", {
      metadata: { name, labels: { app: "x" } },
      spec: { containers: [{ name: "c", image: "busybox" }] },
    });
  }
  await call("POST", "/apis/coordination.k8s.io/v1/namespaces/default/leases", {
    metadata: { name: "l1" },
    spec: { holderIdentity: "n1", renewTime: "2026-01-02T03:04:05.123456Z" },
  });
  await call("POST", "/api/v1/namespaces/default/configmaps", {
    metadata: { name: "c1" },
    data: { a: "1" },
  });
  await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
    metadata: { name: "r1" },
    rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
  });
  await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
    metadata: { name: "b1" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "r1" },
    subjects: [{ kind: "User", name: "u", apiGroup: "rbac.authorization.k8s.io" }],
  });
  return fixture;
}

describe("protobuf lists", () => {
  for (
    const [path, listKind] of [
      ["/api/v1/nodes", "NodeList"],
      ["/api/v1/pods", "PodList"],
      ["/apis/coordination.k8s.io/v1/leases", "LeaseList"],
      ["/api/v1/configmaps", "ConfigMapList"],
      ["/apis/rbac.authorization.k8s.io/v1/clusterroles", "ClusterRoleList"],
      ["/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "ClusterRoleBindingList"],
    ]
  ) {
    it(`LIST ${path} answers a ${listKind} whose items match the JSON list`, async () => {
      const { call } = await populated();
      const json = await call("GET", path);
      const proto = await call("GET", path, undefined, ONLY);
      assert.equal(proto.status, 200);
      assert.equal(proto.headers.get("content-type"), PROTOBUF);
      const list = decodeList(proto.bytes);
      assert.equal(list.kind, listKind);
      const items = list.object.items as Record<string, unknown>[];
      assert.ok(items.length > 0);
      assert.equal(items.length, json.json.items.length);
      items.forEach((item, i) => {
        const expected = json.json.items[i];
        assert.equal((item.metadata as { name: string }).name, expected.metadata.name);
        assert.deepEqual(
          (item.metadata as { labels?: unknown }).labels,
          expected.metadata.labels,
        );
      });
      assert.equal(
        (list.object.metadata as { resourceVersion: string }).resourceVersion,
        json.json.metadata.resourceVersion,
      );
    });
  }

  it("pages carry continue and remainingItemCount", async () => {
    const { call } = await populated();
    const page = decodeList((await call("GET", "/api/v1/pods?limit=1", undefined, ONLY)).bytes);
    const metadata = page.object.metadata as Record<string, unknown>;
    assert.equal((page.object.items as unknown[]).length, 1);
    assert.equal(typeof metadata.continue, "string");
    assert.ok((metadata.remainingItemCount as number) > 0);
  });
});

describe("ill-typed stored objects", () => {
  it("encode their ill-typed fields as Go's zero value instead of failing the whole LIST", async () => {
    const { call, cluster } = kubeFixture();
    // The API refuses such bodies (400, as kube-apiserver), but an object written straight to
    // the store (seeds, controllers) could still be ill-typed, so protobuf must cope.
    const refused = await call("POST", "/api/v1/namespaces/default/configmaps", {
      metadata: { name: "bad" },
      data: { a: 1 },
    });
    assert.equal(refused.status, 400);
    cluster.store.create(cluster.catalog.find("", "v1", "configmaps")!, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "bad", namespace: "default", creationTimestamp: "yesterday" },
      data: { a: 1 },
      immutable: "yes",
    } as never);
    await call("POST", "/api/v1/namespaces/default/configmaps", {
      metadata: { name: "good" },
      data: { a: "1" },
    });
    const list = await call("GET", "/api/v1/namespaces/default/configmaps", undefined, ONLY);
    assert.equal(list.status, 200);
    const items = decodeList(list.bytes).object.items as { metadata: { name: string } }[];
    assert.deepEqual(items.map((i) => i.metadata.name).filter((n) => n !== "kube-root-ca.crt"), [
      "bad",
      "good",
    ]);
  });
});

describe("protobuf watch", () => {
  it("streams length-prefixed WatchEvents with initial events and the initial-events-end bookmark", async () => {
    // WatchList is on by default in 1.34 (off in 1.33).
    const { call } = await populated("v1.34.1");
    const watch = await call(
      "GET",
      "/api/v1/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan" +
        "&allowWatchBookmarks=true&timeoutSeconds=1",
      undefined,
      { accept: `${PROTOBUF};stream=watch` },
    );
    assert.equal(watch.status, 200);
    assert.equal(watch.headers.get("content-type"), `${PROTOBUF};stream=watch`);
    const events = decodeFrames(watch.bytes);
    const json = await call("GET", "/api/v1/configmaps");
    const added = events.filter((e) => e.type === "ADDED");
    assert.ok(added.length > 0);
    assert.equal(added.length, json.json.items.length);
    assert.ok(added.every((e) => e.kind === "ConfigMap"));
    const bookmark = events.find((e) => e.type === "BOOKMARK");
    assert.ok(bookmark, "a bookmark ends the initial events");
    assert.equal(bookmark.kind, "ConfigMap");
    const meta = bookmark.object.metadata as Record<string, Record<string, string>>;
    assert.equal(meta.annotations["k8s.io/initial-events-end"], "true");
  });

  it("sends changes as they happen, objects in protobuf", async () => {
    const { call } = kubeFixture();
    const rv = (await call("GET", "/api/v1/namespaces/default/configmaps")).json.metadata
      .resourceVersion;
    const pending = call(
      "GET",
      `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=1`,
      undefined,
      ONLY,
    );
    await call("POST", "/api/v1/namespaces/default/configmaps", {
      metadata: { name: "w" },
      data: { a: "1" },
    });
    await call("DELETE", "/api/v1/namespaces/default/configmaps/w");
    const events = decodeFrames((await pending).bytes);
    assert.deepEqual(events.map((e) => e.type), ["ADDED", "DELETED"]);
    assert.deepEqual(events[0].object.data, { a: "1" });
  });
});

describe("content negotiation", () => {
  it("answers protobuf when preferred by order or q-value, JSON otherwise", async () => {
    const { call } = kubeFixture();
    const type = async (accept: string) =>
      (await call("GET", "/api/v1/nodes", undefined, { accept })).headers.get("content-type");
    assert.equal(await type(`${PROTOBUF}, application/json`), PROTOBUF);
    assert.equal(await type(`application/json, ${PROTOBUF}`), "application/json");
    assert.equal(await type(`application/json;q=0.5, ${PROTOBUF}`), PROTOBUF);
    assert.equal(await type(`*/*, ${PROTOBUF}`), PROTOBUF, "a wildcard sorts after a type");
    assert.equal(await type(`application/*`), "application/json");
  });

  it("as=Table has no protobuf form: a protobuf-only Table request is 406", async () => {
    const { call } = kubeFixture();
    const table = await call("GET", "/api/v1/nodes", undefined, {
      accept: `${PROTOBUF};as=Table;v=v1;g=meta.k8s.io`,
    });
    assert.equal(table.status, 406);
    assert.equal(table.json.reason, "NotAcceptable");
    assert.equal(
      table.json.message,
      "only the following media types are accepted: application/json, application/yaml, " +
        "application/vnd.kubernetes.protobuf",
    );
    const fallback = await call("GET", "/api/v1/nodes", undefined, {
      accept:
        `${PROTOBUF};as=Table;v=v1;g=meta.k8s.io, application/json;as=Table;v=v1;g=meta.k8s.io`,
    });
    assert.equal(fallback.json.kind, "Table");
  });

  it("custom resources have no protobuf: 406 when only protobuf is accepted, else JSON", async () => {
    const { call } = kubeFixture();
    const crd = await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        }],
      },
    }, { accept: `${PROTOBUF}, application/json` });
    assert.equal(crd.status, 201);
    assert.equal(crd.headers.get("content-type"), PROTOBUF, "the CRD itself is built-in");
    const widgets = "/apis/example.com/v1/namespaces/default/widgets";
    const only = await call("GET", widgets, undefined, ONLY);
    assert.equal(only.status, 406);
    // The custom resource handler's serializers include protobuf (for PartialObjectMetadata), and
    // the 406 lists them all (apiextensions-apiserver customresource_handler.go).
    assert.equal(
      only.json.message,
      "only the following media types are accepted: application/json, application/yaml, " +
        "application/vnd.kubernetes.protobuf",
    );
    const either = await call("GET", widgets, undefined, { accept: `${PROTOBUF}, */*` });
    assert.equal(either.json.kind, "WidgetList");
    const watch = await call("GET", `${widgets}?watch=true`, undefined, ONLY);
    assert.equal(watch.status, 406);
    assert.equal(
      watch.json.message,
      "only the following media types are accepted: application/json;stream=watch, " +
        "application/vnd.kubernetes.protobuf;stream=watch",
    );
    // A write negotiates first: refused, and nothing is created.
    const created = await call("POST", widgets, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
    }, ONLY);
    assert.equal(created.status, 406);
    assert.equal((await call("GET", `${widgets}/w`)).status, 404);
  });
});

describe("PartialObjectMetadata", () => {
  const PARTIAL = ";as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
  const PARTIAL_LIST = ";as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

  it("GET and LIST answer metadata only in JSON, typed meta.k8s.io/v1", async () => {
    const { call } = await populated();
    const one = await call("GET", "/api/v1/namespaces/default/pods/p1", undefined, {
      accept: `application/json${PARTIAL}`,
    });
    assert.deepEqual(Object.keys(one.json), ["kind", "apiVersion", "metadata"]);
    assert.equal(one.json.kind, "PartialObjectMetadata");
    assert.equal(one.json.apiVersion, "meta.k8s.io/v1");
    assert.equal(one.json.metadata.name, "p1");
    const list = await call("GET", "/api/v1/namespaces/default/pods", undefined, {
      accept: `application/json${PARTIAL_LIST}`,
    });
    assert.equal(list.json.kind, "PartialObjectMetadataList");
    assert.deepEqual(list.json.items.map((i: { kind: string }) => i.kind), [
      "PartialObjectMetadata",
      "PartialObjectMetadata",
    ]);
    assert.equal(list.json.items[0].spec, undefined);
  });

  it("LIST in protobuf (controller-runtime's metadata client) for pods and custom resources", async () => {
    const { call } = await populated();
    const accept = `${PROTOBUF}${PARTIAL_LIST},application/json${PARTIAL_LIST}`;
    const pods = await call("GET", "/api/v1/namespaces/default/pods", undefined, { accept });
    assert.equal(pods.headers.get("content-type"), PROTOBUF);
    const decoded = decodeKubernetesProtobuf(pods.bytes);
    assert.equal(decoded.apiVersion, "meta.k8s.io/v1");
    assert.equal(decoded.kind, "PartialObjectMetadataList");
    const items = decoded.object.items as { metadata: { name: string } }[];
    assert.deepEqual(items.map((i) => i.metadata.name), ["p1", "p2"]);
    assert.deepEqual(Object.keys(items[0]), ["metadata"], "no spec, no status");
    await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      metadata: { name: "gadgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "gadgets", singular: "gadget", kind: "Gadget" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        }],
      },
    });
    const path = "/apis/example.com/v1/namespaces/default/gadgets";
    await call("POST", path, {
      apiVersion: "example.com/v1",
      kind: "Gadget",
      metadata: { name: "g" },
    });
    const gadgets = await call("GET", path, undefined, { accept: `${PROTOBUF}${PARTIAL_LIST}` });
    assert.equal(gadgets.status, 200);
    assert.equal(decodeKubernetesProtobuf(gadgets.bytes).kind, "PartialObjectMetadataList");
  });

  it("a protobuf watch sends PartialObjectMetadata frames, the bookmark too", async () => {
    const { call } = await populated("v1.34.1");
    const stream = await call(
      "GET",
      "/api/v1/namespaces/default/pods?watch=true&sendInitialEvents=true&allowWatchBookmarks=true" +
        "&resourceVersionMatch=NotOlderThan&timeoutSeconds=1",
      undefined,
      { accept: `${PROTOBUF}${PARTIAL};stream=watch` },
    );
    const events = decodeFrames(stream.bytes);
    assert.deepEqual(events.map((e) => [e.type, e.kind]), [
      ["ADDED", "PartialObjectMetadata"],
      ["ADDED", "PartialObjectMetadata"],
      ["BOOKMARK", "PartialObjectMetadata"],
    ]);
    assert.equal(
      (events[2].object.metadata as { annotations: Record<string, string> }).annotations[
        "k8s.io/initial-events-end"
      ],
      "true",
    );
  });
});

describe("406 NotAcceptable", () => {
  it("an Accept naming nothing fkas serves is 406 with kube-apiserver's Status", async () => {
    const { call } = kubeFixture();
    const refused = await call("GET", "/api/v1/nodes", undefined, { accept: "text/html" });
    assert.equal(refused.status, 406);
    assert.deepEqual(refused.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "only the following media types are accepted: application/json, " +
        "application/yaml, application/vnd.kubernetes.protobuf",
      reason: "NotAcceptable",
      code: 406,
    });
    const bad = await call("GET", "/api/v1/nodes", undefined, { accept: `${PROTOBUF};stream=foo` });
    assert.equal(bad.status, 406, "only stream=watch exists");
  });

  it("a */* clause always matches: the answer falls back to JSON", async () => {
    const { call } = kubeFixture();
    const answer = await call("GET", "/api/v1/nodes", undefined, {
      accept: "text/html, */*;q=0.1",
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("content-type"), "application/json");
  });
});

describe("protobuf per Kubernetes minor", () => {
  it("a cluster answers with its own minor's messages: 1.29 has no Lease strategy, 1.33 has", async () => {
    const strategy = async (kubernetesVersion: string) => {
      const { call } = kubeFixture({ kubernetesVersion });
      await call("POST", "/apis/coordination.k8s.io/v1/namespaces/default/leases", {
        metadata: { name: "l1" },
        spec: { holderIdentity: "n1", strategy: "OldestEmulationVersion" },
      });
      const path = "/apis/coordination.k8s.io/v1/namespaces/default/leases/l1";
      const json = (await call("GET", path)).json;
      const got = await call("GET", path, undefined, ONLY);
      const spec = decodeKubernetesProtobuf(got.bytes).object.spec as Record<string, unknown>;
      return [json.spec.strategy, spec.strategy];
    };
    assert.deepEqual(await strategy("v1.33.1"), [
      "OldestEmulationVersion",
      "OldestEmulationVersion",
    ]);
    const [, old] = await strategy("v1.29.4");
    assert.equal(old, undefined, "LeaseSpec field 6 is not in k8s.io/api v0.29");
  });

  it("a protobuf body loses what its cluster's minor lacks, as gogo's Unmarshal skips it", async () => {
    const stored = async (kubernetesVersion: string) => {
      const { call } = kubeFixture({ kubernetesVersion });
      const body = encodeKubernetesProtobuf({
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name: "l1", namespace: "default" },
        spec: { holderIdentity: "n1", strategy: "OldestEmulationVersion" },
      });
      const created = await call(
        "POST",
        "/apis/coordination.k8s.io/v1/namespaces/default/leases",
        body,
        { "content-type": PROTOBUF },
      );
      assert.equal(created.status, 201);
      // Protobuf has no unknown-field warnings: the decoder never sees the field.
      assert.equal(created.headers.get("warning"), null);
      const path = "/apis/coordination.k8s.io/v1/namespaces/default/leases/l1";
      return (await call("GET", path)).json.spec;
    };
    assert.equal((await stored("v1.33.1")).strategy, "OldestEmulationVersion");
    assert.deepEqual(await stored("v1.29.4"), { holderIdentity: "n1" });
  });
});

describe("protobuf discovery", () => {
  it("legacy discovery documents go out in protobuf to a client that prefers it", async () => {
    const { call } = kubeFixture();
    const resources = await call("GET", "/api/v1", undefined, {
      accept: `${PROTOBUF}, application/json`,
    });
    assert.equal(resources.headers.get("content-type"), PROTOBUF);
    const decoded = decodeKubernetesProtobuf(resources.bytes);
    assert.equal(decoded.kind, "APIResourceList");
    const json = (await call("GET", "/api/v1")).json;
    assert.deepEqual(decoded.object.resources, json.resources);
    const groups = await call("GET", "/apis", undefined, ONLY);
    assert.equal(decodeKubernetesProtobuf(groups.bytes).kind, "APIGroupList");
  });
});
