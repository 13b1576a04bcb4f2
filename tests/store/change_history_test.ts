// The watch history's ring: what resumes and snapshots read back, before and after it wraps.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ChangeHistory } from "../../src/store/change_history.ts";
import type { KubeObject, StoreChange } from "../../src/store/mod.ts";

function pod(name: string, rv: number): KubeObject {
  return { kind: "Pod", metadata: { name, namespace: "ns", resourceVersion: String(rv) } };
}

function changes(): StoreChange[] {
  const a1 = pod("a", 1);
  const a2 = pod("a", 2);
  const b3 = pod("b", 3);
  return [
    { type: "ADDED", resource: "pods", key: "ns/a", object: a1, resourceVersion: 1 },
    {
      type: "MODIFIED",
      resource: "pods",
      key: "ns/a",
      object: a2,
      previous: a1,
      resourceVersion: 2,
    },
    { type: "ADDED", resource: "configmaps", key: "ns/b", object: b3, resourceVersion: 3 },
    {
      type: "DELETED",
      resource: "pods",
      key: "ns/a",
      object: a2,
      previous: a2,
      resourceVersion: 4,
    },
  ];
}

describe("ChangeHistory", () => {
  it("gives back every change as recorded: type, resource, key, objects, resourceVersion", () => {
    const history = new ChangeHistory(10);
    const recorded = changes();
    for (const change of recorded) history.record(change);
    const since = history.since(0, 4);
    assert.ok("changes" in since);
    assert.deepEqual(since.changes, recorded);
    assert.equal(since.changes[1].object, recorded[1].object);
    assert.equal(since.changes[1].previous, recorded[0].object);
    assert.ok(!("previous" in since.changes[0]), "an ADDED change has no previous");
    assert.deepEqual(history.retained(), recorded);
    assert.equal(history.oldestResumable(4), 0);
  });

  it("keeps the last `capacity` changes once it wraps, and expires resumes before them", () => {
    const history = new ChangeHistory(3);
    const recorded = changes();
    for (const change of recorded) history.record(change);
    assert.deepEqual(history.retained(), recorded.slice(1));
    assert.equal(history.oldestResumable(4), 1);
    assert.deepEqual(history.since(0, 4), { expired: true });
    const since = history.since(2, 4);
    assert.ok("changes" in since);
    assert.deepEqual(since.changes.map((c) => [c.type, c.resourceVersion]), [
      ["ADDED", 3],
      ["DELETED", 4],
    ]);
  });

  it("gives back the storage key of cluster-scoped objects and keys the metadata does not give", () => {
    const history = new ChangeHistory(5);
    const node: KubeObject = { kind: "Node", metadata: { name: "n1" } };
    const odd = pod("a", 2);
    history.record({
      type: "ADDED",
      resource: "nodes",
      key: "n1",
      object: node,
      resourceVersion: 1,
    });
    history.record({
      type: "ADDED",
      resource: "pods",
      key: "x/y",
      object: odd,
      resourceVersion: 2,
    });
    assert.deepEqual(history.retained().map((c) => c.key), ["n1", "x/y"]);
  });

  it("holds resourceVersions far beyond 32 bits exactly", () => {
    const history = new ChangeHistory(2);
    const big = 2 ** 40 + 3;
    history.record({
      type: "MODIFIED",
      resource: "pods",
      key: "ns/a",
      object: pod("a", big),
      resourceVersion: big,
    });
    const since = history.since(big - 1, big);
    assert.ok("changes" in since);
    assert.equal(since.changes[0].resourceVersion, big);
    assert.equal(since.changes[0].type, "MODIFIED");
  });

  it("keeps every change while it grows past its first room, then the last `capacity` once it wraps", () => {
    const history = new ChangeHistory(37);
    const recorded: StoreChange[] = [];
    for (let rv = 1; rv <= 100; rv++) {
      const change: StoreChange = {
        type: rv % 3 === 0 ? "MODIFIED" : "ADDED",
        resource: rv % 2 === 0 ? "pods" : "configmaps",
        key: `ns/o${rv}`,
        object: { kind: "Pod", metadata: { name: `o${rv}`, namespace: "ns" } },
        resourceVersion: rv,
      };
      history.record(change);
      recorded.push(change);
      if (rv === 30) {
        assert.equal(history.oldestResumable(rv), 0);
        assert.deepEqual(history.retained(), recorded);
      }
    }
    assert.deepEqual(history.retained(), recorded.slice(63));
    assert.equal(history.oldestResumable(100), 63);
    assert.deepEqual(history.since(62, 100), { expired: true });
    assert.deepEqual(history.since(90, 100), { changes: recorded.slice(90) });
  });
});
