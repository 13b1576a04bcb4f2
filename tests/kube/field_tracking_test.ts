// managedFields on every write path and server-side apply per schema, as kube-apiserver records them.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const GADGETS = "/apis/example.com/v1/namespaces/default/gadgets";
const APPLY = { "content-type": "application/apply-patch+yaml" };
const MERGE = { "content-type": "application/merge-patch+json" };
const KUBECTL = { "user-agent": "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0" };
const T0 = "2026-01-02T03:04:05Z";

interface Entry {
  manager?: string;
  operation: string;
  subresource?: string;
  fieldsV1: Record<string, unknown>;
}

const managers = (object: { metadata: { managedFields?: Entry[] } }) =>
  (object.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}`);

describe("managedFields on create, update and patch", () => {
  it("a create records the User-Agent's product as an Update manager with the exact FieldsV1", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CM, {
      metadata: { name: "c", labels: { x: "1" } },
      data: { a: "1" },
    }, KUBECTL);
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.metadata.managedFields, [{
      manager: "kubectl",
      operation: "Update",
      apiVersion: "v1",
      time: T0,
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:data": { ".": {}, "f:a": {} },
        "f:metadata": { "f:labels": { ".": {}, "f:x": {} } },
      },
    }]);
    // fieldManager wins over the User-Agent; a client without either records no manager name.
    const named = await call("POST", `${CM}?fieldManager=mine`, cm("d"), KUBECTL);
    assert.equal(named.json.metadata.managedFields[0].manager, "mine");
    const anonymous = await call("POST", CM, cm("e"));
    assert.equal(anonymous.json.metadata.managedFields[0].manager, undefined);
    assert.equal(anonymous.json.metadata.managedFields[0].operation, "Update");
  });

  it("a no-op update or patch stores nothing: same resourceVersion, same managedFields time", async () => {
    const { call, advance } = kubeFixture();
    const created = (await call("POST", CM, cm("c"), KUBECTL)).json;
    advance(5_000);
    const put = await call("PUT", `${CM}/c?fieldManager=other`, created);
    assert.equal(put.status, 200);
    assert.equal(put.json.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.deepEqual(put.json.metadata.managedFields, created.metadata.managedFields);
    const patched = await call("PATCH", `${CM}/c?fieldManager=third`, { data: { a: "1" } }, MERGE);
    assert.equal(patched.json.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.deepEqual(patched.json.metadata.managedFields, created.metadata.managedFields);
    // A write that changes a field does store, with the writer's time.
    const changed = await call("PATCH", `${CM}/c?fieldManager=third`, { data: { a: "2" } }, MERGE);
    assert.notEqual(changed.json.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.deepEqual(changed.json.metadata.managedFields[1], {
      manager: "third",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-02T03:04:10Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:data": { "f:a": {} } },
    });
  });

  it("an update takes the fields it changes from an applier, who then conflicts", async () => {
    const { call } = kubeFixture();
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: '1'\n";
    const applied = (await call("PATCH", `${CM}/c?fieldManager=kubectl`, yaml, APPLY)).json;
    assert.deepEqual(applied.metadata.managedFields[0].fieldsV1, { "f:data": { "f:a": {} } });
    const put = await call("PUT", `${CM}/c?fieldManager=editor`, {
      ...applied,
      data: { a: "2" },
    });
    assert.deepEqual(managers(put.json), ["editor/Update"], "kubectl owned nothing else");
    const conflict = await call("PATCH", `${CM}/c?fieldManager=kubectl`, yaml, APPLY);
    assert.equal(conflict.status, 409);
    assert.equal(
      conflict.json.message,
      'Apply failed with 1 conflict: conflict with "editor" using v1: .data.a',
    );
  });

  it("managedFields: [{}] (or []) resets them; a missing list keeps the live ones", async () => {
    const { call } = kubeFixture();
    const created = (await call("POST", CM, cm("c"), KUBECTL)).json;
    const { managedFields: _, ...metadata } = created.metadata;
    const kept = await call("PUT", `${CM}/c`, { ...created, metadata }, KUBECTL);
    assert.deepEqual(kept.json.metadata.managedFields, created.metadata.managedFields);
    assert.equal(kept.json.metadata.resourceVersion, created.metadata.resourceVersion);
    // fieldmanager.go isResetManagedFields: a non-nil empty list or one empty entry.
    const reset = await call("PUT", `${CM}/c`, {
      ...created,
      metadata: { ...created.metadata, managedFields: [{}] },
    }, KUBECTL);
    assert.equal(reset.status, 200);
    assert.equal(reset.json.metadata.managedFields, undefined);
    assert.equal((await call("GET", `${CM}/c`)).json.metadata.managedFields, undefined);
  });

  it("fieldManager is validated as the options kind says: 422 Invalid with causes", async () => {
    const { call } = kubeFixture();
    const long = "m".repeat(129);
    const create = await call("POST", `${CM}?fieldManager=${long}`, cm("c"));
    assert.equal(create.status, 422);
    assert.equal(
      create.json.message,
      'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes',
    );
    assert.deepEqual(create.json.details, {
      group: "meta.k8s.io",
      kind: "CreateOptions",
      causes: [{
        reason: "FieldValueTooLong",
        message: "Too long: may not be more than 128 bytes",
        field: "fieldManager",
      }],
    });
    const apply = await call("PATCH", `${CM}/c`, "data: {}", APPLY);
    assert.equal(apply.status, 422);
    assert.equal(
      apply.json.message,
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    assert.equal(apply.json.details.causes[0].reason, "FieldValueRequired");
    const forced = await call("PATCH", `${CM}/c?force=false`, {}, MERGE);
    assert.equal(forced.status, 422);
    assert.equal(forced.json.details.causes[0].field, "force");
  });
});

describe("server-side apply of a custom resource per its CRD schema", () => {
  async function withGadgets() {
    const fixture = kubeFixture();
    const crd = await fixture.call(
      "POST",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      GADGET_CRD,
    );
    assert.equal(crd.status, 201);
    return fixture;
  }
  const gadget = (spec: string) =>
    `apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n${spec}`;

  it("map-lists merge by key and sets by value; each manager owns its items; omitted ones go", async () => {
    const { call } = await withGadgets();
    const a = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=a`,
      gadget("  ports: [{name: web, port: 80}]\n  tags: [x]\n"),
      APPLY,
    );
    assert.equal(a.status, 201);
    assert.deepEqual(a.json.metadata.managedFields, [{
      manager: "a",
      operation: "Apply",
      apiVersion: "example.com/v1",
      time: T0,
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:spec": {
          "f:ports": { 'k:{"name":"web"}': { ".": {}, "f:name": {}, "f:port": {} } },
          "f:tags": { 'v:"x"': {} },
        },
      },
    }]);
    // Quoted: a plain `y` is YAML 1.1's true, as go-yaml v2 reads it.
    const b = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=b`,
      gadget('  ports: [{name: dns, port: 53}]\n  tags: ["y"]\n'),
      APPLY,
    );
    assert.deepEqual(b.json.spec, {
      ports: [{ name: "web", port: 80 }, { name: "dns", port: 53 }],
      tags: ["x", "y"],
    });
    // a stops applying its tag: removed, since no one else owns it; b's stay.
    const again = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=a`,
      gadget("  ports: [{name: web, port: 80}]\n"),
      APPLY,
    );
    assert.deepEqual(again.json.spec, {
      ports: [{ name: "web", port: 80 }, { name: "dns", port: 53 }],
      tags: ["y"],
    });
    // The same value applied by both is shared; neither conflicts.
    const shared = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=b`,
      gadget('  ports: [{name: dns, port: 53}, {name: web, port: 80}]\n  tags: ["y"]\n'),
      APPLY,
    );
    assert.equal(shared.status, 200);
    assert.deepEqual(shared.json.spec.ports, [
      { name: "dns", port: 53 },
      { name: "web", port: 80 },
    ], "the applied order wins");
    const released = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=a`,
      gadget("  tags: []\n"),
      APPLY,
    );
    assert.deepEqual(released.json.spec.ports, shared.json.spec.ports, "b still owns web");
  });

  it("an atomic map is owned whole: a different value conflicts, force takes it", async () => {
    const { call } = await withGadgets();
    await call("PATCH", `${GADGETS}/g?fieldManager=a`, gadget("  config: {k: v}\n"), APPLY);
    const conflict = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=b`,
      gadget("  config: {k: w}\n"),
      APPLY,
    );
    assert.equal(conflict.status, 409);
    assert.equal(
      conflict.json.message,
      'Apply failed with 1 conflict: conflict with "a": .spec.config',
    );
    assert.deepEqual(conflict.json.details.causes, [{
      reason: "FieldManagerConflict",
      message: 'conflict with "a"',
      field: ".spec.config",
    }]);
    const forced = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=b&force=true`,
      gadget("  config: {k: w}\n"),
      APPLY,
    );
    assert.equal(forced.status, 200);
    assert.deepEqual(forced.json.spec.config, { k: "w" });
    assert.deepEqual(managers(forced.json), ["b/Apply"], "a lost its only field");
    assert.deepEqual(forced.json.metadata.managedFields[0].fieldsV1, {
      "f:spec": { "f:config": {} },
    });
  });

  it("a /status write is recorded under its subresource and tracks status only", async () => {
    const { call } = await withGadgets();
    await call("PATCH", `${GADGETS}/g?fieldManager=a`, gadget("  tags: [x]\n"), APPLY);
    const status = await call(
      "PATCH",
      `${GADGETS}/g/status?fieldManager=ctrl`,
      { status: { phase: "Ready" } },
      MERGE,
    );
    assert.equal(status.status, 200);
    assert.deepEqual(status.json.metadata.managedFields[1], {
      manager: "ctrl",
      operation: "Update",
      apiVersion: "example.com/v1",
      time: T0,
      fieldsType: "FieldsV1",
      fieldsV1: { "f:status": { ".": {}, "f:phase": {} } },
      subresource: "status",
    });
    // The main resource ignores status: an apply of it there is dropped and owns nothing.
    const main = await call(
      "PATCH",
      `${GADGETS}/g?fieldManager=a`,
      `${gadget("  tags: [x]\n")}status:\n  phase: Other\n`,
      APPLY,
    );
    assert.equal(main.json.status.phase, "Ready");
    assert.deepEqual(main.json.metadata.managedFields[0].fieldsV1, {
      "f:spec": { "f:tags": { 'v:"x"': {} } },
    });
  });
});

function cm(name: string) {
  return { metadata: { name }, data: { a: "1" } };
}

const GADGET_CRD = {
  metadata: { name: "gadgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "gadgets", singular: "gadget", kind: "Gadget" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      subresources: { status: {} },
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: {
              type: "object",
              properties: {
                ports: {
                  type: "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  items: {
                    type: "object",
                    properties: { name: { type: "string" }, port: { type: "integer" } },
                  },
                },
                tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
                config: {
                  type: "object",
                  "x-kubernetes-map-type": "atomic",
                  additionalProperties: { type: "string" },
                },
              },
            },
            status: { type: "object", properties: { phase: { type: "string" } } },
          },
        },
      },
    }],
  },
};
