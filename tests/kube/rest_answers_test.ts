// Answers kube-apiserver words in its REST layer rather than its storage: go-restful's 405 and
// 415 for built-ins, and rest.BeforeDelete's precondition conflicts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";

describe("REST-layer answers", () => {
  it("PATCH of a built-in with a type no route consumes is go-restful's 415", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, { metadata: { name: "one" } });
    const refused = await call("PATCH", `${CM}/one`, "{}", { "content-type": "text/plain" });
    assert.equal(refused.status, 415);
    assert.deepEqual(refused.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "415: Unsupported Media Type",
      reason: "UnsupportedMediaType",
      details: {},
      code: 415,
    });
  });

  it("a method a built-in's path does not route is 405 without details", async () => {
    const { call } = kubeFixture();
    const refused = await call("PUT", CM, { metadata: { name: "x" } });
    assert.equal(refused.status, 405);
    assert.deepEqual(refused.json.details, {});
    assert.equal(
      refused.json.message,
      "the server does not allow this method on the requested resource",
    );
  });

  it("a delete precondition that does not hold names the Kind, as rest.BeforeDelete", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CM, { metadata: { name: "one" } });
    const uid = await call("DELETE", `${CM}/one`, {
      kind: "DeleteOptions",
      apiVersion: "v1",
      preconditions: { uid: "00000000-0000-0000-0000-000000000000" },
    });
    assert.equal(uid.status, 409);
    assert.deepEqual(uid.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        `Operation cannot be fulfilled on ConfigMap "one": the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match the UID in record (${created.json.metadata.uid}). The object might have been deleted and then recreated`,
      reason: "Conflict",
      details: { name: "one", kind: "ConfigMap" },
      code: 409,
    });
    const deployment = await call("POST", DEPLOYMENTS, {
      metadata: { name: "web" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "c", image: "nginx" }] },
        },
      },
    });
    assert.equal(deployment.status, 201);
    const rv = await call("DELETE", `${DEPLOYMENTS}/web`, {
      preconditions: { resourceVersion: "1" },
    });
    assert.equal(rv.status, 409);
    assert.equal(
      rv.json.message,
      `Operation cannot be fulfilled on Deployment.apps "web": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${deployment.json.metadata.resourceVersion}). The object might have been modified`,
    );
    assert.deepEqual(rv.json.details, { name: "web", group: "apps", kind: "Deployment" });
    assert.equal((await call("GET", `${CM}/one`)).status, 200);
  });

  it("a body of another kind fails in the codec's words: no conversion, or not registered", async () => {
    const { call } = kubeFixture();
    const cases: [string, unknown, string][] = [
      [
        CM,
        { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } },
        'Secret in version "v1" cannot be handled as a ConfigMap: converting (v1.Secret) to (core.ConfigMap): unknown conversion',
      ],
      [
        DEPLOYMENTS,
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } },
        'ConfigMap in version "v1" cannot be handled as a Deployment: converting (v1.ConfigMap) to (apps.Deployment): unknown conversion',
      ],
      [
        CM,
        { apiVersion: "v1", kind: "Foo", metadata: { name: "f" } },
        'Foo in version "v1" cannot be handled as a ConfigMap: no kind "Foo" is registered for version "v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"',
      ],
      [
        CM,
        { apiVersion: "apps/v1", kind: "ConfigMap", metadata: { name: "c" } },
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: no kind "ConfigMap" is registered for version "apps/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"',
      ],
    ];
    for (const [path, body, message] of cases) {
      const refused = await call("POST", path, body);
      assert.equal(refused.status, 400, message);
      assert.equal(refused.json.reason, "BadRequest");
      assert.equal(refused.json.message, message);
    }
  });

  it("query integers and resourceVersions fail with strconv's words; a negative limit lists all", async () => {
    const { call } = kubeFixture();
    const timeout = await call("GET", `${CM}?watch=true&timeoutSeconds=x`);
    assert.equal(timeout.status, 400);
    assert.equal(timeout.json.message, 'strconv.ParseInt: parsing "x": invalid syntax');
    const huge = await call("GET", `${CM}?limit=99999999999999999999`);
    assert.equal(
      huge.json.message,
      'strconv.ParseInt: parsing "99999999999999999999": value out of range',
    );
    const rv = await call("GET", `${CM}?resourceVersion=abc`);
    assert.equal(rv.status, 400);
    assert.equal(
      rv.json.message,
      'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    );
    const all = await call("GET", `${CM}?limit=-1`);
    assert.equal(all.status, 200);
    assert.equal(all.json.metadata.continue, undefined);
  });

  it("an apply of another kind or version is the field manager's invalid object type", async () => {
    const { call } = kubeFixture();
    const apply = (body: unknown) =>
      call("PATCH", `${CM}/ssa?fieldManager=me`, JSON.stringify(body), {
        "content-type": "application/apply-patch+yaml",
      });
    const secret = await apply({ apiVersion: "v1", kind: "Secret", metadata: { name: "ssa" } });
    assert.equal(secret.status, 400);
    assert.equal(secret.json.message, "invalid object type: /v1, Kind=Secret");
    const apps = await apply({
      apiVersion: "apps/v1",
      kind: "ConfigMap",
      metadata: { name: "ssa" },
    });
    assert.equal(apps.json.message, "invalid object type: apps/v1, Kind=ConfigMap");
    const ok = await apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ssa" } });
    assert.equal(ok.status, 201);
  });

  it("a CRD's delete preconditions are its registry's own, in the store's words", async () => {
    const { call } = kubeFixture();
    const crd = await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
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
    const refused = await call(
      "DELETE",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com",
      { preconditions: { uid: "nope" } },
    );
    assert.equal(refused.status, 409);
    assert.equal(
      refused.json.message,
      `Operation cannot be fulfilled on customresourcedefinitions.apiextensions.k8s.io "widgets.example.com": Precondition failed: UID in precondition: nope, UID in object meta: ${crd.json.metadata.uid}`,
    );
  });

  it("DELETE of a CRD answers it marked as the registry leaves it: finalizer, Terminating", async () => {
    const { call } = kubeFixture();
    const path = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    const created = await call("POST", path, {
      metadata: { name: "gadgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "gadgets", singular: "gadget", kind: "Gadget", listKind: "GadgetList" },
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
    assert.equal(created.status, 201);
    const deleted = await call("DELETE", `${path}/gadgets.example.com`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.json.kind, "CustomResourceDefinition");
    const keys = Object.keys(deleted.json.metadata);
    assert.ok(
      keys.indexOf("deletionTimestamp") === keys.indexOf("creationTimestamp") + 1,
      keys.join(),
    );
    assert.deepEqual(deleted.json.metadata.finalizers, [
      "customresourcecleanup.apiextensions.k8s.io",
    ]);
    const terminating = deleted.json.status.conditions.at(-1);
    assert.deepEqual(
      { ...terminating, lastTransitionTime: "" },
      {
        type: "Terminating",
        status: "True",
        lastTransitionTime: "",
        reason: "InstanceDeletionPending",
        message:
          "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
      },
    );
    // The finalizer's work is done at once: the resource is no longer served.
    assert.equal((await call("GET", `${path}/gadgets.example.com`)).status, 404);
  });
});
