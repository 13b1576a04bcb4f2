// Long control lists are answered in batches that let the event loop run between them.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createControlApp } from "../../src/control/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { jsonListStream } from "../../src/control/json_list_stream.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(decoder.decode(chunk));
  return chunks;
}

/** A clock that advances 1 ms each time it is read: each rendered item costs one tick. */
function tickingClock() {
  let now = 0;
  return { monotonicNow: () => now++ };
}

describe("jsonListStream", () => {
  it("renders {key: [items]} exactly as JSON.stringify, for 0, 1 and many items", async () => {
    for (const count of [0, 1, 3, 7]) {
      const items = Array.from({ length: count }, (_, i) => ({ n: i, s: `"${i}"` }));
      const stream = jsonListStream("items", items, (item) => item, {
        ...tickingClock(),
        sliceMs: 3,
        pause: () => Promise.resolve(),
      });
      const text = (await chunksOf(stream)).join("");
      assert.equal(text, JSON.stringify({ items }));
    }
  });

  it("renders one time slice per chunk and pauses between slices", async () => {
    let pauses = 0;
    const rendered: number[] = [];
    const stream = jsonListStream("items", [1, 2, 3, 4, 5], (n) => (rendered.push(n), n), {
      ...tickingClock(),
      sliceMs: 2,
      pause: () => (pauses++, Promise.resolve()),
    });
    const chunks = await chunksOf(stream);
    assert.deepEqual(chunks, ['{"items":[1,2', ",3,4", ",5]}"]);
    assert.equal(pauses, 2);
    assert.deepEqual(rendered, [1, 2, 3, 4, 5]);
  });

  it("renders nothing past the first batch until the pause ends", async () => {
    const rendered: number[] = [];
    const stream = jsonListStream("items", [1, 2, 3], (n) => (rendered.push(n), n), {
      ...tickingClock(),
      sliceMs: 1,
      pause: () => new Promise(() => {}),
    });
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(rendered, [1]);
    await reader.cancel();
  });
});

describe("GET /clusters", () => {
  it("lets timers run while it answers many clusters, and the JSON is whole", async () => {
    const { registry } = registryWithFakeListeners({ ports: { min: 20000, max: 20029 } });
    for (let i = 0; i < 30; i++) await registry.register({ namespace: "default", name: `c${i}` });
    // Each cluster rendered costs 1 ms on this clock: slices of 5 clusters.
    const app = createControlApp({
      host: new LocalClusterHost(registry),
      now: tickingClock().monotonicNow,
    });
    const response = await app.request("/clusters");
    assert.equal(response.headers.get("content-type"), "application/json");
    let ticked = false;
    setTimeout(() => ticked = true, 0);
    const decoder = new TextDecoder();
    const chunks: { text: string; ticked: boolean }[] = [];
    for await (const chunk of response.body!) {
      chunks.push({ text: decoder.decode(chunk), ticked });
    }
    assert.ok(chunks.length >= 3, `${chunks.length} chunks`);
    assert.equal(chunks[0].ticked, false);
    assert.equal(chunks.at(-1)!.ticked, true, "a timer ran before the answer was complete");
    const body = JSON.parse(chunks.map((chunk) => chunk.text).join(""));
    assert.equal(body.clusters.length, 30);
    assert.equal(body.clusters[29].name, "c29");
  });
});
