// Keys a client sends (`__proto__`, `constructor`, `toString`) are plain data on every write path:
// JSON.parse makes `"__proto__"` an own key, and assigning it into `{}` would call the prototype
// setter instead (dropping it, or re-parenting the object).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const SECRETS = "/api/v1/namespaces/default/secrets";
const MERGE = { "content-type": "application/merge-patch+json" };
const STRATEGIC = { "content-type": "application/strategic-merge-patch+json" };
const JSON_PATCH = { "content-type": "application/json-patch+json" };

/** The own keys and values of a parsed answer's map, and that its prototype is untouched. */
function ownEntries(value: unknown): [string, unknown][] {
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  return Object.entries(value as Record<string, unknown>);
}

async function withConfigMap() {
  const fixture = kubeFixture();
  const created = await fixture.call(
    "POST",
    CM,
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},' +
      '"data":{"__proto__":"p","constructor":"c","toString":"t"}}',
  );
  assert.equal(created.status, 201);
  return fixture;
}

describe("user keys named like Object.prototype members", () => {
  it("create and get keep __proto__, constructor and toString data keys", async () => {
    const { call } = await withConfigMap();
    const { json } = await call("GET", `${CM}/a`);
    assert.deepEqual(ownEntries(json.data), [["__proto__", "p"], ["constructor", "c"], [
      "toString",
      "t",
    ]]);
  });

  it("a merge patch sets and removes a __proto__ key like any other", async () => {
    const { call } = await withConfigMap();
    const set = await call("PATCH", `${CM}/a`, '{"data":{"__proto__":"p2"}}', MERGE);
    assert.equal(set.status, 200);
    assert.equal(Object.getOwnPropertyDescriptor(set.json.data, "__proto__")?.value, "p2");
    const removed = await call("PATCH", `${CM}/a`, '{"data":{"__proto__":null}}', MERGE);
    assert.deepEqual(ownEntries(removed.json.data), [["constructor", "c"], ["toString", "t"]]);
  });

  it("a strategic merge patch sets a __proto__ key like any other", async () => {
    const { call } = await withConfigMap();
    const body = '{"data":{"__proto__":"p3"},"metadata":{"annotations":{"constructor":"x"}}}';
    const { status, json } = await call("PATCH", `${CM}/a`, body, STRATEGIC);
    assert.equal(status, 200);
    assert.equal(Object.getOwnPropertyDescriptor(json.data, "__proto__")?.value, "p3");
    assert.deepEqual(ownEntries(json.metadata.annotations), [["constructor", "x"]]);
  });

  it("a JSON patch adds and removes /data/__proto__", async () => {
    const { call } = await withConfigMap();
    const add = '[{"op":"replace","path":"/data/__proto__","value":"p4"}]';
    const added = await call("PATCH", `${CM}/a`, add, JSON_PATCH);
    assert.equal(added.status, 200);
    assert.equal(Object.getOwnPropertyDescriptor(added.json.data, "__proto__")?.value, "p4");
    const remove = '[{"op":"remove","path":"/data/__proto__"}]';
    const removed = await call("PATCH", `${CM}/a`, remove, JSON_PATCH);
    assert.deepEqual(ownEntries(removed.json.data), [["constructor", "c"], ["toString", "t"]]);
  });

  it("an update keeps a __proto__ key", async () => {
    const { call } = await withConfigMap();
    const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},' +
      '"data":{"__proto__":"p5"}}';
    const { status, json } = await call("PUT", `${CM}/a`, body);
    assert.equal(status, 200);
    assert.deepEqual(ownEntries(json.data), [["__proto__", "p5"]]);
  });

  it("Secret stringData keys __proto__ and constructor land in data", async () => {
    const { call } = kubeFixture();
    const body = '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},' +
      '"data":{"a":"YQ=="},"stringData":{"__proto__":"x","constructor":"y"}}';
    const { status, json } = await call("POST", SECRETS, body);
    assert.equal(status, 201);
    // Sorted, as Go's encoding/json writes a map.
    assert.deepEqual(ownEntries(json.data), [["__proto__", "eA=="], ["a", "YQ=="], [
      "constructor",
      "eQ==",
    ]]);
    const put = '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},' +
      '"stringData":{"__proto__":"z"}}';
    const updated = await call("PUT", `${SECRETS}/s`, put);
    assert.deepEqual(ownEntries(updated.json.data), [["__proto__", "eg=="]]);
  });

  it("no write leaves anything on Object.prototype", async () => {
    const { call } = await withConfigMap();
    await call("PATCH", `${CM}/a`, '{"data":{"__proto__":{"polluted":"yes"}}}', MERGE);
    await call("PATCH", `${CM}/a`, '{"__proto__":{"polluted":"yes"}}', STRATEGIC);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
