import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, kubeFixture } from "./kube_fixture.ts";

const cm = (name: string) => ({ metadata: { name }, data: { a: "1" } });

// Two ConfigMaps in two namespaces, and a request helper that, like the cluster listener, hands
// the app the request-target as sent (which `new Request` resolves `..` out of).
async function twoNamespaces() {
  const fixture = kubeFixture();
  await fixture.call("POST", "/api/v1/namespaces", { metadata: { name: "other" } });
  await fixture.call("POST", "/api/v1/namespaces/default/configmaps", cm("a"));
  await fixture.call("POST", "/api/v1/namespaces/other/configmaps", cm("b"));
  const raw = async (method: string, target: string) => {
    const response = await fixture.app.request(target, { method }, {
      cluster: fixture.cluster,
      client: ADMIN,
      target,
    });
    const text = await response.text();
    return { status: response.status, text, json: text.startsWith("{") ? JSON.parse(text) : {} };
  };
  const names = async () =>
    (await fixture.call("GET", "/api/v1/configmaps")).json.items.map(
      (item: { metadata: { name: string } }) => item.metadata.name,
    );
  return { ...fixture, raw, names };
}

describe("namespaced resources without a namespace", () => {
  it("DELETE /api/v1/configmaps is 405 with go-restful's Status and deletes nothing", async () => {
    const { call, names } = await twoNamespaces();
    const deleted = await call("DELETE", "/api/v1/configmaps");
    assert.equal(deleted.status, 405);
    assert.deepEqual(deleted.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server does not allow this method on the requested resource",
      reason: "MethodNotAllowed",
      details: {},
      code: 405,
    });
    assert.deepEqual(await names(), ["a", "b"]);
  });

  it("only list and watch are served: POST is 405, a name is 404", async () => {
    const { call } = await twoNamespaces();
    assert.equal((await call("POST", "/api/v1/configmaps", cm("c"))).status, 405);
    assert.equal((await call("GET", "/api/v1/configmaps/a")).status, 404);
    assert.equal((await call("DELETE", "/api/v1/configmaps/a")).status, 404);
    assert.equal((await call("PUT", "/api/v1/configmaps/a", cm("a"))).status, 404);
    assert.equal((await call("GET", "/api/v1/watch/configmaps/a")).status, 404);
    assert.equal((await call("GET", "/api/v1/configmaps")).status, 200);
  });

  it("an empty namespace segment names no namespace: 404, not all of them", async () => {
    const { call, names } = await twoNamespaces();
    assert.equal((await call("DELETE", "/api/v1/namespaces//configmaps")).status, 404);
    assert.equal((await call("GET", "/api/v1/namespaces//configmaps")).status, 404);
    assert.deepEqual(await names(), ["a", "b"]);
  });
});

describe("dot segments are routed as sent, never resolved", () => {
  for (const dots of ["..", "%2e%2e", "%2E."]) {
    it(`DELETE /api/v1/namespaces/${dots}/configmaps deletes nothing`, async () => {
      const { raw, names } = await twoNamespaces();
      const deleted = await raw("DELETE", `/api/v1/namespaces/${dots}/configmaps`);
      assert.equal(deleted.status, 200);
      assert.deepEqual(await names(), ["a", "b"]);
    });
  }

  it("a name of `..` is kube-apiserver's 400; a path that is not a resource's is 404", async () => {
    const { raw } = await twoNamespaces();
    const named = await raw("GET", "/api/v1/namespaces/default/configmaps/..");
    assert.equal(named.status, 400);
    assert.equal(named.json.message, `Name parameter invalid: "..": may not be '..'`);
    const percent = await raw("GET", "/api/v1/namespaces/default/configmaps/a%25b");
    assert.equal(percent.json.message, `Name parameter invalid: "a%b": may not contain '%'`);
    assert.equal((await raw("GET", "/api/v1/namespaces/default/configmaps/./..")).status, 404);
    assert.equal((await raw("GET", "/api/v1/../version")).status, 404);
    assert.equal((await raw("GET", "/api/v1/namespaces/default/configmaps/a")).status, 200);
  });
});

describe("malformed percent-escapes", () => {
  for (const path of ["/api/v1/namespaces/default/configmaps/%ZZ", "/api/v1/%", "/version%"]) {
    it(`${path} is Go's plain-text 400 Bad Request`, async () => {
      const { status, text, headers } = await kubeFixture().call("GET", path);
      assert.equal(status, 400);
      assert.equal(text, "400 Bad Request");
      assert.equal(headers.get("content-type"), "text/plain; charset=utf-8");
    });
  }

  it("%ff (not UTF-8) is a name like any other: 404", async () => {
    const { status, json } = await kubeFixture().call(
      "GET",
      "/api/v1/namespaces/default/configmaps/%ff",
    );
    assert.equal(status, 404);
    assert.equal(json.reason, "NotFound");
  });

  it("%2F separates segments, as Go routes the decoded path", async () => {
    const { call } = await twoNamespaces();
    assert.equal((await call("GET", "/api/v1/namespaces/default%2Fconfigmaps/a")).status, 200);
  });

  it("a query pair with a malformed escape or a semicolon is dropped, as Go's URL.Query()", async () => {
    const { call } = await twoNamespaces();
    const list = (query: string) => call("GET", `/api/v1/configmaps?${query}`);
    assert.equal((await list("labelSelector=%ZZ")).json.items.length, 2);
    assert.equal((await list("limit=1;x")).json.items.length, 2);
    assert.equal((await list("limit=%1&limit=1")).json.items.length, 1);
    assert.equal((await list("fieldSelector=metadata.name%3Da")).json.items.length, 1);
  });
});

describe("query values past a number's precision", () => {
  it("a resourceVersion beyond uint64 is 400; one beyond 2^53 is named with its own digits", async () => {
    const { call } = kubeFixture();
    const over = await call("GET", "/api/v1/configmaps?resourceVersion=18446744073709551616");
    assert.equal(over.status, 400);
    const far = await call("GET", "/api/v1/configmaps?resourceVersion=18446744073709551615");
    assert.equal(far.status, 504);
    assert.match(far.json.message, /^Too large resource version: 18446744073709551615, current: /);
  });
});
