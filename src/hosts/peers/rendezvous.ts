// Rendezvous (highest random weight) hashing: which replica owns a cluster, from its key alone.

const encoder = new TextEncoder();

/**
 * The replica (0 to `replicas - 1`) owning `key` (`namespace/name`): the one whose seeded hash of
 * the key is highest, the lower index on a tie. Every replica computes the same owner without
 * talking to the others, and growing from N to N+1 replicas moves only the keys the new replica
 * wins (about 1/(N+1) of them); shrinking moves only the removed replica's keys.
 */
export function rendezvousOwner(key: string, replicas: number): number {
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new RangeError(
      `Cannot place a cluster as 'replicas' must be a whole number >= 1: current value is ${replicas}`,
    );
  }
  const bytes = encoder.encode(key);
  let owner = 0;
  let best = -1;
  for (let replica = 0; replica < replicas; replica++) {
    const weight = murmur3(bytes, replica);
    if (weight > best) {
      best = weight;
      owner = replica;
    }
  }
  return owner;
}

/**
 * MurmurHash3 x86 32-bit of `bytes` with `seed`, unsigned. The seed is the replica index, so each
 * replica draws an independent weight for the same key (FNV-1a alone mixes its last bytes too
 * little for this: keys ending alike would favour the same replica).
 */
export function murmur3(bytes: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = bytes.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, c2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (bytes.length & 3) {
    case 3:
      k ^= bytes[blocks + 2] << 16;
    // falls through
    case 2:
      k ^= bytes[blocks + 1] << 8;
    // falls through
    case 1:
      k ^= bytes[blocks];
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, c2);
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
