// A manager's identifier is Go's JSON of what identifies it, the same text on every call.

import assert from "node:assert/strict";
import { test } from "node:test";
import { managerIdentifier } from "../../../src/api/apply/managed_fields.ts";

test("managerIdentifier writes the set fields in BuildManagerIdentifier's order", () => {
  assert.equal(
    managerIdentifier({ manager: "kubectl", operation: "Update", apiVersion: "v1" }),
    '{"manager":"kubectl","operation":"Update","apiVersion":"v1"}',
  );
  assert.equal(
    managerIdentifier({
      manager: "kubelet",
      operation: "Update",
      apiVersion: "v1",
      subresource: "status",
    }),
    '{"manager":"kubelet","operation":"Update","apiVersion":"v1","subresource":"status"}',
  );
  // An Apply entry's identity carries no apiVersion.
  assert.equal(
    managerIdentifier({ manager: "helm", operation: "Apply", apiVersion: "apps/v1" }),
    '{"manager":"helm","operation":"Apply"}',
  );
  assert.equal(
    managerIdentifier({ operation: "Update", apiVersion: "v1" }),
    '{"operation":"Update","apiVersion":"v1"}',
  );
  assert.equal(managerIdentifier({}), "{}");
  assert.equal(
    managerIdentifier({ manager: 'a"<b', operation: "Update" }),
    '{"manager":"a\\"<b","operation":"Update"}',
  );
});

test("managerIdentifier answers the same for the same entry, and apart for entries that differ", () => {
  const seen = new Map<string, string>();
  for (let round = 0; round < 3; round++) {
    for (const manager of ["a", "b", "", "a\u0000b"]) {
      for (const operation of ["Update", "Apply"]) {
        for (const apiVersion of ["v1", "apps/v1"]) {
          for (const subresource of ["", "status", "scale"]) {
            const id = managerIdentifier({ manager, operation, apiVersion, subresource });
            const key = JSON.stringify([
              manager,
              operation,
              operation === "Apply" ? "" : apiVersion,
              subresource,
            ]);
            assert.equal(seen.get(key) ?? id, id);
            seen.set(key, id);
            assert.deepEqual(JSON.parse(id), {
              ...(manager ? { manager } : {}),
              operation,
              ...(operation === "Apply" ? {} : { apiVersion }),
              ...(subresource ? { subresource } : {}),
            });
          }
        }
      }
    }
  }
  assert.equal(new Set(seen.values()).size, seen.size);
});
