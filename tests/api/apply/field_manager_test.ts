// managedFields as kube-apiserver writes them: upstream's integration goldens, conflicts, resets and caps.

import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinSchemas } from "../../../src/api/schema/mod.ts";
import {
  applyWithManagedFields,
  builtinType,
  ConflictError,
  conflictStatus,
  fieldElement,
  FieldSet,
  type Json,
  managedFieldsAfterUpdate,
} from "../../../src/api/apply/mod.ts";

const schemas = builtinSchemas("v1.33.1");
const configMap = builtinType(schemas, "", "v1", "ConfigMap")!;
const deployment = builtinType(schemas, "apps", "v1", "Deployment")!;
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0, 400);
const T1 = T0 + 1_000, T2 = T0 + 2_000;
const STATUS = new FieldSet();
STATUS.insert([fieldElement("status")]);

type Obj = { [key: string]: Json };

function withData(object: Obj, data: Obj): Obj {
  return { ...object, data: { ...(object.data as Obj), ...data } };
}

function updated(live: Obj, next: Obj, manager: string, now: number, apiVersion = "v1"): Obj {
  const managedFields = managedFieldsAfterUpdate(live, next, {
    type: apiVersion === "v1" ? configMap : deployment,
    apiVersion,
    manager,
    now,
    ignored: STATUS,
  });
  const meta = { ...(next.metadata as Obj) };
  if (managedFields.length > 0) meta.managedFields = managedFields as unknown as Json;
  else delete meta.managedFields;
  return { ...next, metadata: meta };
}

// k8s.io/kubernetes test/integration/apiserver/apply/apply_test.go, TestApplyManagedFields.
test("apply then two merge patches by one updater: upstream's TestApplyManagedFields golden", () => {
  const applied = applyWithManagedFields(undefined, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "test-cm", namespace: "default", labels: { "test-label": "test" } },
    data: { key: "value" },
  }, { type: configMap, apiVersion: "v1", manager: "apply_test", now: T0, force: false });
  assert.equal(applied.changed, true);
  const once = updated(
    applied.object,
    withData(applied.object, { "new-key": "value" }),
    "updater",
    T1,
  );
  const twice = updated(once, withData(once, { key: "new value" }), "updater", T2);
  assert.deepEqual((twice.metadata as Obj).managedFields, [
    {
      manager: "apply_test",
      operation: "Apply",
      apiVersion: "v1",
      time: "2026-01-01T00:00:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:metadata": { "f:labels": { "f:test-label": {} } } },
    },
    {
      manager: "updater",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-01T00:00:02Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:data": { "f:key": {}, "f:new-key": {} } },
    },
  ]);
  assert.deepEqual(twice.data, { key: "new value", "new-key": "value" });
});

// TestApplyRemovesEmptyManagedFields and TestClearManagedFieldsWithMergePatch.
test("an apply of nothing but identity leaves no managedFields; [{}] clears them", () => {
  const applied = applyWithManagedFields(undefined, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "test-cm", namespace: "default" },
  }, { type: configMap, apiVersion: "v1", manager: "apply_test", now: T0, force: false });
  assert.equal((applied.object.metadata as Obj).managedFields, undefined);

  const withLabel = applyWithManagedFields(undefined, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "test-cm", labels: { a: "b" } },
  }, { type: configMap, apiVersion: "v1", manager: "apply_test", now: T0, force: false }).object;
  const reset = {
    ...withLabel,
    metadata: { ...(withLabel.metadata as Obj), managedFields: [{}] },
  };
  assert.deepEqual(updated(withLabel, reset, "kubectl-patch", T1).metadata, {
    name: "test-cm",
    labels: { a: "b" },
  });
});

test("an update steals the field; the next apply conflicts with kube-apiserver's wording", () => {
  const applied = applyWithManagedFields(undefined, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "cm" },
    data: { a: "1", b: "2" },
  }, { type: configMap, apiVersion: "v1", manager: "kubectl", now: T0, force: false }).object;
  const stolen = updated(applied, withData(applied, { a: "x", b: "y" }), "controller", T1);
  const request = { type: configMap, apiVersion: "v1", manager: "kubectl", now: T2, force: false };
  const config = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "cm" },
    data: { a: "1", b: "2" },
  };
  assert.throws(() => applyWithManagedFields(stolen, config, request), (error) => {
    assert.ok(error instanceof ConflictError);
    const status = conflictStatus(error.conflicts);
    assert.equal(
      status.message,
      'Apply failed with 2 conflicts: conflicts with "controller" using v1:\n- .data.a\n- .data.b',
    );
    const cause = (field: string) => ({
      reason: "FieldManagerConflict",
      message: 'conflict with "controller" using v1',
      field,
    });
    assert.deepEqual(status.causes, [cause(".data.a"), cause(".data.b")]);
    return true;
  });
  const forced = applyWithManagedFields(stolen, config, { ...request, force: true }).object;
  assert.deepEqual(forced.data, { a: "1", b: "2" });
  assert.deepEqual((forced.metadata as Obj).managedFields, [{
    manager: "kubectl",
    operation: "Apply",
    apiVersion: "v1",
    time: "2026-01-01T00:00:02Z",
    fieldsType: "FieldsV1",
    fieldsV1: { "f:data": { "f:a": {}, "f:b": {} } },
  }]);
});

test("one conflict: 'Apply failed with 1 conflict: conflict with …: path'", () => {
  const status = conflictStatus([{
    manager: '{"manager":"m","operation":"Apply","subresource":"status"}',
    path: [fieldElement("spec"), fieldElement("replicas")],
  }]);
  assert.equal(
    status.message,
    'Apply failed with 1 conflict: conflict with "m" with subresource "status": .spec.replicas',
  );
});

// A Deployment created by an Update: the live object is the kind's zero value, as kube-apiserver
// serializes it, so only pointer fields and omitempty maps (labels, rollingUpdate) get their `.`.
test("create of a Deployment by update: `.` only where the zero object had nothing", () => {
  const zero: Obj = {
    metadata: { creationTimestamp: null },
    spec: {
      selector: null,
      template: { metadata: { creationTimestamp: null }, spec: { containers: null } },
      strategy: {},
    },
    status: {},
  };
  const created: Obj = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d", labels: { app: "x" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "x" } },
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
      },
      template: {
        metadata: { labels: { app: "x" } },
        spec: { containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80 }] }] },
      },
    },
    status: { replicas: 0 },
  };
  const entries = managedFieldsAfterUpdate(zero, created, {
    type: deployment,
    apiVersion: "apps/v1",
    manager: "kubectl-create",
    now: T0,
    ignored: STATUS,
  });
  assert.equal(
    JSON.stringify(entries[0].fieldsV1),
    '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},' +
      '"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},' +
      '"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":' +
      '{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},' +
      '"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}',
  );
});

// TestApplyConvertsManagedFieldsVersion's expected entry, at one version.
test("apply of one container: the item is a member with its fields", () => {
  const applied = applyWithManagedFields(undefined, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "deployment", labels: { sidecar_version: "release" } },
    spec: { template: { spec: { containers: [{ name: "sidecar", image: "sidecar:latest" }] } } },
  }, {
    type: deployment,
    apiVersion: "apps/v1",
    manager: "sidecar_controller",
    now: T0,
    force: false,
  });
  const entry = ((applied.object.metadata as Obj).managedFields as Obj[])[0];
  assert.equal(
    JSON.stringify(entry.fieldsV1),
    '{"f:metadata":{"f:labels":{"f:sidecar_version":{}}},"f:spec":{"f:template":{"f:spec":' +
      '{"f:containers":{"k:{\\"name\\":\\"sidecar\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
  );
});

test("more than ten Update managers: the oldest merge into ancient-changes", () => {
  let live = applyWithManagedFields(undefined, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "cm" },
  }, { type: configMap, apiVersion: "v1", manager: "a", now: T0, force: false }).object;
  for (let i = 0; i < 12; i++) {
    live = updated(live, withData(live, { [`k${i}`]: "v" }), `m${i}`, T0 + i * 1_000);
  }
  const entries = (live.metadata as Obj).managedFields as Obj[];
  assert.equal(entries.length, 10);
  assert.deepEqual(entries[0], {
    manager: "ancient-changes",
    operation: "Update",
    apiVersion: "v1",
    time: "2026-01-01T00:00:02Z",
    fieldsType: "FieldsV1",
    fieldsV1: { "f:data": { ".": {}, "f:k0": {}, "f:k1": {}, "f:k2": {} } },
  });
  assert.deepEqual(entries.slice(1).map((e) => e.manager), [
    "m3",
    "m4",
    "m5",
    "m6",
    "m7",
    "m8",
    "m9",
    "m10",
    "m11",
  ]);
});

// lastAppliedManager and lastAppliedUpdater: kubectl upgrading from client-side apply.
test("kubectl's server-side apply takes what its last-applied annotation still describes", () => {
  const last = '{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"name":"cm"}}';
  let live: Obj = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "cm",
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": last },
    },
    data: { a: "1" },
  };
  live = updated(
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } },
    live,
    "kubectl-client-side-apply",
    T0,
  );
  const config = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "cm" },
    data: { a: "2" },
  };
  const request = { type: configMap, apiVersion: "v1", now: T1, force: false };
  // Another manager name gets the conflict.
  assert.throws(
    () => applyWithManagedFields(live, config, { ...request, manager: "other" }),
    ConflictError,
  );
  const applied = applyWithManagedFields(live, config, { ...request, manager: "kubectl" }).object;
  assert.deepEqual(applied.data, { a: "2" });
  assert.deepEqual((applied.metadata as Obj).annotations, {
    "kubectl.kubernetes.io/last-applied-configuration":
      '{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"name":"cm"}}',
  });
  // Once the live value differs from the annotation, the field is no longer taken silently.
  const drifted = updated(applied, withData(applied, { a: "3" }), "editor", T2);
  assert.throws(
    () => applyWithManagedFields(drifted, config, { ...request, manager: "kubectl", now: T2 }),
    ConflictError,
  );
});
