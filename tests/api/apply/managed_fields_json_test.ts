// An object's JSON with its managedFields' text made once is JSON.stringify's, byte for byte.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { builtinSchemas } from "../../../src/api/schema/mod.ts";
import {
  builtinType,
  type Json,
  managedFieldsAfterCreate,
  managedFieldsAfterUpdate,
  objectWithManagedFieldsJson,
} from "../../../src/api/apply/mod.ts";

const configMap = builtinType(builtinSchemas("v1.33.1"), "", "v1", "ConfigMap")!;
const pod = builtinType(builtinSchemas("v1.33.1"), "", "v1", "Pod")!;
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
type Obj = { [key: string]: Json };

function stored(next: Obj, live?: Obj, type = configMap): Obj {
  const request = { type, apiVersion: "v1", manager: "m", now: NOW };
  const entries = live
    ? managedFieldsAfterUpdate(live, next, request)
    : managedFieldsAfterCreate({ metadata: {} }, next, request);
  return { ...next, metadata: { ...(next.metadata as Obj), managedFields: entries as never } };
}

describe("objectWithManagedFieldsJson", () => {
  it("writes what JSON.stringify writes, for the field manager's lists and for others", () => {
    const created = stored({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: { "a<b": "\u2028" } },
      data: { k: "v" },
    });
    const updated = stored({ ...created, data: { k: "v", k2: "w" } }, created);
    // Map-list keys (`k:{"name":"c"}`) are escaped: the list's text is made apart.
    const withKeys = stored(
      {
        metadata: { name: "p", labels: { 'a"b': "c" } },
        spec: { containers: [{ name: "c", image: "i", ports: [{ containerPort: 80 }] }] },
      },
      undefined,
      pod,
    );
    assert.match(JSON.stringify(withKeys), /k:\{\\"name\\":\\"c\\"\}/);
    const odd = {
      data: { x: undefined },
      skipped: undefined,
      metadata: {
        uid: "u",
        managedFields: [{ manager: "x", fieldsV1: { 'k:{"a":1}': {} }, time: undefined }, null],
        fn: () => 1,
      },
    };
    const cases: unknown[] = [
      withKeys,
      { ...withKeys, status: undefined, spec: [withKeys.spec, undefined] },
      created,
      updated,
      { ...updated, metadata: { ...(updated.metadata as Obj) } },
      odd,
      { metadata: { managedFields: [] } },
      { metadata: null },
      { metadata: { managedFields: "x" } },
      { metadata: { managedFields: [{}], created: new Date(NOW) } },
      { toJSON: () => "whole", metadata: { managedFields: [{}] } },
    ];
    for (const object of cases) {
      // Twice: the second time from the kept text.
      assert.equal(objectWithManagedFieldsJson(object as object), JSON.stringify(object));
      assert.equal(objectWithManagedFieldsJson(object as object), JSON.stringify(object));
    }
  });
});
