// Which journal records make earlier bytes dead weight: what decides whether a snapshot is worth
// its cost.
//
// A snapshot re-encodes (and compresses) the whole state, so it pays off only where the journal
// holds what later records replaced: a store object's older versions, a cluster's older state. A
// journal of creations (10,000 clusters registering, ~120 KB of seeded objects each) holds nothing
// a snapshot would drop: start-up parses the same objects from either at the same CPU per byte, and
// snapshots taken while it grew re-encoded the state about twice over (a third of what
// `--data-dir` added to creating clusters).

import type { JournalRecord } from "./journal_record.ts";

/**
 * Whether `record` replaces or removes something earlier in the journal or snapshot (a
 * modification, a deletion, a newer cluster state); its size then stands for the bytes it made
 * dead. Registrations, their CAs and serving certificates, and created objects do not.
 */
export function supersedes(record: JournalRecord): boolean {
  switch (record.t) {
    case "change":
      return record.change.type !== "ADDED";
    case "register":
    case "cas":
    case "serving":
      return false;
    default:
      return true;
  }
}
