// --data-dir with --workers N: one journal dir per worker; a changed N re-places every cluster by
// its hash, from every old journal, and switches layouts only once the new one is complete.

import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RegisteredCluster } from "../../src/cluster/mod.ts";
import { workerIndexOf } from "../../src/hosts/workers/mod.ts";
import {
  encodeRecord,
  fileHeader,
  type JournalRecord,
  loadJournal,
} from "../../src/journal/mod.ts";
import type { Logger } from "../../src/log/mod.ts";
import { nativeCrc32, readGeneration, snapshotCompression } from "../../src/runtime/mod.ts";
import { placeDataDir } from "../../src/server/mod.ts";
import { concatBytes } from "../../src/encoding/mod.ts";

const NAMES = ["a", "b", "c", "d", "e", "f", "g", "h"];
const compression = snapshotCompression;

function journalOf(names: readonly string[]): Uint8Array {
  const records: JournalRecord[] = names.map((name, i) => ({
    t: "register",
    cluster: `default/${name}`,
    registered: {
      namespace: "default",
      name,
      port: 100 + i,
      provisioning: {},
    } as unknown as RegisteredCluster,
  }));
  return concatBytes([fileHeader(), ...records.map(encodeRecord)]);
}

// The clusters each journal dir restores, by name (in name order: re-placement keeps the old
// workers' order, one old worker after another).
function restored(dirs: readonly string[]): string[][] {
  return dirs.map((dir) =>
    loadJournal(readGeneration(dir), compression, nativeCrc32).clusters.map((c) =>
      c.registered.name
    ).sort()
  );
}

const placedOn = (workers: number) =>
  Array.from(
    { length: workers },
    (_, i) => NAMES.filter((name) => workerIndexOf(`default/${name}`, workers) === i),
  );

describe("placeDataDir", () => {
  let dir: string;
  const lines: string[] = [];
  const log: Logger = {
    debug: () => {},
    info: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    error: (message) => lines.push(message),
  };
  const place = (workers: number) => {
    const placement = placeDataDir({ dataDir: dir, fsync: "never" }, workers, log, () => 0);
    placement.unlock();
    return placement.dirs;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fkas-placement-"));
    lines.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps one worker's journal at the data dir's top level, as before workers", () => {
    writeFileSync(join(dir, "journal-0.fkas"), journalOf(NAMES));
    assert.deepEqual(place(1), [dir]);
    assert.deepEqual(restored([dir]), [NAMES]);
    assert.equal(existsSync(join(dir, "layout.json")), false);
  });

  it("re-places the top level's clusters on 2 workers, by hash, and back on 1", () => {
    writeFileSync(join(dir, "journal-0.fkas"), journalOf(NAMES));
    const two = place(2);
    assert.deepEqual(two, [join(dir, "layout-1", "worker-0"), join(dir, "layout-1", "worker-1")]);
    assert.deepEqual(restored(two), placedOn(2));
    assert.ok(placedOn(2).every((names) => names.length > 0), "both workers hold clusters");
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "layout.json"), "utf8")), {
      dir: "layout-1",
      workers: 2,
    });
    // The old journal is gone once the new layout is the data dir's.
    assert.deepEqual(readdirSync(dir).sort(), ["layout-1", "layout.json"]);
    assert.match(lines.join("\n"), /re-placed the data dir's clusters/);

    assert.deepEqual(place(2), two, "the same count opens the same dirs");
    const three = place(3);
    assert.deepEqual(restored(three), placedOn(3));
    const one = place(1);
    assert.deepEqual(one, [join(dir, "layout-3", "worker-0")]);
    assert.deepEqual(restored(one), [NAMES]);
    assert.deepEqual(readdirSync(dir).sort(), ["layout-3", "layout.json"]);
  });

  it("keeps the layout layout.json names when a change was cut short, and removes the rest", () => {
    writeFileSync(join(dir, "journal-0.fkas"), journalOf(NAMES));
    const two = place(2);
    // A crash while writing layout-2 (before layout.json named it) leaves it half written.
    mkdirSync(join(dir, "layout-2", "worker-0"), { recursive: true });
    writeFileSync(join(dir, "layout-2", "worker-0", "snapshot-0.fkas"), "half");
    writeFileSync(join(dir, "layout.json.tmp"), "{");
    assert.deepEqual(place(2), two);
    assert.deepEqual(restored(two), placedOn(2));
    assert.deepEqual(readdirSync(dir).sort(), ["layout-1", "layout.json"]);
  });

  it("stops on a corrupt old journal, naming it, and leaves the data dir as it was", () => {
    const bytes = journalOf(NAMES);
    bytes[40] ^= 0x40;
    writeFileSync(join(dir, "journal-0.fkas"), bytes);
    assert.throws(
      () => place(2),
      /Cannot restore from [^ ]*journal-0\.fkas: corrupt at byte offset \d+/,
    );
    assert.deepEqual(readdirSync(dir).sort(), ["journal-0.fkas"]);
  });
});
