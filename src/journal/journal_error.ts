// The typed error of src/journal: a journal or snapshot file that cannot be trusted, or a failed write.

/** Why the journal failed: a corrupt file (start-up stops), a locked data dir, or a failed write. */
export type JournalErrorReason = "Corrupt" | "Locked" | "WriteFailed" | "Unsupported";

/** A journal failure; for a corrupt file it names the file and the byte offset of the bad record. */
export class JournalError extends Error {
  override readonly name = "JournalError";

  constructor(
    readonly reason: JournalErrorReason,
    message: string,
    readonly file?: string,
    readonly offset?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
