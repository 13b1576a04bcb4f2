// Request options as kube-apiserver reads them: boolean query conversion, and the 422 Invalid
// answers of ValidateListOptions, ValidateDeleteOptions and ValidatePatchOptions.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, kubeFixture } from "./kube_fixture.ts";
import { queryBool } from "../../src/kube/options_invalid.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });

// Reads the first chunk of an answer only: a watch never ends by itself.
async function firstChunk(fixture: ReturnType<typeof kubeFixture>, path: string) {
  const response = await fixture.app.request(path, {}, { cluster: fixture.cluster, client: ADMIN });
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return { status: response.status, text: new TextDecoder().decode(value) };
}

describe("boolean query parameters (Convert_Slice_string_To_bool)", () => {
  it("every value but 0 and false in any case is true, the empty string too", () => {
    for (const value of ["true", "True", "TRUE", "1", "yes", "", "2", "no"]) {
      assert.equal(queryBool(value), true, value);
    }
    for (const value of ["false", "False", "FALSE", "0", "fal\u017fe"]) {
      assert.equal(queryBool(value), false, value);
    }
    assert.equal(queryBool(null), false);
  });

  it("watch=True (the Python client's Watch().stream) starts a watch, watch=False lists", async () => {
    const fixture = kubeFixture();
    await fixture.call("POST", CM, cm("x"));
    for (const query of ["watch=True", "watch=yes", "watch", "watch="]) {
      const answer = await firstChunk(fixture, `${CM}?${query}`);
      assert.equal(answer.status, 200, query);
      assert.equal(JSON.parse(answer.text).type, "ADDED", query);
    }
    for (const query of ["watch=False", "watch=0", "watch=FALSE"]) {
      const answer = await firstChunk(fixture, `${CM}?${query}`);
      assert.equal(JSON.parse(answer.text).kind, "ConfigMapList", query);
    }
  });

  it("sendInitialEvents=False on a list is still set, and so forbidden", async () => {
    const { call } = kubeFixture();
    const { status, json } = await call("GET", `${CM}?sendInitialEvents=False`);
    assert.equal(status, 422);
    assert.equal(
      json.message,
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    );
  });
});

describe("ValidateListOptions (422 Invalid on ListOptions.meta.k8s.io)", () => {
  it("resourceVersionMatch without resourceVersion", async () => {
    const { call } = kubeFixture();
    const { status, json } = await call("GET", `${CM}?resourceVersionMatch=NotOlderThan`);
    assert.equal(status, 422);
    assert.deepEqual(json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "ListOptions",
        causes: [{
          reason: "FieldValueForbidden",
          message:
            "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
          field: "resourceVersionMatch",
        }],
      },
      code: 422,
    });
  });

  it("aggregates several errors in upstream's order", async () => {
    const { call } = kubeFixture();
    const { status, json } = await call(
      "GET",
      `${CM}?resourceVersionMatch=Newest&continue=abc&sendInitialEvents=true`,
    );
    assert.equal(status, 422);
    assert.equal(
      json.message,
      'ListOptions.meta.k8s.io "" is invalid: [' +
        "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, " +
        "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided, " +
        'resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", "", ' +
        "sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list]",
    );
    assert.deepEqual(
      json.details.causes.map((c: { reason: string }) => c.reason),
      [
        "FieldValueForbidden",
        "FieldValueForbidden",
        "FieldValueNotSupported",
        "FieldValueForbidden",
      ],
    );
  });

  it('resourceVersionMatch=Exact with resourceVersion "0"', async () => {
    const { call } = kubeFixture();
    const { status, json } = await call(
      "GET",
      `${CM}?resourceVersion=0&resourceVersionMatch=Exact`,
    );
    assert.equal(status, 422);
    assert.equal(
      json.details.causes[0].message,
      'Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    );
  });

  it("is checked before the resourceVersion is parsed, and for deletecollection too", async () => {
    const { call } = kubeFixture();
    const first = await call("GET", `${CM}?resourceVersion=abc&resourceVersionMatch=Bad`);
    assert.equal(first.status, 422);
    const deleted = await call("DELETE", `${CM}?resourceVersionMatch=Exact`);
    assert.equal(deleted.status, 422);
    assert.equal(deleted.json.details.kind, "ListOptions");
  });

  it("a watch with resourceVersionMatch and continue", async () => {
    const { call } = kubeFixture();
    const { status, json } = await call(
      "GET",
      `${CM}?watch=1&resourceVersionMatch=NotOlderThan&continue=x`,
    );
    assert.equal(status, 422);
    assert.equal(
      json.message,
      'ListOptions.meta.k8s.io "" is invalid: [' +
        "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided, " +
        "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided]",
    );
  });
});

describe("ValidateDeleteOptions (422 Invalid on DeleteOptions.meta.k8s.io)", () => {
  it("an unknown propagationPolicy, in the body or the query", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, cm("x"));
    const message =
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"';
    const body = await call("DELETE", `${CM}/x`, { propagationPolicy: "Sideways" });
    assert.equal(body.status, 422);
    assert.equal(body.json.message, message);
    assert.deepEqual(body.json.details, {
      group: "meta.k8s.io",
      kind: "DeleteOptions",
      causes: [{
        reason: "FieldValueNotSupported",
        message:
          'Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
        field: "propagationPolicy",
      }],
    });
    const query = await call("DELETE", `${CM}/x?propagationPolicy=Sideways`);
    assert.equal(query.json.message, message);
    // An empty parameter is a value ("") all the same.
    const empty = await call("DELETE", `${CM}/x?propagationPolicy=`);
    assert.equal(empty.status, 422);
  });

  it("orphanDependents with propagationPolicy", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, cm("x"));
    const { status, json } = await call("DELETE", `${CM}/x`, {
      orphanDependents: false,
      propagationPolicy: "Orphan",
    });
    assert.equal(status, 422);
    assert.equal(
      json.message,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set',
    );
    assert.equal(json.details.causes[0].reason, "FieldValueInvalid");
  });

  it("a dryRun other than All, rendered as the version renders a []string", async () => {
    const { call, cluster } = kubeFixture();
    await call("POST", CM, cm("x"));
    const old = await call("DELETE", `${CM}/x`, { dryRun: ["Some"] });
    assert.equal(
      old.json.message,
      'DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Some"}: supported values: "All"',
    );
    (cluster as { kubernetesVersion: string }).kubernetesVersion = "v1.34.1";
    const newer = await call("DELETE", `${CM}/x?dryRun=Some`);
    assert.equal(
      newer.json.message,
      'DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Some"]: supported values: "All"',
    );
  });

  it("a body's options replace the query's, as handlers/delete.go reads one or the other", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, cm("x"));
    const answer = await call("DELETE", `${CM}/x?propagationPolicy=Sideways`, {
      propagationPolicy: "Background",
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.status, "Success");
  });
});

describe("ValidatePatchOptions (422 Invalid on PatchOptions.meta.k8s.io)", () => {
  it("force on a non-apply patch, whatever its value", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, cm("x"));
    for (const force of ["true", "false"]) {
      const { status, json } = await call("PATCH", `${CM}/x?force=${force}`, { data: {} }, {
        "content-type": "application/merge-patch+json",
      });
      assert.equal(status, 422);
      assert.deepEqual(json.details, {
        group: "meta.k8s.io",
        kind: "PatchOptions",
        causes: [{
          reason: "FieldValueForbidden",
          message: "Forbidden: may not be specified for non-apply patch",
          field: "force",
        }],
      });
      assert.equal(
        json.message,
        'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
      );
    }
  });

  it("apply without a fieldManager names its cause", async () => {
    const { call } = kubeFixture();
    const { status, json } = await call("PATCH", `${CM}/x`, "{}", {
      "content-type": "application/apply-patch+yaml",
    });
    assert.equal(status, 422);
    assert.deepEqual(json.details.causes, [{
      reason: "FieldValueRequired",
      message: "Required value: is required for apply patch",
      field: "fieldManager",
    }]);
  });
});

describe("a continue token past the history (etcd3 handleCompactedErrorForPaging)", () => {
  it("is a 410 whose metadata.continue resumes at the latest resourceVersion", async () => {
    const { call } = kubeFixture({ historyLimit: 20 });
    for (let i = 0; i < 5; i++) await call("POST", CM, cm(`c${i}`));
    const first = await call("GET", `${CM}?limit=2`);
    for (let i = 0; i < 25; i++) await call("POST", CM, cm(`later${i}`));
    await call("DELETE", `${CM}/c3`);
    const expired = await call("GET", `${CM}?limit=2&continue=${first.json.metadata.continue}`);
    assert.equal(expired.status, 410);
    assert.equal(expired.json.reason, "Expired");
    assert.match(expired.json.message, /or use the continue token in this response/);
    const token = expired.json.metadata.continue;
    const decoded = JSON.parse(atob(token.replaceAll("-", "+").replaceAll("_", "/")));
    assert.deepEqual(decoded, { v: "meta.k8s.io/v1", rv: -1, start: "default/c2" });
    const resumed = await call("GET", `${CM}?limit=3&continue=${token}`);
    assert.equal(resumed.status, 200);
    assert.deepEqual(
      resumed.json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      ["c2", "c4", "later0"],
    );
    const latest = (await call("GET", CM)).json.metadata.resourceVersion;
    assert.equal(resumed.json.metadata.resourceVersion, latest);
  });

  it("a token with a resourceVersion parameter, or an invalid token, is 400 as storage words it", async () => {
    const { call } = kubeFixture();
    for (let i = 0; i < 3; i++) await call("POST", CM, cm(`c${i}`));
    const first = await call("GET", `${CM}?limit=1`);
    const both = await call(
      "GET",
      `${CM}?limit=1&resourceVersion=1&continue=${first.json.metadata.continue}`,
    );
    assert.equal(both.status, 400);
    assert.equal(
      both.json.message,
      "specifying resource version is not allowed when using continue",
    );
    const zero = btoa(JSON.stringify({ v: "meta.k8s.io/v1", rv: 0, start: "a" }))
      .replace(/=+$/, "");
    assert.equal(
      (await call("GET", `${CM}?continue=${zero}`)).json.message,
      "invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
    );
    const climb = btoa(JSON.stringify({ v: "meta.k8s.io/v1", rv: 2, start: "../secrets/a" }))
      .replace(/=+$/, "");
    assert.equal(
      (await call("GET", `${CM}?continue=${climb}`)).json.message,
      "invalid continue token: continue key is not valid: ../secrets/a",
    );
  });
});

describe("ValidateCreateOptions/UpdateOptions/PatchOptions: dryRun", () => {
  it("a dryRun other than All is 422 on the verb's options, before fieldValidation", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", `${CM}?dryRun=Some&fieldValidation=Loose`, cm("x"));
    assert.equal(created.status, 422);
    assert.equal(
      created.json.message,
      'CreateOptions.meta.k8s.io "" is invalid: [dryRun: Unsupported value: []string{"Some"}: supported values: "All", fieldValidation: Unsupported value: "Loose": supported values: "", "Ignore", "Strict", "Warn"]',
    );
    await call("POST", CM, cm("x"));
    const updated = await call("PUT", `${CM}/x?dryRun=All&dryRun=Later`, cm("x"));
    assert.equal(updated.json.details.kind, "UpdateOptions");
    assert.equal(
      updated.json.details.causes[0].message,
      'Unsupported value: []string{"All", "Later"}: supported values: "All"',
    );
    const patched = await call("PATCH", `${CM}/x?dryRun=`, { data: {} }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.status, 422);
    assert.equal(patched.json.details.kind, "PatchOptions");
  });
});
