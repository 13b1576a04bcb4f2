// Strategic merge patches kube-apiserver refuses, answered as its patch handler answers them:
// mergepatch's sentinel errors 400, every other strategicpatch error a plain 500, and a patch that
// removes the name the patcher's checkName 400. Seen against kube-apiserver v1.36.3
// (scripts/oracle/serve.ts, 2026-12-07).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const SMP = { "content-type": "application/strategic-merge-patch+json" };

async function withConfigMap() {
  const fixture = kubeFixture();
  await fixture.call("POST", CM, { metadata: { name: "c1" }, data: { a: "b" } });
  return fixture;
}

describe("strategic merge patch errors", () => {
  it("an unknown $patch directive is 500 with no reason (mergepatch.ErrBadPatchType)", async () => {
    const { call } = await withConfigMap();
    const cases: [string, string][] = [
      ['{"$patch":"bogus"}', "unknown patch type: bogus in map: map[$patch:bogus]"],
      ['{"data":{"$patch":"bogus"}}', "unknown patch type: bogus in map: map[$patch:bogus]"],
      ['{"$patch":5}', "unknown patch type: %!s(int64=5) in map: map[$patch:5]"],
    ];
    for (const [patch, message] of cases) {
      const refused = await call("PATCH", `${CM}/c1`, patch, SMP);
      assert.equal(refused.status, 500, patch);
      assert.deepEqual(refused.json, {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message,
        code: 500,
      });
    }
    const kept = await call("GET", `${CM}/c1`);
    assert.deepEqual(kept.json.data, { a: "b" });
  });

  it("a malformed $retainKeys stays a 400 BadRequest (a sentinel error)", async () => {
    const { call } = await withConfigMap();
    const refused = await call("PATCH", `${CM}/c1`, '{"$retainKeys":"x"}', SMP);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.reason, "BadRequest");
    assert.equal(refused.json.message, "invalid patch format of retainKeys");
  });

  it("a patch that deletes the object's name is 400 and changes nothing", async () => {
    const { call } = await withConfigMap();
    const message =
      "the name of the object (c1 based on URL) was undeterminable: name must be provided";
    const attempts: [string, Record<string, string>][] = [
      ['{"$patch":"delete"}', SMP],
      ['{"$patch":"replace"}', SMP],
      ['{"metadata":{"$patch":"delete"}}', SMP],
      ['{"metadata":{"name":null}}', { "content-type": "application/merge-patch+json" }],
      ['[{"op":"remove","path":"/metadata/name"}]', {
        "content-type": "application/json-patch+json",
      }],
    ];
    for (const [patch, headers] of attempts) {
      const refused = await call("PATCH", `${CM}/c1`, patch, headers);
      assert.equal(refused.status, 400, patch);
      assert.equal(refused.json.reason, "BadRequest");
      assert.equal(refused.json.message, message);
    }
    const kept = await call("GET", `${CM}/c1`);
    assert.deepEqual(kept.json.data, { a: "b" });
  });

  it("checks the patched object's decoding first, then its namespace, then its name", async () => {
    const { call } = await withConfigMap();
    const merge = { "content-type": "application/merge-patch+json" };
    const undecodable = await call(
      "PATCH",
      `${CM}/c1`,
      '{"metadata":{"name":null},"data":5}',
      merge,
    );
    assert.equal(undecodable.status, 422);
    assert.equal(undecodable.json.reason, "Invalid");
    for (const headers of [SMP, merge]) {
      const moved = await call(
        "PATCH",
        `${CM}/c1`,
        '{"metadata":{"name":"c1","namespace":"other"}}',
        headers,
      );
      assert.equal(moved.status, 400);
      assert.equal(
        moved.json.message,
        "the namespace of the provided object does not match the namespace sent on the request",
      );
      const renamed = await call("PATCH", `${CM}/c1`, '{"metadata":{"name":"c2"}}', headers);
      assert.equal(renamed.status, 400);
      assert.equal(
        renamed.json.message,
        "the name of the object (c2) does not match the name on the URL (c1)",
      );
    }
  });

  it("a namespace patched into a cluster-scoped object is dropped, as kube-apiserver drops it", async () => {
    const { call } = kubeFixture();
    const ROLES = "/apis/rbac.authorization.k8s.io/v1/clusterroles";
    await call("POST", ROLES, { metadata: { name: "r" }, rules: [] });
    const patched = await call(
      "PATCH",
      `${ROLES}/r`,
      '{"metadata":{"namespace":"x","labels":{"a":"b"}}}',
      { "content-type": "application/merge-patch+json" },
    );
    assert.equal(patched.status, 200);
    assert.equal(patched.json.metadata.namespace, undefined);
    assert.deepEqual(patched.json.metadata.labels, { a: "b" });
    const stored = await call("GET", `${ROLES}/r`);
    assert.equal(stored.json.metadata.namespace, undefined);
  });
});
