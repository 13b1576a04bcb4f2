// Every object fkas seeds decodes cleanly against the schema source: no wrong types, no unknown fields.
//
// Patches share what they leave alone with the stored object and skip re-checking it, so seeds
// (written without a check) must be what a typed client could have written.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { builtinSchemas, checkTypes } from "../../../src/api/schema/mod.ts";

const source = builtinSchemas("v1.33.1");
const GOLDEN = new URL("../../seed/golden/", import.meta.url);

function objectsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsOf);
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.kind === "string" && typeof record.apiVersion === "string") return [record];
  return Object.values(record).flatMap(objectsOf);
}

for (const file of readdirSync(GOLDEN).filter((name) => name.endsWith(".json")).sort()) {
  test(`the seeded objects of ${file} decode without errors or unknown fields`, () => {
    const objects = objectsOf(JSON.parse(readFileSync(new URL(file, GOLDEN), "utf8")));
    assert.ok(objects.length > 0);
    for (const object of objects) {
      const [group, version] = String(object.apiVersion).includes("/")
        ? String(object.apiVersion).split("/")
        : ["", String(object.apiVersion)];
      const schema = source.kind(group, version, String(object.kind));
      if (!schema) continue; // kinds fkas defines itself
      const name = `${object.kind} ${(object.metadata as { name?: string })?.name}`;
      assert.deepEqual(checkTypes(source, schema, object), { unknownFields: [] }, name);
    }
  });
}
