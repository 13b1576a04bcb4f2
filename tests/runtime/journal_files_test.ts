// The data dir's files: a compaction starts the next journal at once and writes its snapshot beside
// it, a slice at a time; the snapshot becomes the new base only once complete, and a compaction
// that fails midway leaves the previous snapshot and both journals to start from.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  it("appending to a journal of an older format version first gives it the new header", async () => {
    // Records of the new version may follow; an older fkas must stop at the header, not at them.
    const path = mkdtempSync(join(tmpdir(), "fkas-datadir-"));
    try {
      writeFileSync(join(path, "journal-0.fkas"), bytes(1, 1, 1, 1, 7, 7, 9));
      const dir = openDataDir(path, "batch");
      const file = await dir.openJournal(6, bytes(1, 1, 1, 4)); // the 9 is a torn tail
      await file.append(bytes(5));
      await file.close();
      dir.unlock();
      assert.deepEqual(
        new Uint8Array(readFileSync(join(path, "journal-0.fkas"))),
        bytes(1, 1, 1, 4, 7, 7, 5),
      );
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });

  it("a sliced snapshot becomes snapshot-1 whole; appends made meanwhile are in journal-1", async () => {
    const path = mkdtempSync(join(tmpdir(), "fkas-datadir-"));
    try {
      const dir = openDataDir(path, "batch");
      const file = await dir.openJournal(0, header);
      await file.append(bytes(7, 7));
      const write = await file.rotate(header);
      const writing = write(slices([bytes(9), bytes(8, 8), bytes(7, 7, 7)]));
      await file.append(bytes(5)); // while the snapshot is written
      assert.ok(!existsSync(join(path, "snapshot-1.fkas")));
      await writing;
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

  it("a compaction failing between slices keeps snapshot 0's journal, then journal-1; its leftover is removed", async () => {
    const path = mkdtempSync(join(tmpdir(), "fkas-datadir-"));
    try {
      const dir = openDataDir(path, "batch");
      const file = await dir.openJournal(0, header);
      await file.append(bytes(7, 7));
      const write = await file.rotate(header);
      await file.append(bytes(6));
      await assert.rejects(write(slices([bytes(9), bytes(8, 8), bytes(7)], 2)), /encoding failed/);
      assert.ok(existsSync(join(path, "snapshot-1.fkas.tmp")), "a partial temporary file");
      await file.close();
      dir.unlock();
      const again = openDataDir(path, "batch");
      assert.equal(again.contents.generation, 1, "appends continue in journal-1");
      assert.equal(again.contents.snapshot, undefined);
      assert.deepEqual(again.contents.earlierJournals.map((j) => [j.file, j.bytes]), [
        [join(path, "journal-0.fkas"), bytes(1, 1, 1, 1, 7, 7)],
      ]);
      assert.deepEqual(again.contents.journal, bytes(1, 1, 1, 1, 6));
      assert.deepEqual(readdirSync(path).sort(), ["fkas.lock", "journal-0.fkas", "journal-1.fkas"]);
      // The next compaction replaces both journals.
      const next = await again.openJournal(again.contents.journal!.length, header);
      await (await next.rotate(header))(slices([bytes(4)]));
      await next.close();
      again.unlock();
      assert.deepEqual(readdirSync(path).sort(), ["journal-2.fkas", "snapshot-2.fkas"]);
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });

  it("an append is in the file when it returns (one write call, no trip through a thread pool)", async () => {
    const path = mkdtempSync(join(tmpdir(), "fkas-datadir-"));
    try {
      const dir = openDataDir(path, "batch");
      const file = await dir.openJournal(0, header);
      const appended = file.append(bytes(4, 2));
      // Before any await: a crash from here on finds the record (the answer waits for `appended`).
      assert.deepEqual(
        new Uint8Array(readFileSync(join(path, "journal-0.fkas"))),
        bytes(1, 1, 1, 1, 4, 2),
      );
      await appended;
      await file.close();
      dir.unlock();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });
});
