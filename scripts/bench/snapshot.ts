// Compaction and start-up cost of a data dir, in process: the synchronous part of a snapshot (the
// longest event-loop stall), the CPU to encode it (JSON + zstd; plain and brotli, the format before,
// for comparison) and to read it back, its size per cluster. `--copies N` re-keys the clusters N
// times to extrapolate to more clusters.
//   npx --yes bun@1.4.5 scripts/bench/restart.ts --clusters 1000 --keep   (prints the data dir)
//   npx --yes bun@1.4.5 scripts/bench/snapshot.ts --data-dir DIR [--copies 10]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import process from "node:process";
import { parseArgs } from "node:util";
import {
  type Compression,
  decodeFile,
  Journal,
  type JournalSink,
  loadJournal,
  RegistryRecords,
} from "../../src/journal/mod.ts";
import { snapshotCompression } from "../../src/runtime/mod.ts";
import { ObjectStore } from "../../src/store/mod.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  options: { "data-dir": { type: "string" }, copies: { type: "string" } },
});
if (!values["data-dir"]) {
  console.log("Usage: snapshot.ts --data-dir DIR [--copies N]");
  process.exit(2);
}
const copies = positive("copies", values.copies, 1);
const dir = values["data-dir"];
const zstd: Compression = snapshotCompression;
// What snapshots were before zstd (format version 2), for comparison in the same process.
const brotli: Compression = {
  version: 2,
  compress: (bytes) =>
    new Uint8Array(brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 1,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    })),
  decompress: snapshotCompression.decompress,
};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const names = readdirSync(dir);
const newest = (kind: string) =>
  names.filter((n) => n.startsWith(kind)).sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true })
  )
    .at(-1);
const snapshotName = newest("snapshot-");
const journalName = newest("journal-")!;
const files = {
  ...(snapshotName
    ? {
      snapshotFile: snapshotName,
      snapshot: new Uint8Array(readFileSync(join(dir, snapshotName))),
    }
    : {}),
  journalFile: journalName,
  journal: new Uint8Array(readFileSync(join(dir, journalName))),
};
let t = cpuMs();
const loaded = loadJournal(files, zstd);
const readMs = cpuMs() - t;

t = cpuMs();
const stores = new Map<string, ObjectStore>();
for (const cluster of loaded.clusters) {
  const store = new ObjectStore({ now: () => new Date(), newUid: () => "x" });
  if (cluster.snapshot) store.restore(cluster.snapshot);
  for (const change of cluster.changes) store.replay(change);
  stores.set(`${cluster.registered.namespace}/${cluster.registered.name}`, store);
}
const replayMs = cpuMs() - t;
const records = new RegistryRecords(() => {});
const copyOf = new Map<string, string>();
for (let copy = 0; copy < copies; copy++) {
  records.adopt(loaded.clusters.map((cluster) => {
    const name = copy === 0 ? cluster.registered.name : `${cluster.registered.name}-${copy}`;
    copyOf.set(
      `${cluster.registered.namespace}/${name}`,
      `${cluster.registered.namespace}/${cluster.registered.name}`,
    );
    return { ...cluster, registered: { ...cluster.registered, name } };
  }));
}
const clusters = loaded.clusters.length * copies;

async function compaction(compression?: Compression) {
  let syncMs = 0;
  let longestSlice = 0;
  let bytes = 0;
  const sink: JournalSink = {
    append: () => Promise.resolve(),
    rotate: () =>
      Promise.resolve(async (snapshot) => {
        const slices: Uint8Array[] = [];
        let sliceStart = cpuMs();
        for await (const slice of snapshot) {
          longestSlice = Math.max(longestSlice, cpuMs() - sliceStart);
          slices.push(slice);
          bytes += slice.length;
          sliceStart = cpuMs();
        }
        last = slices;
      }),
    close: () => Promise.resolve(),
  };
  let last: Uint8Array[] = [];
  const journal = new Journal({
    sink,
    schedule: queueMicrotask,
    compression,
    snapshot: () => {
      const start = cpuMs();
      const taken = records.capture((key) => stores.get(copyOf.get(key) ?? key));
      syncMs = cpuMs() - start;
      return taken;
    },
  });
  const cpu = cpuMs();
  await journal.compact();
  const encodeMs = cpuMs() - cpu;
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const slice of last) {
    whole.set(slice, at);
    at += slice.length;
  }
  const read = cpuMs();
  decodeFile(whole, "snapshot", zstd);
  return { syncMs, longestSlice, encodeMs, bytes, decodeMs: cpuMs() - read };
}

const kib = (bytes: number) => `${(bytes / clusters / 1024).toFixed(1)} KiB/cluster`;
console.log(
  `snapshot.ts: ${dir}: ${loaded.clusters.length} clusters × ${copies} = ${clusters}; read ${
    (files.journal.length / 2 ** 20).toFixed(0)
  } MiB journal${snapshotName ? " + snapshot" : ""} in ${readMs.toFixed(0)} ms CPU (${
    (((files.snapshot?.length ?? 0) + files.journal.length) / loaded.clusters.length / 1024)
      .toFixed(1)
  } KiB/cluster), replay ${replayMs.toFixed(0)} ms CPU`,
);
const codecs = [["plain (v1)", undefined], ["zstd (v3)", zstd], ["brotli (v2)", brotli]] as const;
for (const [name, compression] of codecs) {
  const r = await compaction(compression);
  console.log(
    `  ${name.padEnd(12)} ${kib(r.bytes)}, ${(r.bytes / 2 ** 20).toFixed(0)} MiB; references ${
      r.syncMs.toFixed(0)
    } ms CPU (one turn), encode ${r.encodeMs.toFixed(0)} ms CPU, longest slice ${
      r.longestSlice.toFixed(0)
    } ms CPU; decode ${r.decodeMs.toFixed(0)} ms CPU`,
  );
}
