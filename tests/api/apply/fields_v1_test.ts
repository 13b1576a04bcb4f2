// The FieldsV1 encoding: upstream's element order, `.` markers, Go's escaping, and decoding back.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  decodeFieldsV1,
  encodeFieldsV1,
  fieldElement,
  FieldSet,
  FieldsV1Error,
  indexElement,
  keyElement,
  valueElement,
} from "../../../src/api/apply/mod.ts";

test("elements sort fields, then keys, then values, then indexes; `.` comes first", () => {
  const set = new FieldSet();
  const list = fieldElement("list");
  set.insert([list, indexElement(1)]);
  set.insert([list, valueElement("b")]);
  set.insert([list, valueElement(2)]);
  set.insert([list, keyElement([["name", "z"], ["id", 1]])]);
  set.insert([list, keyElement([["name", "z"], ["id", 1]]), fieldElement("x")]);
  set.insert([list, fieldElement("b")]);
  set.insert([list, fieldElement("a")]);
  set.insert([list]);
  assert.equal(
    encodeFieldsV1(set),
    '{"f:list":{".":{},"f:a":{},"f:b":{},"k:{\\"id\\":1,\\"name\\":\\"z\\"}":{".":{},"f:x":{}},' +
      '"v:2":{},"v:\\"b\\"":{},"i:1":{}}}',
  );
});

test("field names and values are escaped as Go's encoding/json escapes HTML characters", () => {
  const set = new FieldSet();
  set.insert([fieldElement("a<b&c>"), keyElement([["name", "<x>"]])]);
  const text = encodeFieldsV1(set);
  assert.equal(
    text,
    '{"f:a\\u003cb\\u0026c\\u003e":{"k:{\\"name\\":\\"\\\\u003cx\\\\u003e\\"}":{}}}',
  );
  assert.equal(encodeFieldsV1(decodeFieldsV1(JSON.parse(text))), text);
});

test("decoding kube-apiserver's output round-trips it byte for byte", () => {
  const text = '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:template":{"f:spec":' +
    '{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:ports":{".":{},' +
    '"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}';
  const set = decodeFieldsV1(text);
  assert.equal(encodeFieldsV1(set), text);
  // Keys written out of order are decoded into order.
  assert.equal(
    encodeFieldsV1(decodeFieldsV1({ "f:b": {}, 'k:{"z":1,"a":2}': {}, "f:a": {} })),
    '{"f:a":{},"f:b":{},"k:{\\"a\\":2,\\"z\\":1}":{}}',
  );
});

test("malformed keys are refused; unknown element types are dropped as upstream drops them", () => {
  assert.throws(() => decodeFieldsV1({ "f": {} }), FieldsV1Error);
  assert.throws(() => decodeFieldsV1({ "fx": {} }), FieldsV1Error);
  assert.throws(() => decodeFieldsV1({ "k:[1]": {} }), FieldsV1Error);
  assert.throws(() => decodeFieldsV1({ "i:x": {} }), FieldsV1Error);
  assert.throws(() => decodeFieldsV1({ "f:a": 1 }), FieldsV1Error);
  assert.equal(encodeFieldsV1(decodeFieldsV1({ "z:a": {}, "f:a": {} })), '{"f:a":{}}');
  let deep: Record<string, unknown> = {};
  for (let i = 0; i < 200; i++) deep = { "f:a": deep };
  assert.throws(() => decodeFieldsV1(deep), FieldsV1Error);
});
