// The LIST text cache: a text is reused only for the same objects under the same key, and the
// cache stays within its bounds; through the app, a LIST after a write shows the write.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ListTextCache } from "../../src/kube/list_text_cache.ts";
import { kubeFixture } from "./kube_fixture.ts";

describe("LIST text cache", () => {
  it("answers only for the very same objects, least recently used evicted first", () => {
    const cache = new ListTextCache(2, 1000);
    const a = { n: 1 };
    const b = { n: 2 };
    cache.set("k", [a, b], "ab");
    assert.equal(cache.get("k", [a, b]), "ab");
    assert.equal(cache.get("k", [a, { n: 2 }]), undefined, "an equal but other object");
    assert.equal(cache.get("k", [a]), undefined);
    assert.equal(cache.get("other", [a, b]), undefined);
    cache.set("k2", [a], "a");
    cache.get("k", [a, b]); // k is now the most recently used
    cache.set("k3", [b], "b");
    assert.equal(cache.get("k2", [a]), undefined, "evicted");
    assert.equal(cache.get("k", [a, b]), "ab");
    assert.deepEqual(cache.size, { entries: 2, chars: 3 });
  });

  it("keeps within its characters, never holding a text over an eighth of them", () => {
    const cache = new ListTextCache(100, 80);
    const item = {};
    cache.set("big", [item], "x".repeat(11));
    assert.equal(cache.get("big", [item]), undefined);
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, [item], "y".repeat(10));
    assert.deepEqual(cache.size, { entries: 8, chars: 80 });
    assert.equal(cache.get("k0", [item]), undefined);
    assert.equal(cache.get("k9", [item]), "y".repeat(10));
  });

  it("a LIST repeated after a write shows it; an unchanged one answers the same bytes", async () => {
    const { call } = kubeFixture();
    const path = "/api/v1/namespaces/default/configmaps";
    await call("POST", path, { metadata: { name: "a" }, data: { k: "1" } });
    const first = await call("GET", path);
    const again = await call("GET", path);
    assert.equal(again.text, first.text);
    assert.equal(first.text.endsWith("}\n"), true);
    await call("PATCH", `${path}/a`, { data: { k: "2" } }, {
      "content-type": "application/merge-patch+json",
    });
    const changed = await call("GET", path);
    assert.equal(changed.json.items[0].data.k, "2");
    assert.notEqual(changed.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
    // Another cluster whose list has the same envelope is answered with its own objects.
    const other = kubeFixture();
    await other.call("POST", path, { metadata: { name: "b" } });
    assert.deepEqual(
      (await other.call("GET", path)).json.items.map((i: { metadata: { name: string } }) =>
        i.metadata.name
      ),
      ["b"],
    );
  });
});
