// `--data-dir`: open and lock the data dir, restore the registry from it, journal every change,
// and hold each answer until the change it reports is durable.

import type { ClusterRegistry, RegistryJournal } from "../cluster/mod.ts";
import type { Config } from "../config/mod.ts";
import { ControlError } from "../control/mod.ts";
import {
  answerWhenDurable,
  fileHeader,
  Journal,
  type LoadedJournal,
  loadJournal,
  RegistryRecords,
} from "../journal/mod.ts";
import { cachedObjectJson, StatusError } from "../kube/mod.ts";
import type { Logger } from "../log/mod.ts";
import { nativeCrc32, openDataDir, snapshotCompression } from "../runtime/mod.ts";

/** The journal of a process with `--data-dir`, before and after its registry exists. */
export interface Durability {
  /** What the registry writes through (pass as `ClusterRegistryOptions.journal`). */
  readonly registryJournal: RegistryJournal;
  /** Restores the clusters into the (new, empty) registry and starts their listeners. */
  restore(registry: ClusterRegistry): Promise<void>;
  /** Wraps a kube fetch: the answer leaves once every change so far is durable. */
  holdKube<T extends unknown[]>(
    fetch: (request: Request, ...rest: T) => Response | Promise<Response>,
  ): (request: Request, ...rest: T) => Response | Promise<Response>;
  /** The same for the control API. */
  holdControl(
    fetch: (request: Request) => Response | Promise<Response>,
  ): (request: Request) => Response | Promise<Response>;
  /** Undefined when every change so far is durable, else when it will be (for watch streams). */
  durable(): Promise<void> | undefined;
  /** Flushes the journal and releases the data dir. */
  close(): Promise<void>;
}

const compression = snapshotCompression;

/** Where a journal lives besides the Config, and what its start-up log says. */
export interface DurabilityOptions {
  /**
   * Whether to lock `dataDir` against a second process; false when the caller holds the data
   * dir's lock and `dataDir` is one worker's journal dir inside it. @default true
   */
  readonly lock?: boolean;
  /** The worker whose journal this is (named in the start-up log). */
  readonly worker?: number;
  /** The process's CPU time, for the start-up log's cost figures (left out without it). */
  readonly cpuSeconds?: () => number;
}

/**
 * Opens `config.dataDir` (locked against a second process unless `options.lock` is false) and
 * reads what it holds.
 */
export async function openDurability(
  config: Config & { dataDir: string },
  log: Logger,
  monotonicNow: () => number,
  options: DurabilityOptions = {},
): Promise<Durability> {
  const cpuSeconds = options.cpuSeconds ?? (() => 0);
  const started = monotonicNow();
  const startedCpu = cpuSeconds();
  const dir = openDataDir(config.dataDir, config.fsync, undefined, { lock: options.lock });
  let loaded: LoadedJournal;
  let file;
  try {
    loaded = loadJournal(dir.contents, compression, nativeCrc32);
    file = await dir.openJournal(loaded.journalValidBytes, fileHeader());
  } catch (error) {
    dir.unlock();
    throw error;
  }
  const loadedAt = monotonicNow();
  const loadedCpu = cpuSeconds();
  if (loaded.tornBytes > 0) {
    log.warn("dropped a torn last journal record (the previous process stopped mid-write)", {
      file: dir.contents.journalFile,
      offset: loaded.journalValidBytes,
      bytes: loaded.tornBytes,
    });
  }
  const journalBytes = dir.contents.earlierJournals.reduce(
    (sum, journal) => sum + journal.bytes.length,
    loaded.journalValidBytes,
  );
  let registry: ClusterRegistry | undefined;
  let closing = false;
  const records = new RegistryRecords((record) => journal.append(record));
  const journal: Journal = new Journal({
    sink: {
      append: (bytes) => file.append(bytes),
      rotate: () => file.rotate(fileHeader()),
      close: async () => {
        await file.close();
        dir.unlock();
      },
    },
    schedule: queueMicrotask,
    cachedJson: cachedObjectJson,
    checksum: nativeCrc32,
    compression,
    compactAfterBytes: config.compactAfterBytes,
    compactCreationsAfterBytes: config.compactCreationsAfterBytes,
    ...(config.compactWhenIdle > 0
      ? {
        idle: {
          afterMs: config.compactWhenIdle,
          timer: (ms: number, fire: () => void) => {
            const timer = setTimeout(fire, ms);
            return () => clearTimeout(timer);
          },
        },
      }
      : {}),
    existing: {
      journalBytes,
      snapshotBytes: loaded.snapshotContentBytes,
      // The superseding records' share of the journal's records stands for their bytes.
      supersedingBytes: loaded.journalRecords === 0
        ? 0
        : Math.round(journalBytes * loaded.supersedingRecords / loaded.journalRecords),
      registrations: loaded.journalRegistrations,
    },
    snapshot: () =>
      records.capture((key) => {
        const [namespace, name] = key.split("/");
        return registry?.get(namespace, name)?.store;
      }),
    onError: (error) => log.error("journal write failed: answers fail until restart", { error }),
  });
  const kubeFailure = (error: unknown) =>
    Response.json(
      new StatusError(500, "InternalError", `Internal error occurred: ${message(error)}`)
        .toStatus(),
      { status: 500 },
    );
  const controlFailure = (error: unknown) =>
    Response.json(new ControlError(500, message(error)).toBody(), { status: 500 });
  return {
    registryJournal: records,
    async restore(target) {
      registry = target;
      records.adopt(loaded.clusters);
      const restoring = monotonicNow();
      const restoringCpu = cpuSeconds();
      const restored = await target.restore(loaded.clusters);
      // Not at once: capturing a snapshot reads, in one turn, every store not read yet that has
      // journal changes after it (all of them after a kill -9 at ready, 1-3 ms each), which
      // stalled the restart's first handshakes for seconds; once read, it takes references only.
      void target.restoredRead().then(() => closing || journal.resumeIdle());
      const cpuMs = (from: number) => Math.round((cpuSeconds() - from) * 1000);
      log.info("restored state from the data dir", {
        ...(options.worker === undefined ? {} : { worker: options.worker }),
        dataDir: config.dataDir,
        clusters: restored.length,
        serving: restored.filter((c) => c.listenerState === "serving").length,
        objectChanges: loaded.objects,
        snapshotRecords: loaded.snapshotRecords,
        journalRecords: loaded.journalRecords,
        bytes: loaded.bytes,
        fsync: config.fsync,
        restoreMs: Math.round(monotonicNow() - started),
        readMs: Math.round(loadedAt - started),
        clustersMs: Math.round(monotonicNow() - restoring),
        ...(options.cpuSeconds
          ? {
            readCpuMs: Math.round((loadedCpu - startedCpu) * 1000),
            clustersCpuMs: cpuMs(restoringCpu),
          }
          : {}),
      });
    },
    holdKube: (fetch) => (request, ...rest) =>
      answerWhenDurable(journal, fetch(request, ...rest), kubeFailure),
    holdControl: (fetch) => (request) => answerWhenDurable(journal, fetch(request), controlFailure),
    durable: () => journal.durable(),
    close: () => {
      closing = true;
      return journal.close();
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
