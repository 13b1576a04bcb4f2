// A write within its own manager's fields keeps the stored managedFields (retimed), and matches the full field manager.

import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinSchemas } from "../../../src/api/schema/mod.ts";
import {
  applyWithManagedFields,
  builtinType,
  fieldElement,
  FieldSet,
  type Json,
  managedFieldsAfterUpdate,
  type ManagedFieldsEntry,
} from "../../../src/api/apply/mod.ts";

const schemas = builtinSchemas("v1.33.1");
const deployment = builtinType(schemas, "apps", "v1", "Deployment")!;
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0, 400);
const STATUS = new FieldSet();
STATUS.insert([fieldElement("status")]);

type Obj = { [key: string]: Json };

function entriesAfter(live: Obj, next: Obj, manager: string, now: number) {
  return managedFieldsAfterUpdate(live, next, {
    type: deployment,
    apiVersion: "apps/v1",
    manager,
    now,
    ignored: STATUS,
  });
}

function stored(object: Obj, entries: readonly ManagedFieldsEntry[]): Obj {
  return { ...object, metadata: { ...(object.metadata as Obj), managedFields: entries as Json } };
}

// A Deployment applied by "apply", then written by "controller" (replicas, a label, an annotation).
function liveDeployment(): Obj {
  const applied = applyWithManagedFields(undefined, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: { app: "web" } },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "nginx" }] },
      },
    },
  }, { type: deployment, apiVersion: "apps/v1", manager: "apply", now: T0, force: false }).object;
  const next = {
    ...applied,
    metadata: {
      ...(applied.metadata as Obj),
      resourceVersion: "5",
      labels: { app: "web", tier: "front" },
      annotations: { note: "a" },
    },
    spec: { ...(applied.spec as Obj), replicas: 2 },
    status: { replicas: 0 },
  };
  return stored(next, entriesAfter(applied, next, "controller", T0 + 1_000));
}

function edit(live: Obj, change: (object: Obj) => void): Obj {
  const next = structuredClone(live);
  delete (next.metadata as Obj).managedFields;
  change(next);
  return next;
}

// The same write over a copy of the list, which the field manager decodes and computes in full.
function computedInFull(live: Obj, next: Obj, manager: string, now: number) {
  const copy = stored(live, structuredClone((live.metadata as Obj).managedFields) as never);
  return entriesAfter(copy, next, manager, now);
}

const writes: [string, string, (object: Obj) => void][] = [
  ["its own field's value", "controller", (o) => ((o.spec as Obj).replicas = 3)],
  ["its own label's value", "controller", (o) => (((o.metadata as Obj).labels as Obj).tier = "b")],
  ["only server-set metadata", "controller", (o) => ((o.metadata as Obj).resourceVersion = "6")],
  ["only the ignored status", "controller", (o) => ((o.status as Obj).replicas = 7)],
  [
    "a field another manager owns",
    "controller",
    (o) => (((o.metadata as Obj).labels as Obj).app = "x"),
  ],
  ["a new field", "controller", (o) => ((o.spec as Obj).paused = true)],
  ["a removed field", "controller", (o) => delete (o.metadata as Obj).annotations],
  ["a field by a manager new to the object", "other", (o) => ((o.spec as Obj).replicas = 4)],
];
for (const [what, manager, change] of writes) {
  test(`a write of ${what} stores what the full field manager computes`, () => {
    const live = liveDeployment();
    for (const now of [T0 + 1_000, T0 + 5_000]) {
      const next = edit(live, change);
      assert.deepEqual(
        entriesAfter(live, next, manager, now),
        computedInFull(live, next, manager, now),
      );
    }
  });
}

test("a write within the writer's own fields reuses the stored list, and retimes it a second later", () => {
  const live = liveDeployment();
  const entries = (live.metadata as Obj).managedFields as unknown as ManagedFieldsEntry[];
  const next = edit(live, (o) => ((o.spec as Obj).replicas = 3));
  assert.equal(entriesAfter(live, next, "controller", T0 + 1_000), entries);
  const later = entriesAfter(live, next, "controller", T0 + 9_000);
  assert.notEqual(later, entries);
  assert.equal(later[0], entries[0], "the applier's entry is shared");
  assert.equal(later[1].time, "2026-01-01T00:00:09Z");
  assert.equal(later[1].fieldsV1, entries[1].fieldsV1, "the writer's fields are not encoded again");
});
