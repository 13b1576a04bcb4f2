// The data dir's files: a snapshot written a slice at a time becomes the new generation only once
// complete; a compaction that fails midway leaves the previous generation to start from.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataDir } from "../../src/runtime/mod.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);
const header = bytes(1, 1, 1, 1);

async function* slices(parts: Uint8Array[], failAfter = Infinity): AsyncGenerator<Uint8Array> {
  for (const [i, part] of parts.entries()) {
    if (i >= failAfter) throw new Error("encoding failed");
    await new Promise((resolve) => setTimeout(resolve, 0));
    yield part;
  }
}

describe("data dir files", () => {
  it("a sliced snapshot becomes snapshot-1 whole, with an empty journal-1 after it", async () => {
    const path = mkdtempSync(join(tmpdir(), "fkas-datadir-"));
    try {
      const dir = openDataDir(path, "batch");
      const file = await dir.openJournal(0, header);
      await file.append(bytes(7, 7));
      await file.compact(slices([bytes(9), bytes(8, 8), bytes(7, 7, 7)]), header);
      await file.append(bytes(5));
      await file.close();
      dir.unlock();
      assert.deepEqual(readdirSync(path).sort(), ["journal-1.fkas", "snapshot-1.fkas"]);
      const again = openDataDir(path, "batch");
      assert.deepEqual(again.contents.snapshot, bytes(9, 8, 8, 7, 7, 7));
      assert.deepEqual(again.contents.journal, bytes(1, 1, 1, 1, 5));
      again.unlock();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });

  it("a compaction failing between slices keeps generation 0; its leftover is removed", async () => {
    const path = mkdtempSync(join(tmpdir(), "fkas-datadir-"));
    try {
      const dir = openDataDir(path, "batch");
      const file = await dir.openJournal(0, header);
      await file.append(bytes(7, 7));
      await assert.rejects(
        file.compact(slices([bytes(9), bytes(8, 8), bytes(7)], 2), header),
        /encoding failed/,
      );
      assert.ok(existsSync(join(path, "snapshot-1.fkas.tmp")), "a partial temporary file");
      await file.close();
      dir.unlock();
      const again = openDataDir(path, "batch");
      assert.equal(again.contents.generation, 0);
      assert.equal(again.contents.snapshot, undefined);
      assert.deepEqual(again.contents.journal, bytes(1, 1, 1, 1, 7, 7));
      assert.deepEqual(readdirSync(path).sort(), ["fkas.lock", "journal-0.fkas"]);
      again.unlock();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });
});
