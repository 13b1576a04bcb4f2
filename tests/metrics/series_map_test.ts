// SeriesMap: one series per label values, found through one map per label, listed in order of
// first use within each first-label group, and dropped a group at a time.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SeriesMap } from "../../src/metrics/series_map.ts";

describe("SeriesMap", () => {
  it("finds the same series for the same values and lists series in order of first use", () => {
    const map = new SeriesMap("m", ["cluster", "verb", "code"], (pairs) => ({ pairs }));
    const first = map.get(["c1", "GET", "200"]);
    map.get(["c2", "LIST", "200"]);
    map.get(["c1", "GET", "404"]);
    map.get(["c1", "APPLY", "200"]);
    assert.equal(map.get(["c1", "GET", "200"]), first);
    assert.deepEqual([...map].map((s) => s.pairs), [
      'cluster="c1",verb="GET",code="200"',
      'cluster="c1",verb="GET",code="404"',
      'cluster="c1",verb="APPLY",code="200"',
      'cluster="c2",verb="LIST",code="200"',
    ]);
    // Values that a joined key could confuse stay apart.
    assert.notEqual(map.get(["c1", "a\u0000b", "c"]), map.get(["c1", "a", "b\u0000c"]));
    map.deleteGroup("c1");
    assert.deepEqual([...map].map((s) => s.pairs), ['cluster="c2",verb="LIST",code="200"']);
    assert.throws(() => map.get(["c1"]), /expected 3 label values, got 1/);
  });

  it("families of one label or none hold one series per value", () => {
    const none = new SeriesMap("n", [], (pairs) => ({ pairs }));
    assert.equal(none.get([]), none.get([]));
    const one = new SeriesMap("o", ["route"], (pairs) => ({ pairs }));
    assert.equal(one.get(["/a"]), one.get(["/a"]));
    one.get(["/b"]);
    assert.deepEqual([...one].map((s) => s.pairs), ['route="/a"', 'route="/b"']);
  });
});
