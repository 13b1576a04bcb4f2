// Apply and update as operation sequences: structured-merge-diff's merge/leaf_test.go cases, then lists and sets.

import { test } from "node:test";
import { builtinSchemas } from "../../../src/api/schema/mod.ts";
import { crdType, type JsonSchemaProps } from "../../../src/api/apply/mod.ts";
import { run, type TestCase } from "./fixture.ts";

const leafType = crdType({
  type: "object",
  properties: {
    numeric: { type: "number" },
    string: { type: "string" },
    bool: { type: "boolean" },
  },
}, builtinSchemas());

// Cases of merge/leaf_test.go (TestUpdateLeaf), single-version ones, with the same expectations.
const leafCases: Record<string, TestCase> = {
  apply_twice: {
    ops: [
      { apply: "default", object: { numeric: 1, string: "string" } },
      { apply: "default", object: { numeric: 2, string: "string", bool: false } },
    ],
    object: { numeric: 2, string: "string", bool: false },
    managed: { default: '{"f:bool":{},"f:numeric":{},"f:string":{}}' },
  },
  apply_update_apply_no_conflict: {
    ops: [
      { apply: "default", object: { numeric: 1, string: "string" } },
      { update: "controller", object: { numeric: 1, string: "string", bool: true } },
      { apply: "default", object: { numeric: 2, string: "string" } },
    ],
    object: { numeric: 2, string: "string", bool: true },
    managed: { default: '{"f:numeric":{},"f:string":{}}', controller: '{"f:bool":{}}' },
  },
  apply_update_apply_with_conflict: {
    ops: [
      { apply: "default", object: { numeric: 1, string: "string" } },
      { update: "controller", object: { numeric: 1, string: "controller string", bool: true } },
      {
        apply: "default",
        object: { numeric: 2, string: "user string" },
        conflicts: ["controller .string"],
      },
      { forceApply: "default", object: { numeric: 2, string: "user string" } },
    ],
    object: { numeric: 2, string: "user string", bool: true },
    managed: { default: '{"f:numeric":{},"f:string":{}}', controller: '{"f:bool":{}}' },
  },
  apply_twice_remove: {
    ops: [
      { apply: "default", object: { numeric: 1, string: "string", bool: false } },
      { apply: "default", object: { string: "new string" } },
    ],
    object: { string: "new string" },
    managed: { default: '{"f:string":{}}' },
  },
  update_apply_omits: {
    ops: [
      { apply: "default", object: { numeric: 2 } },
      { update: "controller", object: { numeric: 1 } },
      { apply: "default", object: {} },
    ],
    object: { numeric: 1 },
    managed: { controller: '{"f:numeric":{}}' },
  },
  update_remove_empty_set: {
    ops: [
      { apply: "default", object: { string: "string" } },
      { update: "controller", object: { string: "new string" } },
    ],
    object: { string: "new string" },
    managed: { controller: '{"f:string":{}}' },
  },
  // Upstream's empty applied object is null: removing the last field leaves no fields at all.
  apply_remove_empty_set: {
    ops: [
      { apply: "default", object: { string: "string" } },
      { apply: "default", object: {} },
    ],
    object: null,
    managed: {},
  },
};

for (const [name, testCase] of Object.entries(leafCases)) {
  test(`leaf: ${name}`, () => run(leafType, testCase));
}

const listSchema: JsonSchemaProps = {
  type: "object",
  properties: {
    list: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: {
        type: "object",
        properties: { name: { type: "string" }, value: { type: "number" } },
      },
    },
    set: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
    atomic: { type: "array", items: { type: "number" } },
    struct: { type: "object", properties: { a: { type: "string" }, b: { type: "string" } } },
    free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  },
};
const listType = crdType(listSchema, builtinSchemas());

// Derived by walking structured-merge-diff's Updater.Apply (merge, prune, update) by hand.
const listCases: Record<string, TestCase> = {
  "two appliers of one map-list each own their item": {
    ops: [
      { apply: "one", object: { list: [{ name: "a" }] } },
      { apply: "two", object: { list: [{ name: "b", value: 2 }] } },
    ],
    object: { list: [{ name: "a" }, { name: "b", value: 2 }] },
    managed: {
      one: '{"f:list":{"k:{\\"name\\":\\"a\\"}":{".":{},"f:name":{}}}}',
      two: '{"f:list":{"k:{\\"name\\":\\"b\\"}":{".":{},"f:name":{},"f:value":{}}}}',
    },
  },
  "an item no longer applied is removed, another's stays": {
    ops: [
      { apply: "one", object: { list: [{ name: "a" }] } },
      { apply: "two", object: { list: [{ name: "b" }] } },
      { apply: "one", object: { list: [] } },
    ],
    object: { list: [{ name: "b" }] },
    managed: { two: '{"f:list":{"k:{\\"name\\":\\"b\\"}":{".":{},"f:name":{}}}}' },
  },
  "equal values are shared; changing a shared field conflicts; dropping it keeps it": {
    ops: [
      { apply: "one", object: { struct: { a: "x" } } },
      { apply: "two", object: { struct: { a: "x" } } },
      { apply: "two", object: { struct: { a: "y" } }, conflicts: ["one .struct.a"] },
      { apply: "one", object: {} },
    ],
    object: { struct: { a: "x" } },
    managed: { two: '{"f:struct":{"f:a":{}}}' },
  },
  "set items: the applier's dropped item goes, the updater's stays": {
    ops: [
      { apply: "one", object: { set: ["a", "b"] } },
      { update: "controller", object: { set: ["a", "b", "c"] } },
      { apply: "one", object: { set: ["a"] } },
    ],
    object: { set: ["a", "c"] },
    managed: { one: '{"f:set":{"v:\\"a\\"":{}}}', controller: '{"f:set":{"v:\\"c\\"":{}}}' },
  },
  "an atomic list is one field: an update takes it whole": {
    ops: [
      { apply: "one", object: { atomic: [1, 2] } },
      { update: "controller", object: { atomic: [1, 2, 3] } },
      { apply: "one", object: { atomic: [1] }, conflicts: ["controller .atomic"] },
    ],
    object: { atomic: [1, 2, 3] },
    managed: { controller: '{"f:atomic":{}}' },
  },
  "merged map-list order: live items not applied keep their place before shared ones": {
    ops: [
      { update: "controller", object: { list: [{ name: "a" }, { name: "b" }, { name: "c" }] } },
      { apply: "one", object: { list: [{ name: "c" }, { name: "a", value: 1 }] } },
    ],
    object: { list: [{ name: "b" }, { name: "c" }, { name: "a", value: 1 }] },
  },
  "preserve-unknown-fields subtrees are granular maps": {
    ops: [
      { apply: "one", object: { free: { x: { y: 1 }, list: [1] } } },
      { update: "controller", object: { free: { x: { y: 1, z: 2 }, list: [1] } } },
    ],
    managed: {
      // Undeclared keys are members even when they hold more: `x` gets its `.`.
      one: '{"f:free":{"f:list":{},"f:x":{".":{},"f:y":{}}}}',
      controller: '{"f:free":{"f:x":{"f:z":{}}}}',
    },
  },
};

for (const [name, testCase] of Object.entries(listCases)) {
  test(`lists: ${name}`, () => run(listType, testCase));
}
