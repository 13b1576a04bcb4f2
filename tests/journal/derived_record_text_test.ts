// A derived record read without parsing its patch: the same record as JSON.parse reads, the patch
// parsed when its object is built, and records laid out otherwise parsed whole.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decodeFile,
  DerivedChanges,
  fileHeader,
  frame,
  JournalError,
} from "../../src/journal/mod.ts";
import { derivedRecordText } from "../../src/journal/derived_record_text.ts";
import { concatBytes } from "../../src/encoding/mod.ts";

const configMap = (cluster: string, n: number, data: Record<string, string>) => ({
  type: "ADDED" as const,
  resource: "configmaps",
  key: `kube-system/${cluster}-config`,
  resourceVersion: n,
  object: {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `${cluster}-config`, namespace: "kube-system", uid: `uid-${n}` },
    data,
  },
});

// The JSON of each change as the journal writes it (derived where it can be).
function written(changes: [cluster: string, ReturnType<typeof configMap>][]): string[] {
  const derived = new DerivedChanges();
  return changes.map(([cluster, change]) =>
    derived.derive(cluster, change) ?? JSON.stringify({ t: "change", cluster, change })
  );
}

const journalOf = (texts: string[]) =>
  concatBytes([fileHeader(), ...texts.map((text) => frame(new TextEncoder().encode(text)))]);

describe("derived record text", () => {
  it("reads a derived record's head as JSON.parse does and keeps its patch as its text", () => {
    const [, text] = written([
      ["default/a", configMap("a", 1, { k: "v" })],
      ["default/b", configMap("b", 2, { k: "é \u2028 ✓" })],
    ]);
    const read = derivedRecordText(text);
    assert.ok(read);
    const parsed = JSON.parse(text);
    assert.deepEqual({ ...read, patch: JSON.parse(read.patch) }, parsed);
    assert.deepEqual(Object.keys(read.change), Object.keys(parsed.change));
  });

  it("leaves to JSON.parse what is not a derived record, or holds an escape before its patch", () => {
    const [whole, derived] = written([
      ["default/a", configMap("a", 1, {})],
      ["default/b", configMap("b", 2, {})],
    ]);
    assert.equal(derivedRecordText(whole), undefined);
    assert.ok(derivedRecordText(derived));
    const escaped = derived.replace('"kube-system/b-config"', '"kube-system/b\\"config"');
    assert.equal(derivedRecordText(escaped), undefined);
    for (let cut = 1; cut < derived.indexOf('"patch":') + 8; cut++) {
      assert.equal(derivedRecordText(derived.slice(0, cut)), undefined, `cut at ${cut}`);
    }
  });

  it("a journal whose keys need escapes resolves to the same objects as one without", () => {
    const changes: [string, ReturnType<typeof configMap>][] = [];
    for (let n = 1; n <= 20; n++) {
      const cluster = [`c${n}\\x`, `c${n}`, `c"${n}`, `c${n}\n`][n % 4]; // c1 first: a template without escapes
      changes.push([`default/${cluster}`, configMap(cluster, n, { n: String(n) })]);
    }
    const records = decodeFile(journalOf(written(changes)), "journal-0.fkas").records;
    assert.deepEqual(
      records.map((r) =>
        r.t === "change" ? [r.cluster, r.change.key, JSON.stringify(r.change.object)] : r.t
      ),
      changes.map(([cluster, change]) => [cluster, change.key, JSON.stringify(change.object)]),
    );
  });

  it("a derived record whose patch is not a patch reads, and is Corrupt when its object is built, naming the file and offset", () => {
    const texts = written([
      ["default/a", configMap("a", 1, {})],
      ["default/b", configMap("b", 2, {})],
    ]);
    const patch = texts[1].indexOf('"patch":') + 8;
    for (const bad of ['{"not":"a patch"}', "[[1,2]]", "[[[", '[[["data"],1]]x']) {
      const text = texts[1].slice(0, patch) + bad + "}";
      const records = decodeFile(journalOf([texts[0], text]), "journal-7.fkas").records;
      const record = records[1];
      assert.ok(record.t === "change");
      for (let time = 0; time < 2; time++) {
        assert.throws(() => record.change.object, (error) => {
          assert.ok(error instanceof JournalError);
          assert.equal(error.reason, "Corrupt");
          assert.equal(error.offset, 8 + 8 + new TextEncoder().encode(texts[0]).length);
          assert.match(
            error.message,
            /journal-7\.fkas: corrupt at byte offset \d+: derived record does not resolve: its patch is not/,
          );
          return true;
        });
      }
    }
  });
});
