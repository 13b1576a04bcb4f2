// Key order as kube-apiserver writes it: custom resources sorted at every level, built-in maps in Go's byte order.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { widgetCrd } from "../api/crd/_realistic_crd.ts";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
const CMS = "/api/v1/namespaces/default/configmaps";

// The client's order, deliberately unsorted at every level, with array-index keys.
const WIDGET = {
  spec: {
    mode: "Strict",
    extra: { zeta: 1, alpha: { y: 1, x: 2 }, "9": 2, "10": 1, ".x": 3 },
  },
  metadata: { name: "a", labels: { b: "1", a: "2" } },
  kind: "Widget",
  apiVersion: "example.com/v1",
};
// encoding/json's order of that map[string]interface{} once defaulted (replicas, minReplicas).
const SPEC =
  `"spec":{"extra":{".x":3,"10":1,"9":2,"alpha":{"x":2,"y":1},"zeta":1},"minReplicas":0,"mode":"Strict","replicas":1}`;
const METADATA_KEYS = [
  "creationTimestamp",
  "generation",
  "labels",
  "managedFields",
  "name",
  "namespace",
  "resourceVersion",
  "uid",
];

// The keys of the object that starts at `from` in JSON text, in the order written.
function keysAt(text: string, from: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (depth === 1 && text[end + 1] === ":") keys.push(text.slice(i + 1, end));
      i = end;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (--depth === 0) break;
    }
  }
  return keys;
}

async function withWidget() {
  const fixture = kubeFixture();
  assert.equal((await fixture.call("POST", CRDS, widgetCrd())).status, 201);
  const created = await fixture.call("POST", WIDGETS, WIDGET, { "user-agent": "kubectl/v1.33.1" });
  assert.equal(created.status, 201);
  return { ...fixture, created };
}

function assertSorted(text: string) {
  assert.ok(text.startsWith('{"apiVersion":"example.com/v1","kind":"Widget","metadata":{'), text);
  assert.deepEqual(keysAt(text, text.indexOf('"metadata":{') + 11), METADATA_KEYS);
  assert.ok(text.includes('"labels":{"a":"2","b":"1"}'), text);
  assert.ok(text.includes(SPEC), text);
  const managed = text.indexOf('"managedFields":[{') + 17;
  assert.deepEqual(keysAt(text, managed), [
    "apiVersion",
    "fieldsType",
    "fieldsV1",
    "manager",
    "operation",
    "time",
  ]);
}

describe("custom resources are written with every key sorted, as unstructured maps", () => {
  it("the create answer, GET, LIST and watch events all send Go's order", async () => {
    const { call, created } = await withWidget();
    assertSorted(created.text);
    const got = await call("GET", `${WIDGETS}/a`);
    assertSorted(got.text);
    const list = await call("GET", WIDGETS);
    assertSorted(list.text.slice(list.text.indexOf('"items":[') + 9));
    const watch = await call("GET", `${WIDGETS}?watch=true&resourceVersion=0&timeoutSeconds=1`);
    const event = watch.text.split("\n")[0];
    assert.ok(event.startsWith('{"type":"ADDED","object":'), event);
    assertSorted(event.slice(25));
  });

  it("a list is an UnstructuredList: envelope keys sorted, continue always set", async () => {
    const { call } = await withWidget();
    await call("POST", WIDGETS, { ...WIDGET, metadata: { name: "b" } });
    const list = await call("GET", WIDGETS);
    assert.ok(list.text.startsWith('{"apiVersion":"example.com/v1","items":[{'), list.text);
    assert.match(
      list.text,
      /\],"kind":"WidgetList","metadata":\{"continue":"","resourceVersion":"\d+"\}\}\n?$/,
    );
    const page = await call("GET", `${WIDGETS}?limit=1`);
    assert.match(
      page.text,
      /\],"kind":"WidgetList","metadata":\{"continue":"[^"]+","remainingItemCount":1,"resourceVersion":"\d+"\}\}\n?$/,
    );
  });

  it("a merge patch adding unsorted keys answers them sorted", async () => {
    const { call } = await withWidget();
    const patched = await call("PATCH", `${WIDGETS}/a`, {
      spec: { extra: { beta: { d: 1, c: 2 } } },
    }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.status, 200);
    assert.ok(
      patched.text.includes(
        `"extra":{".x":3,"10":1,"9":2,"alpha":{"x":2,"y":1},"beta":{"c":2,"d":1},"zeta":1}`,
      ),
      patched.text,
    );
  });

  it("a Table row's and PartialObjectMetadata's metadata are typed: ObjectMeta's Go order", async () => {
    const { call } = await withWidget();
    const table = await call("GET", WIDGETS, undefined, {
      accept: "application/json;as=Table;v=v1;g=meta.k8s.io",
    });
    // As kube-apiserver v1.36.3 answers (scripts/oracle): PartialObjectMetadata is a Go struct.
    const metadata = table.json.rows[0].object.metadata;
    assert.deepEqual(Object.keys(metadata).slice(0, 4), [
      "name",
      "namespace",
      "uid",
      "resourceVersion",
    ]);
    assert.deepEqual(Object.keys(metadata.managedFields[0]).slice(0, 3), [
      "manager",
      "operation",
      "apiVersion",
    ]);
    const partial = await call("GET", `${WIDGETS}/a`, undefined, {
      accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1",
    });
    assert.equal(Object.keys(partial.json.metadata)[0], "name");
  });

  it("YAML answers sort too (go-yaml's order)", async () => {
    const { call } = await withWidget();
    const yaml = await call("GET", `${WIDGETS}/a`, undefined, { accept: "application/yaml" });
    assert.ok(yaml.text.startsWith("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n"));
  });
});

describe("built-in maps are in Go's byte order", () => {
  // Data keys are [-._a-zA-Z0-9]+: Go's order differs from an object's for array-index keys.
  const DATA = { b: "1", a: "2", "99999": "x", "100000": "y", ".dot": "z" };

  it("array-index keys sort as bytes in JSON", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CMS, { metadata: { name: "m" }, data: DATA });
    assert.equal(created.status, 201);
    // encoding/json: ".dot" < "100000" < "99999" < "a" < "b".
    const data = `"data":{".dot":"z","100000":"y","99999":"x","a":"2","b":"1"}`;
    assert.ok(created.text.includes(data), created.text);
    assert.ok((await call("GET", `${CMS}/m`)).text.includes(data));
    const list = await call("GET", CMS);
    assert.ok(list.text.includes(data), list.text);
  });

  it("protobuf map entries are in the same order", async () => {
    const { call } = kubeFixture();
    await call("POST", CMS, { metadata: { name: "m" }, data: DATA });
    const bytes = (await call("GET", `${CMS}/m`, undefined, {
      accept: "application/vnd.kubernetes.protobuf",
    })).bytes;
    const at = (key: string) => {
      const needle = new TextEncoder().encode(key);
      for (let i = 0; i + needle.length <= bytes.length; i++) {
        if (bytes[i] === needle.length && needle.every((b, j) => bytes[i + 1 + j] === b)) return i;
      }
      return -1;
    };
    const positions = [".dot", "100000", "99999", "a", "b"].map(at);
    assert.ok(positions.every((p) => p > 0), String(positions));
    assert.deepEqual(positions, positions.toSorted((x, y) => x - y));
  });

  it("<, > and & in strings are escaped as encoding/json escapes them", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CMS, {
      metadata: { name: "m", annotations: { note: "a<b & c>d\u2028" } },
    });
    assert.ok(created.text.includes(`"note":"a\\u003cb \\u0026 c\\u003ed\\u2028"`), created.text);
    assert.equal(created.json.metadata.annotations.note, "a<b & c>d\u2028");
  });
});
