import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deepEqual } from "../../src/store/mod.ts";
import { equalButResourceVersion } from "../../src/store/deep_equal.ts";

// The store's "a write that changes nothing" check, against what it replaced: deepEqual of both
// objects with the stored resourceVersion written into the new one.
function reference(updated: Record<string, unknown>, current: Record<string, unknown>): boolean {
  const metadata = (updated.metadata ?? {}) as Record<string, unknown>;
  const currentMeta = (current.metadata ?? {}) as Record<string, unknown>;
  return deepEqual(
    { ...updated, metadata: { ...metadata, resourceVersion: currentMeta.resourceVersion } },
    current,
  );
}

describe("equalButResourceVersion", () => {
  const current = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "a", resourceVersion: "7", labels: { app: "x" } },
    data: { k: "v" },
  };
  const cases: [string, Record<string, unknown>][] = [
    ["the same object", current],
    ["only the resourceVersion differs", {
      ...current,
      metadata: { ...current.metadata, resourceVersion: "" },
    }],
    ["no resourceVersion at all", {
      ...current,
      metadata: { name: "a", labels: { app: "x" } },
    }],
    ["keys in another order", {
      data: { k: "v" },
      metadata: { labels: { app: "x" }, resourceVersion: "3", name: "a" },
      kind: "ConfigMap",
      apiVersion: "v1",
    }],
    ["a label changed", { ...current, metadata: { ...current.metadata, labels: { app: "y" } } }],
    ["a metadata field added", {
      ...current,
      metadata: { ...current.metadata, generation: 2 },
    }],
    ["a metadata field undefined", {
      ...current,
      metadata: { ...current.metadata, generation: undefined },
    }],
    ["data removed", { apiVersion: "v1", kind: "ConfigMap", metadata: current.metadata }],
    ["a member added", { ...current, binaryData: {} }],
  ];
  for (const [name, updated] of cases) {
    it(`answers as deepEqual with the stored resourceVersion: ${name}`, () => {
      assert.equal(equalButResourceVersion(updated, current), reference(updated, current));
    });
  }

  it("ignores the resourceVersion whichever side lacks it", () => {
    const without = { metadata: { name: "a" } };
    assert.equal(
      equalButResourceVersion(without, { metadata: { name: "a", resourceVersion: "1" } }),
      true,
    );
    assert.equal(
      equalButResourceVersion({ metadata: { name: "a", resourceVersion: "1" } }, without),
      true,
    );
    assert.equal(equalButResourceVersion({ metadata: { name: "b" } }, without), false);
  });
});
