// Log lines written together: one write per turn of the event loop instead of one per line.
//
// Registering a cluster logs about a dozen lines (registered, each node, each boot phase, the
// listener); at thousands of clusters a write (a system call, a wake-up of whoever reads the pipe)
// per line was a tenth of the main thread's time. Lines keep their order; what is urgent (warnings
// and errors, so that a crash right after still shows them) goes out at once with what waits.

/** A writer of whole lines that gathers them and writes them at once. */
export interface LineBatch {
  /** Queues `line`; `urgent` writes it and everything queued now. */
  write(line: string, urgent?: boolean): void;
  /** Writes everything queued (before the process exits). */
  flush(): void;
}

/** Gathered text past this is written at once: a burst never holds much. */
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * Lines gathered for `write`; `schedule` runs the flush later (the event loop's next turn), once
 * per batch.
 */
export function batchLines(
  write: (text: string) => void,
  schedule: (flush: () => void) => void,
): LineBatch {
  let pending = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === "") return;
    const text = pending;
    pending = "";
    write(text);
  };
  return {
    write(line, urgent = false) {
      pending += line;
      if (urgent || pending.length >= MAX_PENDING_CHARS) return flush();
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
