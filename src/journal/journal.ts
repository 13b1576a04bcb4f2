// Group commit: records appended while the previous write is in flight go to the sink together in
// the next write, and answers wait until the batch holding their change is durable. A compaction
// starts a new journal at its switch point and writes the snapshot beside it: appends go on.

import {
  type CachedJson,
  type Checksum,
  type Compression,
  recordEncoder,
} from "./journal_codec.ts";
import { JournalError } from "./journal_error.ts";
import type { JournalRecord, LazyRecord } from "./journal_record.ts";
import type { JournalSink } from "./journal_sink.ts";
import { SnapshotSlices } from "./snapshot_slices.ts";
import { batchEncoder, type BatchTally } from "./batch_encoder.ts";
import { DerivedChanges } from "./derived_changes.ts";

/** What a Journal needs: where bytes go, when to flush, and how to snapshot the whole state. */
export interface JournalOptions {
  readonly sink: JournalSink;
  /**
   * Runs `flush` soon (a microtask in production): when no write is in flight, the first record
   * is written at once; records that arrive during a write wait for it and share the next one.
   */
  readonly schedule: (flush: () => void) => void;
  /**
   * The whole state as records, taken synchronously, for a snapshot. The records are encoded
   * (and functions among them called) later, a slice per event-loop turn, so they must hold only
   * values never mutated in place (store objects and watch history entries are replaced).
   */
  readonly snapshot: () => readonly LazyRecord[];
  /** Compresses snapshots (format version 5), a slice at a time; none: version 4. */
  readonly compression?: Compression;
  /**
   * Yields the event loop between snapshot slices (the encoding of a large state must not stall
   * every cluster's answers).
   * @default a 0 ms timer
   */
  readonly pause?: () => Promise<void>;
  /**
   * Uncompressed bytes of records encoded per slice of a snapshot.
   * @default 1 MiB
   */
  readonly sliceBytes?: number;
  /**
   * Journal bytes after which the next flush also writes a snapshot and starts a new journal;
   * at least twice the last snapshot's size (uncompressed), so encoding snapshots costs at most
   * half a byte per byte journaled. Past it, a snapshot is taken once a quarter of the journal
   * supersedes earlier records (`supersedes`) or a cluster was unregistered, or else once the
   * journal reaches `compactCreationsAfterBytes`: a journal of creations holds nothing a snapshot
   * would drop, and start-up reads it at the same cost.
   * @default 64 MiB
   */
  readonly compactAfterBytes?: number;
  /**
   * Journal bytes past which a snapshot is taken though little in the journal is superseded
   * (a bound on the data dir's size).
   * @default 1 GiB
   */
  readonly compactCreationsAfterBytes?: number;
  /**
   * What the journal and snapshot files hold already (start-up), for the threshold above; the
   * snapshot's bytes uncompressed, since the threshold bounds the work of encoding it; of the
   * journal's bytes, those that supersede earlier records (an estimate: their share of the
   * records), or all of them when unknown.
   */
  readonly existing?: {
    readonly journalBytes: number;
    readonly snapshotBytes: number;
    readonly supersedingBytes?: number;
    /**
     * Registrations in the journal after the snapshot: after a restart in the middle of (or
     * right after) a wave of creations, `resumeIdle` arms the idle snapshot (`idle`) as a
     * registration would, since no registration may come to arm it.
     */
    readonly registrations?: number;
  };
  /**
   * A snapshot once creation goes quiet: when `afterMs` pass without a cluster registering, and
   * the journal since the last snapshot holds registrations and has grown past the size above
   * (`compactAfterBytes`, 2 × the last snapshot), a snapshot is taken though it drops little. It
   * holds about the journal's JSON (a fresh cluster's watch history is its objects) but zstd
   * makes it ~20× smaller: a data dir after a wave of registrations is a snapshot and a short
   * journal (3,000 clusters: 18 MiB instead of 359), and start-up reads that much from disk,
   * while the registrations themselves pay for no snapshot (it runs after them, in slices).
   */
  readonly idle?: {
    readonly afterMs: number;
    /** Runs `fire` once after `ms` (a timer, passed in); answers how to cancel it. */
    readonly timer: (ms: number, fire: () => void) => () => void;
  };
  /** Text of objects serialized already, reused by change records (see `recordEncoder`). */
  readonly cachedJson?: CachedJson;
  /** The records' CRC-32 (a native one from src/runtime/); default: `crc32`. */
  readonly checksum?: Checksum;
  /** Hears a failed write: every later answer fails too, since nothing more can be made durable. */
  readonly onError?: (error: JournalError) => void;
}

/** The journal of one fkas process: one ordering for every cluster's changes. */
export class Journal {
  #batch: JournalRecord[] = [];
  #waiting?: PromiseWithResolvers<void>;
  #inFlight?: Promise<void>;
  #chain: Promise<void> = Promise.resolve();
  #writing = false;
  #journalBytes: number;
  #snapshotBytes: number;
  // Bytes of the journal since the last snapshot that replaced or removed earlier state, and
  // whether a cluster was unregistered since (its whole history then is dead weight).
  #tally: BatchTally;
  #unregistered = false;
  #failed?: JournalError;
  #compacting?: Promise<void>;
  #records = 0;
  #compactions = 0;
  // Registrations since the last snapshot, those counted at the idle timer's last check, and
  // how to cancel that timer (set while one is pending).
  #registrations = 0;
  #registrationsSeen = 0;
  #cancelIdle?: () => void;

  // The objects of the current journal file that later changes derive from (derived_changes.ts).
  readonly #derived = new DerivedChanges();
  readonly #encode: (record: JournalRecord) => Uint8Array;
  readonly #encodeBatch: (records: readonly JournalRecord[], tally: BatchTally) => Uint8Array;

  constructor(private readonly options: JournalOptions) {
    this.#encode = recordEncoder(options.cachedJson, options.checksum);
    this.#encodeBatch = batchEncoder(options.cachedJson, options.checksum, this.#derived);
    this.#journalBytes = options.existing?.journalBytes ?? 0;
    this.#snapshotBytes = options.existing?.snapshotBytes ?? 0;
    this.#tally = { superseding: options.existing?.supersedingBytes ?? this.#journalBytes };
    this.#registrations = options.existing?.registrations ?? 0;
  }

  /**
   * Arms the idle snapshot when the journal holds registrations from before a restart
   * (`existing.registrations`); called once the state is restored, since a snapshot taken
   * before would leave out the clusters not restored yet.
   */
  resumeIdle(): void {
    const idle = this.options.idle;
    if (this.#registrations > 0 && idle && !this.#cancelIdle && !this.#failed) {
      this.#armIdle(idle);
    }
  }

  /**
   * Queues a record for the next batch (the caller's answer then waits for `durable`). It is
   * encoded when the batch is written: its values must not change in place meanwhile (stored
   * objects are replaced, never changed), and by then the answer has often serialized the
   * object already, whose text `cachedJson` hands over.
   */
  append(record: JournalRecord): void {
    this.#batch.push(record);
    this.#records++;
    if (record.t === "unregister") this.#unregistered = true;
    else if (record.t === "register") {
      this.#registrations++;
      if (!this.#cancelIdle && this.options.idle) this.#armIdle(this.options.idle);
    }
    if (!this.#waiting) {
      this.#waiting = Promise.withResolvers();
      this.#waiting.promise.catch(() => {}); // the answers that wait report it
      if (!this.#writing) this.options.schedule(() => this.#flush());
    }
  }

  /**
   * Resolves once every record appended so far is durable; undefined when nothing is pending,
   * so that reads answer without a promise.
   */
  durable(): Promise<void> | undefined {
    if (this.#failed) return Promise.reject(this.#failed);
    return this.#waiting?.promise ?? this.#inFlight;
  }

  /** Records appended and snapshots written since start (for the start-up and metrics logs). */
  get stats(): { readonly records: number; readonly compactions: number } {
    return { records: this.#records, compactions: this.#compactions };
  }

  /**
   * Starts a new journal after what is pending and writes a snapshot of this moment (after the
   * one in progress, if any); resolves once the snapshot is in place.
   */
  async compact(): Promise<void> {
    await this.#compacting;
    this.#flush(true);
    await this.#compacting;
    await this.#chain;
    if (this.#failed) throw this.#failed;
  }

  /** Writes what is pending and any snapshot in progress, then closes the sink. */
  async close(): Promise<void> {
    this.#cancelIdle?.();
    this.#cancelIdle = undefined;
    while ((this.#waiting || this.#inFlight) && !this.#failed) {
      if (!this.#writing) this.#flush();
      await this.#inFlight;
    }
    await this.#chain.catch(() => {});
    await this.#compacting;
    await this.options.sink.close();
  }

  #flush(forceCompaction = false): void {
    // The write in flight flushes again when it is done: that is what groups the records.
    if (this.#writing && !forceCompaction) return;
    const waiting = this.#waiting;
    let batch: Uint8Array | undefined;
    try {
      if (this.#batch.length > 0) batch = this.#encodeBatch(this.#batch, this.#tally);
    } catch (error) {
      this.#fail(error); // the answers waiting for these records fail with it
    }
    this.#waiting = undefined;
    this.#batch = [];
    this.#journalBytes += batch?.length ?? 0;
    const sink = this.options.sink;
    let step = this.#failed
      ? Promise.reject(this.#failed)
      : batch
      ? this.#then(() => sink.append(batch))
      : this.#chain;
    // The snapshot is taken now, when the state holds exactly what the journal holds after `batch`.
    if (!this.#compacting && (forceCompaction || this.#compactionDue())) {
      // Only references are taken now; the new journal starts after `batch`, and the snapshot is
      // encoded in slices and written beside it while later records go on to the new journal.
      const records = this.options.snapshot();
      this.#derived.reset(); // the new journal derives nothing from the old one
      this.#journalBytes = 0;
      this.#tally.superseding = 0;
      this.#unregistered = false;
      this.#registrations = this.#registrationsSeen = 0;
      this.#compactions++;
      const rotated = this.#chain.then(() => {
        if (this.#failed) throw this.#failed;
        return sink.rotate();
      });
      step = this.#chain = rotated.then(() => {});
      const compacting: Promise<void> = rotated
        .then((write) => write(this.#encodeSnapshot(records)))
        .catch((error) => this.#fail(error))
        .finally(() => {
          if (this.#compacting === compacting) this.#compacting = undefined;
        });
      this.#compacting = compacting;
    }
    const done = step.then(() => waiting?.resolve(), (error) => {
      this.#fail(error);
      waiting?.reject(this.#failed);
    });
    this.#inFlight = done;
    this.#writing = true;
    done.then(() => {
      if (this.#inFlight !== done) return;
      this.#inFlight = undefined;
      this.#writing = false;
      if (this.#waiting) this.#flush();
    });
  }

  // See `JournalOptions.compactAfterBytes`.
  #compactionDue(): boolean {
    const bytes = this.#journalBytes;
    if (!this.#pastSnapshotSize()) return false;
    return this.#unregistered || 4 * this.#tally.superseding >= bytes ||
      bytes >= (this.options.compactCreationsAfterBytes ?? 1 << 30);
  }

  #pastSnapshotSize(): boolean {
    const after = this.options.compactAfterBytes ?? 64 << 20;
    return this.#journalBytes >= Math.max(after, 2 * this.#snapshotBytes);
  }

  // See `JournalOptions.idle`: one timer at a time, re-armed while registrations go on (a check
  // per `afterMs`, not a timer per record).
  #armIdle(idle: NonNullable<JournalOptions["idle"]>): void {
    this.#registrationsSeen = this.#registrations;
    this.#cancelIdle = idle.timer(idle.afterMs, () => {
      this.#cancelIdle = undefined;
      if (this.#failed || this.#registrations === 0) return; // a snapshot came meanwhile
      if (this.#registrations !== this.#registrationsSeen || this.#compacting) {
        return this.#armIdle(idle);
      }
      if (this.#pastSnapshotSize()) this.compact().catch(() => {}); // `onError` hears it
    });
  }

  #then(step: () => Promise<void>): Promise<void> {
    this.#chain = this.#chain.then(() => {
      if (this.#failed) throw this.#failed;
      return step();
    });
    return this.#chain;
  }

  async *#encodeSnapshot(records: readonly LazyRecord[]): AsyncGenerator<Uint8Array> {
    const pause = this.options.pause ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
    const slices = new SnapshotSlices({
      encode: this.#encode,
      compression: this.options.compression,
      checksum: this.options.checksum,
      sliceBytes: this.options.sliceBytes,
    });
    yield slices.header();
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const slice = slices.add(typeof record === "function" ? record() : record);
      if (!slice) continue;
      yield slice;
      if (i < records.length - 1) await pause();
    }
    const last = slices.end();
    if (last) yield last;
    this.#snapshotBytes = slices.contentBytes;
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = error instanceof JournalError ? error : new JournalError(
      "WriteFailed",
      `Cannot write the journal: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      undefined,
      { cause: error },
    );
    this.options.onError?.(this.#failed);
  }
}

/**
 * Sends `answer` once the journal holds every change made so far; a failed journal turns the
 * answer into `onFailure`'s. With nothing pending the answer passes through untouched.
 */
export function answerWhenDurable<T>(
  journal: Journal,
  answer: T | Promise<T>,
  onFailure: (error: unknown) => T,
): T | Promise<T> {
  if (answer instanceof Promise) {
    return answer.then((settled) => answerWhenDurable(journal, settled, onFailure));
  }
  const durable = journal.durable();
  return durable ? durable.then(() => answer, onFailure) : answer;
}
