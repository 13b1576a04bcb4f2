// The bytes of a batch of watch events, joined once per flush round for every watcher whose batch
// is the same events: the watchers of a resource that get several changes in one turn would each
// copy the same few kilobytes per change into a buffer of their own.

/** A batch joined in the current round: its parts (compared by identity) and their bytes. */
interface Joined {
  parts: readonly Uint8Array[];
  bytes: Uint8Array;
}

/**
 * Batches joined since `beginRound`. Few: the watchers woken in a round see the changes of a few
 * resources of a few clusters, and a batch found nowhere is joined as before. Dropped at
 * `endRound`, so no buffer outlives the round that wrote it.
 */
const MAX_JOINED = 8;
let joined: Joined[] | undefined;
let next = 0;

/** Starts a round in which equal batches share one buffer (until `endRound`). */
export function beginRound(): void {
  joined = [];
  next = 0;
}

/** Ends the round: the joined buffers are the writers' alone again. */
export function endRound(): void {
  joined = undefined;
}

/**
 * `parts` one after the other. With `shared` (the writer never keeps the bytes) inside a round, a
 * batch of the same parts as one joined earlier in the round is that batch's buffer.
 */
export function joinParts(parts: readonly Uint8Array[], shared: boolean): Uint8Array {
  const round = shared ? joined : undefined;
  if (round) {
    for (const entry of round) if (sameParts(entry.parts, parts)) return entry.bytes;
  }
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  if (round) {
    if (round.length < MAX_JOINED) round.push({ parts, bytes });
    else round[next] = { parts, bytes };
    next = (next + 1) % MAX_JOINED;
  }
  return bytes;
}

function sameParts(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
