// Where a data dir keeps its journals: at its top level (one journal, as `--workers 1` always
// did), or one journal dir per worker, `layout-<k>/worker-<i>/`, named by `layout.json`.
//
// A change of `--workers` writes a whole new `layout-<k+1>/` beside the old one, syncs it, and
// only then replaces `layout.json` (temporary name, fsync, rename): the pointer names one
// complete layout at every moment, and whatever it does not name is a leftover to remove.

import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { syncDir } from "./journal_files.ts";

/** The journals of a data dir: `dir` ("" = the top level, one worker) holds one dir per worker. */
export interface DataDirLayout {
  readonly dir: string;
  readonly workers: number;
}

const POINTER = "layout.json";
const TOP_LEVEL: DataDirLayout = { dir: "", workers: 1 };

/** The layout `layout.json` names; without it, the top level (a data dir of one journal). */
export function readLayout(path: string): DataDirLayout {
  const file = join(path, POINTER);
  if (!existsSync(file)) return TOP_LEVEL;
  let layout: unknown;
  try {
    layout = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new Error(`Cannot use data dir ${path}: ${file} is not valid JSON`, { cause });
  }
  const { dir, workers } = layout as Partial<DataDirLayout>;
  if (
    typeof dir !== "string" || !/^(?:layout-\d+)?$/.test(dir) ||
    !Number.isInteger(workers) || workers! < 1 || (dir === "" && workers !== 1)
  ) {
    throw new Error(
      `Cannot use data dir ${path}: ${file} names no layout (${JSON.stringify(layout)})`,
    );
  }
  return { dir, workers: workers! };
}

/** Each worker's journal dir in `layout`, in worker order. */
export function layoutDirs(path: string, layout: DataDirLayout): string[] {
  if (layout.dir === "") return [path];
  return Array.from({ length: layout.workers }, (_, i) => join(path, layout.dir, `worker-${i}`));
}

/** A new, empty layout for `workers` (created on disk, not yet named by `layout.json`). */
export function createLayout(path: string, workers: number): DataDirLayout {
  const used = readdirSync(path).map((name) => /^layout-(\d+)$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined).map(Number);
  const layout = { dir: `layout-${Math.max(0, ...used) + 1}`, workers };
  for (const dir of layoutDirs(path, layout)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return layout;
}

/** Writes a file in a new layout's worker dir, slice by slice, and syncs it. */
export function writeLayoutFile(dir: string, name: string): {
  write(bytes: Uint8Array): void;
  close(): void;
} {
  const fd = openSync(join(dir, name), "w", 0o600);
  return {
    write(bytes) {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    },
    close() {
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Makes `layout` (complete and synced) the data dir's: `layout.json` is replaced atomically,
 * then what it no longer names is removed.
 */
export function adoptLayout(path: string, layout: DataDirLayout): void {
  for (const dir of layoutDirs(path, layout)) syncDir(dir);
  syncDir(join(path, layout.dir));
  const temporary = join(path, `${POINTER}.tmp`);
  writeFileSync(temporary, JSON.stringify(layout) + "\n", { mode: 0o600 });
  const fd = openSync(temporary, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, join(path, POINTER));
  syncDir(path);
  removeOtherLayouts(path, layout);
}

/**
 * Removes what `layout` does not name: other `layout-<k>` dirs (an interrupted change, or the one
 * replaced) and, when the journals live in a layout dir, the top level's journal files.
 */
export function removeOtherLayouts(path: string, layout: DataDirLayout): void {
  for (const name of readdirSync(path)) {
    const stale = /^layout-\d+$/.test(name)
      ? name !== layout.dir
      : layout.dir !== "" && /^(?:snapshot|journal)-\d+\.fkas(?:\.tmp)?$/.test(name);
    if (stale || name === `${POINTER}.tmp`) {
      rmSync(join(path, name), { recursive: true, force: true });
    }
  }
}

/** Removes a layout that was being written when re-placement failed. */
export function discardLayout(path: string, layout: DataDirLayout): void {
  if (layout.dir !== "") rmSync(join(path, layout.dir), { recursive: true, force: true });
}
