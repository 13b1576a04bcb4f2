// An object's Go JSON with its parts' text made once is goJson of JSON.stringify's, byte for byte.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { builtinSchemas } from "../../../src/api/schema/mod.ts";
import {
  builtinType,
  type Json,
  managedFieldsAfterCreate,
  managedFieldsAfterUpdate,
  objectGoJson,
} from "../../../src/api/apply/mod.ts";
import { goJson } from "../../../src/encoding/mod.ts";

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

describe("objectGoJson", () => {
  it("writes a frozen (shared) member as goJson does, again after its text was kept", () => {
    const shared = Object.freeze({ "a<b": "c", "10": "x", "2": "y" });
    const write = (seq: string) =>
      stored({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "f" }, data: shared }, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "f" },
        data: { seq },
      });
    for (const object of [write("1"), write("2")]) {
      assert.equal(objectGoJson(object), goJson(object, JSON.stringify(object)));
    }
  });

  it("writes what goJson of JSON.stringify writes, for the field manager's lists and for others", () => {
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
    // FieldsV1 keys that need Go's HTML escapes, in list keys and field names.
    const escaped = stored(
      {
        metadata: { name: "e", labels: { "x&y": "1" } },
        spec: {
          containers: [
            { name: "a<b>", image: "i", ports: [{ containerPort: 80 }, { containerPort: 81 }] },
            { name: "\u2028", image: "i" },
          ],
        },
      },
      undefined,
      pod,
    );
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
      escaped,
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
      // Go's HTML escapes and its order of array-index keys, in small and in kept (large) members.
      { ...withKeys, status: { "a&b": "<x>", big: "y".repeat(600), m: { "10": 1, "9": 2, b: 3 } } },
      { "1": "first", metadata: withKeys.metadata, z: "\u2029" },
      { ...created, metadata: { "0": 1, ...(created.metadata as Obj) } },
      { ...created, data: { "2": "<", "10": ">".repeat(600) } },
    ];
    for (const object of cases) {
      // Twice: the second time from the kept text.
      const expected = goJson(object, JSON.stringify(object));
      assert.equal(objectGoJson(object as object), expected);
      assert.equal(objectGoJson(object as object), expected);
    }
  });
});

describe("objectGoJson's string members", () => {
  it("writes every kind of string as goJson of JSON.stringify does", () => {
    const strings = [
      "",
      "plain",
      "2026-12-07T09:40:02Z",
      'quote"d',
      "back\\slash",
      "tab\there",
      "nul\u0000",
      "\u001f",
      "\u007f",
      "<script>&",
      "line\u2028para\u2029",
      "é ü 日本",
      "pair \ud83d\ude00",
      "lone \ud800",
      "lone \udfff end",
    ];
    for (const text of strings) {
      const object = stored({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "s", namespace: text, labels: { l: text } },
        data: { k: text },
      });
      (object.metadata as Obj).uid = text;
      assert.equal(
        objectGoJson(object),
        goJson(object, JSON.stringify(object)),
        JSON.stringify(text),
      );
    }
  });
});
