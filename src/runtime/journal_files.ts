// The files of a data dir: a lock, `snapshot-<n>.fkas` and the `journal-<n>.fkas` that follows it.
//
// Compaction first syncs journal-<n> and starts an empty journal-<n+1>, where appends go on at
// once; then it writes snapshot-<n+1> (the state where journal-<n+1> starts: temporary name,
// fsync, rename) and removes generation n. A crash before the rename leaves snapshot-<n> (or none
// at n = 0) followed by journal-<n> and journal-<n+1>, which start-up replays in order; after it,
// snapshot-<n+1> and journal-<n+1>.

import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";

/** How appends are made durable: each batch synced, synced every `batchSyncMs`, or never. */
export type FsyncPolicy = "always" | "batch" | "never";

/** What the data dir held at start-up: the newest complete generation's bytes. */
export interface DataDirContents {
  /** The journal appends continue in. */
  readonly generation: number;
  readonly snapshotFile?: string;
  readonly snapshot?: Uint8Array;
  /** Journals between the snapshot and `journal` (a compaction that did not finish), in order. */
  readonly earlierJournals: readonly { readonly file: string; readonly bytes: Uint8Array }[];
  readonly journalFile: string;
  readonly journal?: Uint8Array;
}

/** An open, locked data dir. */
export interface DataDir {
  readonly path: string;
  readonly contents: DataDirContents;
  /**
   * Opens the journal for appending after its first `validBytes` (a torn tail is cut off), or
   * starts it with `header` when it is empty; an existing journal whose header differs (an older
   * format version) takes `header`.
   */
  openJournal(validBytes: number, header: Uint8Array): Promise<JournalFile>;
  /** Releases the lock (the journal must be closed first). */
  unlock(): void;
}

/** The journal file open for appends, with the two steps of compaction. */
export interface JournalFile {
  append(bytes: Uint8Array): Promise<void>;
  /**
   * Syncs and closes the journal and starts the next one with `header` (appends go there), and
   * answers the writer of the snapshot it follows from: its slices are written as they come
   * (fsync, rename), then the older generations are removed.
   */
  rotate(header: Uint8Array): Promise<(snapshot: AsyncIterable<Uint8Array>) => Promise<void>>;
  close(): Promise<void>;
}

const LOCK = "fkas.lock";

/**
 * Creates (if needed) and locks a data dir, then reads its newest generation. A second process
 * on the same dir fails with "Cannot use data dir ...: locked by process <pid>". With
 * `lock: false` the caller holds the lock already (a worker's journal dir inside the data dir).
 */
export function openDataDir(
  path: string,
  fsync: FsyncPolicy,
  batchSyncMs = 100,
  options: { readonly lock?: boolean } = {},
): DataDir {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const unlock = options.lock === false ? () => {} : lockDataDir(path);
  const contents = readGeneration(path);
  return {
    path,
    contents,
    openJournal: (validBytes, header) =>
      openJournalFile(path, contents.generation, validBytes, header, fsync, batchSyncMs),
    unlock,
  };
}

/**
 * Creates (if needed) and locks a data dir for this process, answering the unlock; a second
 * process fails with "Cannot use data dir ...: locked by process <pid>".
 */
export function lockDataDir(path: string): () => void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const file = join(path, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
      throw new Error(
        `Cannot use data dir ${path}: it is locked by process ${pid} (${file}); one fkas per data dir`,
      );
    }
    rmSync(file, { force: true }); // left behind by a process that is gone (kill -9, OOM)
  }
  throw new Error(`Cannot use data dir ${path}: cannot create ${file}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/**
 * What a journal dir holds, its newest generation, without locking or opening it (leftovers of
 * an interrupted compaction are removed, as at any start-up).
 */
export function readGeneration(path: string): DataDirContents {
  const numbered = (kind: string) =>
    readdirSync(path).map((name) => new RegExp(`^${kind}-(\\d+)\\.fkas$`).exec(name)?.[1])
      .filter((n): n is string => n !== undefined).map(Number).sort((a, b) => a - b);
  const snapshots = numbered("snapshot");
  const base = snapshots.length > 0 ? snapshots[snapshots.length - 1] : 0;
  // Leftovers of an interrupted compaction: a temporary snapshot and older generations.
  for (const name of readdirSync(path)) {
    const older = /^(?:snapshot|journal)-(\d+)\.fkas$/.exec(name);
    if (name.endsWith(".tmp") || (older && Number(older[1]) < base)) {
      rmSync(join(path, name), { force: true });
    }
  }
  const journals = numbered("journal").filter((n) => n >= base);
  const generation = journals.length > 0 ? journals[journals.length - 1] : base;
  const snapshotFile = join(path, `snapshot-${base}.fkas`);
  const journalFile = join(path, `journal-${generation}.fkas`);
  return {
    generation,
    ...(existsSync(snapshotFile) ? { snapshotFile, snapshot: readBytes(snapshotFile) } : {}),
    earlierJournals: journals.filter((n) => n < generation).map((n) => {
      const file = join(path, `journal-${n}.fkas`);
      return { file, bytes: readBytes(file) };
    }),
    journalFile,
    ...(existsSync(journalFile) ? { journal: readBytes(journalFile) } : {}),
  };
}

// A file's bytes as a plain Uint8Array viewing the Buffer's memory: `new Uint8Array(buffer)`
// copied it, ~0.4 s of CPU per 200 MiB journal at start-up (the fresh pages' faults mostly).
function readBytes(file: string): Uint8Array {
  const buffer = readFileSync(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function openJournalFile(
  path: string,
  startGeneration: number,
  validBytes: number,
  header: Uint8Array,
  fsync: FsyncPolicy,
  batchSyncMs: number,
): Promise<JournalFile> {
  let generation = startGeneration;
  let handle = await openAt(path, generation, validBytes, header);
  let unsynced = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const syncLater = () => {
    unsynced = true;
    timer ??= setTimeout(() => {
      timer = undefined;
      if (!unsynced) return;
      unsynced = false;
      handle.datasync().catch(() => {}); // a later append reports a broken file
    }, batchSyncMs);
  };
  return {
    append(bytes) {
      // A synchronous write: a batch lands in the page cache in one syscall of a few µs, where an
      // asynchronous one costs a trip through the runtime's thread pool and several promises
      // (~2× the CPU per write). A process crash after it loses nothing; power loss is --fsync's.
      writeAllSync(handle.fd, bytes);
      if (fsync === "always") return handle.datasync();
      if (fsync === "batch") syncLater();
      return Promise.resolve();
    },
    async rotate(journalHeader) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      unsynced = false;
      // The journal ends durable before the next one exists: only the newest can end torn. Even
      // under --fsync never (one sync per compaction is cheap): a torn older journal would stop
      // start-up as corrupt after a power loss.
      await handle.datasync();
      const next = generation + 1;
      const previous = handle;
      handle = await openAt(path, next, 0, journalHeader);
      syncDir(path);
      generation = next;
      await previous.close();
      return async (snapshot) => {
        const snapshotFile = join(path, `snapshot-${next}.fkas`);
        const temporary = `${snapshotFile}.tmp`;
        const file = await open(temporary, "w", 0o600);
        try {
          for await (const slice of snapshot) await writeAll(file, slice);
          await file.datasync();
        } finally {
          await file.close();
        }
        renameSync(temporary, snapshotFile);
        syncDir(path);
        for (const name of readdirSync(path)) {
          const older = /^(?:snapshot|journal)-(\d+)\.fkas$/.exec(name);
          if (older && Number(older[1]) < next) rmSync(join(path, name), { force: true });
        }
      };
    },
    async close() {
      if (timer) clearTimeout(timer);
      if (fsync !== "never") await handle.datasync();
      await handle.close();
    },
  };
}

// Opens journal-<generation> for appends: cut after `validBytes`, or started with `header`.
async function openAt(
  path: string,
  generation: number,
  validBytes: number,
  header: Uint8Array,
): Promise<FileHandle> {
  const file = join(path, `journal-${generation}.fkas`);
  if (validBytes === 0) {
    writeFileSync(file, header, { mode: 0o600 });
    const fd = openSync(file, "r+");
    fsyncSync(fd);
    closeSync(fd);
  } else {
    const fd = openSync(file, "r+");
    try {
      // A torn tail is cut off before anything is appended after it.
      if (statSync(file).size > validBytes) ftruncateSync(fd, validBytes);
      // A journal of an older format version (its records a subset of this one's) takes this
      // version's header before records only this version has are appended to it.
      const old = new Uint8Array(header.length);
      readSync(fd, old, 0, old.length, 0);
      if (old.some((byte, i) => byte !== header[i])) writeSync(fd, header, 0, header.length, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return await open(file, "a", 0o600);
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

function writeAllSync(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Syncs a directory, so that a rename or a new file in it is durable (POSIX); some systems
 * refuse, harmlessly.
 */
export function syncDir(path: string): void {
  try {
    const fd = openSync(path, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for sync on every platform; the rename is still atomic.
  }
}
