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

  it("lists an owner's dependents once each, in order, past a handful and after removals", () => {
    const index = new ObjectIndex();
    const uids = Array.from({ length: 40 }, (_, i) => `pod-${i}`);
    for (const uid of uids) {
      index.put("configmaps", true, object(uid, { ownerReferences: [owner] }));
    }
    // A dependent written again (MODIFIED) stays one entry, with its latest location.
    index.put("configmaps", true, object("pod-3", { ownerReferences: [owner], name: "renamed" }));
    assert.deepEqual(index.dependentsOf("a").map((l) => l.uid), uids);
    assert.equal(index.dependentsOf("a")[3].name, "renamed");
    for (const uid of uids.slice(0, 39)) index.remove(uid);
    assert.deepEqual(index.dependentsOf("a").map((l) => l.uid), ["pod-39"]);
    index.remove("pod-39");
    assert.deepEqual(index.dependentsOf("a"), []);
    // Below the switch to a Map too: one owner with three dependents, one removed.
    for (const uid of ["x", "y", "z"]) {
      index.put("configmaps", true, object(uid, { ownerReferences: [owner] }));
    }
    index.put("configmaps", true, object("y"));
    assert.deepEqual(index.dependentsOf("a").map((l) => l.uid), ["x", "z"]);
  });
});
