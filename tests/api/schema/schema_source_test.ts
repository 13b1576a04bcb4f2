// The schema source: one table per supported minor (the newest whole, older ones as deltas), shared.

import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinSchemas, checkTypes, type SchemaSource } from "../../../src/api/schema/mod.ts";

const MINORS = [29, 30, 31, 32, 33, 34, 35, 36];

test("each supported minor has its own table; others get the nearest newer one", () => {
  for (const minor of MINORS) {
    assert.match(
      builtinSchemas(`v1.${minor}.0`).kubernetesVersion,
      new RegExp(`^v1\\.${minor}\\.`),
    );
  }
  assert.equal(builtinSchemas("v1.33.1").kubernetesVersion, "v1.33.1");
  assert.equal(
    builtinSchemas("v1.27.3").kubernetesVersion,
    builtinSchemas("v1.29.0").kubernetesVersion,
  );
  assert.equal(
    builtinSchemas("v1.40.0").kubernetesVersion,
    builtinSchemas("v1.36.0").kubernetesVersion,
  );
});

test("a table is shared by every caller of its minor", () => {
  assert.equal(builtinSchemas("v1.33.1"), builtinSchemas("v1.33.9"));
  assert.notEqual(builtinSchemas("v1.33.1"), builtinSchemas("v1.34.0"));
});

test("fields follow the cluster's minor: PodSpec.hostnameOverride is new in the 1.36 table", () => {
  const pod = () => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { containers: [{ name: "c" }], hostnameOverride: "h" },
  });
  for (const [version, unknown] of [["v1.33.1", ["spec.hostnameOverride"]], ["v1.36.0", []]]) {
    const source = builtinSchemas(version as string);
    const result = checkTypes(source, source.kind("", "v1", "Pod")!, pod());
    assert.deepEqual(result.unknownFields, unknown, version as string);
  }
});

function danglingRefs(source: SchemaSource): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (ref: string) => {
    if (seen.has(ref)) return;
    seen.add(ref);
    const struct = source.struct(ref);
    if (!struct) return void missing.push(ref);
    for (const [code] of Object.values(struct.fields)) {
      const inner = code.replace(/^[[{]+/, "");
      if (inner.startsWith("#")) visit(inner.slice(1));
    }
  };
  for (const gv of source.groupVersions()) {
    for (const ref of Object.values(source.kindsOf(gv))) visit(ref);
  }
  return missing;
}

for (const minor of MINORS) {
  test(`every struct the kinds of 1.${minor} reach is in its table`, () => {
    const source = builtinSchemas(`v1.${minor}.0`);
    assert.ok(source.kind("", "v1", "Pod") && source.kind("apps", "v1", "Deployment"));
    assert.deepEqual(danglingRefs(source), []);
  });
}
