// The type checks of built-in kinds answer as kube-apiserver's Go decoder does, case by case.

import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinSchemas, checkTypes } from "../../../src/api/schema/mod.ts";
import golden from "./decode_errors.json" with { type: "json" };

const source = builtinSchemas("v1.33.1");

function check(body: Record<string, unknown>, dialect: "json" | "unstructured" = "json") {
  const [group, version] = String(body.apiVersion).includes("/")
    ? String(body.apiVersion).split("/")
    : ["", String(body.apiVersion)];
  const schema = source.kind(group, version, String(body.kind));
  assert.ok(schema, `a schema for ${body.kind}`);
  return checkTypes(source, schema, body, dialect);
}

// Bodies whose answers were recorded from apimachinery v0.33.1's JSON serializer (the file says
// how). Left out, as JSON.parse cannot see them: duplicate keys, and number spellings (`1e3`,
// `1.0`, `-1e40`) that Go rejects or prints as written.
for (const { body, lax, strict } of golden.cases) {
  test(`decoding ${body}`, () => {
    const result = check(JSON.parse(body));
    assert.equal(result.error ?? null, lax, "the decoding error");
    const strictError = result.error ??
      (result.unknownFields.length
        ? `strict decoding error: ${
          result.unknownFields.map((f) => `unknown field "${f}"`).join(", ")
        }`
        : null);
    assert.equal(strictError, strict, "the strict decoding error");
  });
}

test("unknown fields are removed from the object, known ones kept", () => {
  const body = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "a", Labels: {} },
    spec: { containers: [{ name: "c", foo: 1 }], bar: 2 },
  };
  const result = check(body);
  assert.deepEqual(result.unknownFields, ["metadata.Labels", "spec.containers[0].foo", "spec.bar"]);
  assert.deepEqual(body, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "a" },
    spec: { containers: [{ name: "c" }] },
  });
});

test("a well-typed object of every common kind passes untouched", () => {
  const node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "n", labels: { a: "b" }, creationTimestamp: "2026-01-01T00:00:00Z" },
    spec: { podCIDR: "10.0.0.0/24", taints: [{ key: "k", effect: "NoSchedule" }] },
    status: {
      capacity: { cpu: "4", memory: "8Gi", pods: "110" },
      conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: "2026-01-01T00:00:00Z" }],
      addresses: [{ type: "InternalIP", address: "10.0.0.1" }],
      nodeInfo: { kubeletVersion: "v1.33.1" },
    },
  };
  const copy = structuredClone(node);
  assert.deepEqual(check(node), { unknownFields: [] });
  assert.deepEqual(node, copy);
});

test("quantities come out canonical, as Go marshals them: a number becomes its string", () => {
  const node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "n" },
    status: { capacity: { cpu: "4000m", memory: "8192Mi", pods: 110, storage: 0.5 } },
  };
  assert.deepEqual(check(node), { unknownFields: [] });
  assert.deepEqual(node.status.capacity, { cpu: "4", memory: "8Gi", pods: "110", storage: "500m" });
});

test("strategic merge results answer as the unstructured converter", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ data: [1, 2] }, "cannot restore map from slice"],
    [{ data: { a: 1 } }, "cannot convert int64 to string"],
    [{ data: { a: true } }, "unrecognized type: string"],
    [{ immutable: "yes" }, "unrecognized type: bool"],
    [{ metadata: [] }, "cannot restore struct from: slice"],
    [{ metadata: { finalizers: "x" } }, "cannot restore slice from string"],
  ];
  for (const [fields, error] of cases) {
    const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, ...fields };
    assert.equal(check(body, "unstructured").error, error, JSON.stringify(fields));
  }
});

test("Go time, quantity and base64 parsing errors are worded as Go's", () => {
  const pod = (fields: Record<string, unknown>) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "a", ...fields },
  });
  assert.equal(
    check(pod({ creationTimestamp: "2026-13-01T00:00:00Z" })).error,
    'parsing time "2026-13-01T00:00:00Z": month out of range',
  );
  assert.equal(
    check(pod({ creationTimestamp: "2026-01-01T00:00:00Zx" })).error,
    'parsing time "2026-01-01T00:00:00Zx": extra text: "x"',
  );
  assert.equal(check(pod({ creationTimestamp: "2026-01-01T00:00:00.5+02:00" })).error, undefined);
  const secret = (data: string) => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s" },
    data: { a: data },
  });
  assert.equal(check(secret("aGk=")).error, undefined);
  assert.equal(check(secret("aGk")).error, "illegal base64 data at input byte 0");
  assert.equal(check(secret("aG=k")).error, "illegal base64 data at input byte 2");
  assert.equal(check(secret("aGk=x")).error, "illegal base64 data at input byte 4");
});

test("what a patched object shares with the stored one is not checked again", () => {
  const stored = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "a" },
    data: { a: 1 } as Record<string, unknown>, // as if written without a check
  };
  const patched = { ...stored, metadata: { name: "a", labels: { x: "y" } } };
  const schema = source.kind("", "v1", "ConfigMap")!;
  assert.deepEqual(checkTypes(source, schema, patched, "json", stored), { unknownFields: [] });
  const changed = { ...patched, data: { a: 2 } };
  assert.match(checkTypes(source, schema, changed, "json", stored).error ?? "", /ConfigMap\.data/);
});

test("structs of one kind are checked alike whatever keys and orders came before", () => {
  // The check remembers the fields a struct of a schema last held by position: ports with the
  // same keys in other orders, unknown keys where known ones were, and wrong types at remembered
  // positions are reported and removed as each would be alone.
  const ports: [Record<string, unknown>, string | null, string[]][] = [
    [{ name: "a", containerPort: 80, protocol: "TCP" }, null, []],
    [{ containerPort: 81, name: "b" }, null, []],
    [{ name: "c", bogus: 1, containerPort: 82 }, null, ["spec.containers[0].ports[0].bogus"]],
    [{ bogus: 2, name: "d", containerPort: 83 }, null, ["spec.containers[0].ports[0].bogus"]],
    [
      { name: "e", containerPort: "x" },
      "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
      [],
    ],
  ];
  for (const order of [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 3, 1, 4, 2, 3]]) {
    for (const i of order) {
      const [port, error, unknown] = ports[i];
      const body = {
        apiVersion: "v1",
        kind: "Pod",
        spec: { containers: [{ name: "c", image: "i", ports: [{ ...port }] }] },
      };
      const result = check(body);
      assert.equal(result.error ?? null, error, `port ${i}`);
      assert.deepEqual(result.unknownFields, unknown, `port ${i}`);
      assert.ok(!("bogus" in body.spec.containers[0].ports[0]), `port ${i} without bogus`);
    }
  }
});
