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
});
