// A batch encoded in place is the same bytes as its records framed one by one, whatever its size.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { batchEncoder } from "../../src/journal/batch_encoder.ts";
import { encodeRecord, type JournalRecord, recordEncoder } from "../../src/journal/mod.ts";
import { concatBytes } from "../../src/encoding/mod.ts";

const change = (name: string, data: string, resourceVersion: number): JournalRecord => ({
  t: "change",
  cluster: "default/c1",
  change: {
    type: "ADDED",
    resource: "configmaps",
    key: `default/${name}`,
    object: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: "default", resourceVersion: `${resourceVersion}` },
      data: { text: data },
    },
    resourceVersion,
  },
});

describe("batchEncoder", () => {
  it("writes each record's frame as encodeRecord does, ASCII, multi-byte and surrogate pairs alike", () => {
    const records = [
      change("a", "plain", 2),
      { t: "unregister", cluster: "default/ü" } as const,
      change("b", "ä€😀 and \u2028", 3),
      change("c", "x".repeat(70_000), 4), // past the first scratch buffer
      change("d", "😀".repeat(50_000), 5),
    ];
    const encode = batchEncoder();
    assert.deepEqual(encode(records), concatBytes(records.map(encodeRecord)));
    // The scratch buffer is reused: a smaller batch after a large one has only its own bytes.
    assert.deepEqual(
      encode(records.slice(0, 2)),
      concatBytes(records.slice(0, 2).map(encodeRecord)),
    );
    assert.deepEqual(encode([records[2]]), encodeRecord(records[2]));
  });

  it("embeds an object's cached text, as recordEncoder does", () => {
    const records = [change("a", "one", 2), change("b", "two", 3)];
    const cachedJson = (object: object) => JSON.stringify(object);
    assert.deepEqual(
      batchEncoder(cachedJson)(records),
      concatBytes(records.map(recordEncoder(cachedJson))),
    );
  });

  it("tallies the bytes of records that supersede earlier ones (modifications, deletions, cluster state)", () => {
    const added = change("a", "one", 2);
    const second = change("a", "two", 3);
    const modified = second.t === "change"
      ? { ...second, change: { ...second.change, type: "MODIFIED" as const } }
      : second;
    const state: JournalRecord = { t: "booted", cluster: "default/c1", node: "n1" };
    const tally = { superseding: 0 };
    batchEncoder()([added, modified, state], tally);
    assert.equal(tally.superseding, encodeRecord(modified).length + encodeRecord(state).length);
  });
});
