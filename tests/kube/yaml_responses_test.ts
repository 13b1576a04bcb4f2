// `Accept: application/yaml` as kube-apiserver answers it: GET, LIST, writes, Tables, discovery
// and errors in YAML (sigs.k8s.io/yaml's form), JSON when JSON is preferred, 406 for a watch.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goYaml } from "../../src/encoding/go_yaml.ts";
import { kubeFixture } from "./kube_fixture.ts";

const YAML = { accept: "application/yaml" };
const CM = "/api/v1/namespaces/default/configmaps";

async function withConfigMap() {
  const fixture = kubeFixture();
  const created = await fixture.call("POST", CM, {
    metadata: { name: "cm", labels: { app: "web", "10": "x" } },
    data: { "a.conf": "line1\nline2\n", flag: "true", count: "12", text: "plain text" },
  }, YAML);
  return { ...fixture, created };
}

describe("YAML answers", () => {
  it("a create answers the stored object in YAML, keys sorted, scalars quoted as go-yaml does", async () => {
    const { created } = await withConfigMap();
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("content-type"), "application/yaml");
    assert.equal(
      created.text.replace(/\n {2}managedFields:\n(?: {2}[- ].*\n)*/, "\n"),
      [
        "apiVersion: v1",
        "data:",
        "  a.conf: |",
        "    line1",
        "    line2",
        '  count: "12"',
        '  flag: "true"',
        "  text: plain text",
        "kind: ConfigMap",
        "metadata:",
        '  creationTimestamp: "2026-01-02T03:04:05Z"',
        "  labels:",
        '    "10": x',
        "    app: web",
        "  name: cm",
        "  namespace: default",
        '  resourceVersion: "' + /resourceVersion: "(\d+)"/.exec(created.text)![1] + '"',
        "  uid: " + /uid: (uid-\d+)/.exec(created.text)![1],
        "",
      ].join("\n"),
    );
  });

  it("GET and LIST in YAML are the JSON answers written as YAML", async () => {
    const { call } = await withConfigMap();
    for (const path of [`${CM}/cm`, CM, "/api/v1/namespaces"]) {
      const json = await call("GET", path);
      const yaml = await call("GET", path, undefined, YAML);
      assert.equal(yaml.status, 200);
      assert.equal(yaml.headers.get("content-type"), "application/yaml");
      assert.equal(yaml.text, goYaml(json.json), path);
    }
  });

  it("YAML is chosen by q-value and order, JSON when it comes first", async () => {
    const { call } = await withConfigMap();
    const first = await call("GET", `${CM}/cm`, undefined, {
      accept: "application/json;q=0.5, application/yaml",
    });
    assert.equal(first.headers.get("content-type"), "application/yaml");
    const json = await call("GET", `${CM}/cm`, undefined, {
      accept: "application/json, application/yaml",
    });
    assert.equal(json.headers.get("content-type"), "application/json");
    const wildcard = await call("GET", `${CM}/cm`, undefined, { accept: "application/yaml, */*" });
    assert.equal(wildcard.headers.get("content-type"), "application/yaml");
  });

  it("a Table and PartialObjectMetadata can be asked for in YAML", async () => {
    const { call } = await withConfigMap();
    const table = await call("GET", CM, undefined, {
      accept: "application/yaml;as=Table;g=meta.k8s.io;v=v1",
    });
    assert.equal(table.headers.get("content-type"), "application/yaml");
    assert.match(table.text, /^apiVersion: meta.k8s.io\/v1\ncolumnDefinitions:\n- description: /);
    const partial = await call("GET", `${CM}/cm`, undefined, {
      accept: "application/yaml;as=PartialObjectMetadata;g=meta.k8s.io;v=v1",
    });
    assert.match(partial.text, /^apiVersion: meta.k8s.io\/v1\nkind: PartialObjectMetadata\n/);
  });

  it("errors are Status objects in YAML", async () => {
    const { call } = kubeFixture();
    const missing = await call("GET", `${CM}/nope`, undefined, YAML);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), "application/yaml");
    assert.equal(
      missing.text,
      [
        "apiVersion: v1",
        "code: 404",
        "details:",
        "  kind: configmaps",
        "  name: nope",
        "kind: Status",
        'message: configmaps "nope" not found',
        "metadata: {}",
        "reason: NotFound",
        "status: Failure",
        "",
      ].join("\n"),
    );
  });

  it("a watch cannot be answered in YAML: 406 listing the stream media types, in JSON", async () => {
    const { call } = kubeFixture();
    const watch = await call("GET", `${CM}?watch=true`, undefined, YAML);
    assert.equal(watch.status, 406);
    assert.equal(watch.headers.get("content-type"), "application/json");
    assert.equal(
      watch.json.message,
      "only the following media types are accepted: application/json;stream=watch, " +
        "application/vnd.kubernetes.protobuf;stream=watch",
    );
    const streamed = await call("GET", `${CM}/cm`, undefined, {
      accept: "application/yaml;stream=watch",
    });
    assert.equal(streamed.status, 406);
  });

  it("discovery documents are YAML too, /version stays JSON", async () => {
    const { call } = kubeFixture();
    const api = await call("GET", "/api", undefined, YAML);
    assert.equal(api.headers.get("content-type"), "application/yaml");
    // The legacy /api document carries no apiVersion, in JSON as in YAML.
    assert.match(api.text, /^kind: APIVersions\nserverAddressByClientCIDRs:\n- clientCIDR: /);
    const group = await call("GET", "/apis/apps/v1", undefined, YAML);
    assert.match(group.text, /^apiVersion: v1\ngroupVersion: apps\/v1\nkind: APIResourceList\n/);
    const version = await call("GET", "/version", undefined, YAML);
    assert.equal(version.headers.get("content-type"), "application/json");
  });
});
