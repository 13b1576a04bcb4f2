// The GC's uid index locates only what the collector looks up by uid: dependents and objects being finalized.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ObjectIndex } from "../../src/controllers/object_index.ts";
import type { KubeObject } from "../../src/store/mod.ts";

const object = (uid: string, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: uid, namespace: "ns", uid, ...metadata },
});
const owner = { apiVersion: "v1", kind: "ConfigMap", name: "a", uid: "a", controller: true };

describe("object index", () => {
  it("holds no location for an object that neither has owners nor finalizers (a seeded role)", () => {
    const index = new ObjectIndex();
    index.put("configmaps", true, object("plain"));
    assert.equal(index.locate("plain"), undefined);
    index.put("configmaps", true, object("owned", { ownerReferences: [owner] }));
    assert.equal(index.locate("owned")?.name, "owned");
    assert.deepEqual(index.dependentsOf("a").map((l) => l.uid), ["owned"]);
    index.put("configmaps", true, object("final", { finalizers: ["example.com/x"] }));
    assert.equal(index.locate("final")?.resource, "configmaps");
  });

  it("forgets a location and its owner links when the object drops its references", () => {
    const index = new ObjectIndex();
    index.put("configmaps", true, object("owned", { ownerReferences: [owner] }));
    index.put("configmaps", true, object("owned"));
    assert.equal(index.locate("owned"), undefined);
    assert.deepEqual(index.dependentsOf("a"), []);
  });
});
