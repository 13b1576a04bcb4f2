// Stable, non-zero 64-bit IDs for clusters and members, derived from names (FNV-1a), not from a clock.

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/** Hashes `text` to a non-zero unsigned 64-bit ID; the same text always gives the same ID. */
export function stableId(text: string): bigint {
  let hash = OFFSET;
  for (const byte of encoder.encode(text)) hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  return hash === 0n ? 1n : hash;
}

/** Formats an ID the way etcdctl prints it (lower-case hex, no padding). */
export function hexId(id: bigint): string {
  return id.toString(16);
}
