// `--data-dir` with `--workers N`: lock the data dir for the process and give each worker its own
// journal dir; when N changed since the last run, re-place every cluster by the hash that places
// it on a worker, from every old journal, before any worker starts.

import type { Config } from "../config/mod.ts";
import { workerIndexOf } from "../hosts/workers/mod.ts";
import { replaceClusters } from "../journal/mod.ts";
import type { Logger } from "../log/mod.ts";
import {
  adoptLayout,
  createLayout,
  type DataDirLayout,
  discardLayout,
  layoutDirs,
  lockDataDir,
  nativeCrc32,
  readGeneration,
  readLayout,
  removeOtherLayouts,
  snapshotCompression,
  writeLayoutFile,
} from "../runtime/mod.ts";

/** The data dir, locked, with one journal dir per worker. */
export interface DataDirPlacement {
  /** Each worker's journal dir, in worker order (the data dir itself for one worker, as before). */
  readonly dirs: readonly string[];
  /** Releases the data dir (every journal closed first). */
  unlock(): void;
}

/**
 * Locks `dataDir` and answers `workers` journal dirs. The same count as last time opens the same
 * dirs; another count writes a new layout whose worker `i` starts from a snapshot of every
 * cluster that hashes to `i`, then switches to it (a crash in between leaves the old one whole).
 */
export function placeDataDir(
  config: Pick<Config, "fsync"> & { readonly dataDir: string },
  workers: number,
  log: Logger,
  monotonicNow: () => number,
): DataDirPlacement {
  const path = config.dataDir;
  const unlock = lockDataDir(path);
  try {
    const current = readLayout(path);
    removeOtherLayouts(path, current);
    if (current.workers === workers) return { dirs: layoutDirs(path, current), unlock };
    const started = monotonicNow();
    const next = createLayout(path, workers);
    try {
      const moved = replace(path, current, next, log);
      adoptLayout(path, next);
      if (moved.records > 0) {
        log.info("re-placed the data dir's clusters on a new number of workers", {
          dataDir: path,
          from: current.workers,
          to: workers,
          clusters: moved.clusters.reduce((sum, n) => sum + n, 0),
          perWorker: moved.clusters.join(","),
          records: moved.records,
          ms: Math.round(monotonicNow() - started),
        });
      }
    } catch (error) {
      discardLayout(path, next);
      throw error;
    }
    return { dirs: layoutDirs(path, next), unlock };
  } catch (error) {
    unlock();
    throw error;
  }
}

// Writes `snapshot-0.fkas` in each of `next`'s worker dirs from every journal of `current`.
function replace(path: string, current: DataDirLayout, next: DataDirLayout, log: Logger) {
  const dirs = layoutDirs(path, next);
  const files = dirs.map((dir) => writeLayoutFile(dir, "snapshot-0.fkas"));
  try {
    return replaceClusters(
      layoutDirs(path, current).map((dir) => () => readGeneration(dir)),
      {
        workers: next.workers,
        placeOf: (cluster) => workerIndexOf(cluster, next.workers),
        write: (worker, bytes) => files[worker].write(bytes),
        compression: snapshotCompression,
        checksum: nativeCrc32,
        onTorn: (file, offset, bytes) =>
          log.warn("dropped a torn last journal record (the previous process stopped mid-write)", {
            file,
            offset,
            bytes,
          }),
      },
    );
  } finally {
    for (const file of files) file.close();
  }
}
