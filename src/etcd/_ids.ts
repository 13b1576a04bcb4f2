// Stable, non-zero 64-bit IDs for clusters and members, derived from names (FNV-1a), not from a clock.

const encoder = new TextEncoder();
const TWO_32 = 0x1_0000_0000;

/** Hashes `text` to a non-zero unsigned 64-bit ID; the same text always gives the same ID. */
export function stableId(text: string): bigint {
  // FNV-1a 64 in two 32-bit halves (a BigInt multiply per byte cost ~0.04 ms per cluster made):
  // the prime is 2^40 + 0x1b3, so h * prime = h * 0x1b3 + (lo << 40) modulo 2^64.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const step = (byte: number) => {
    lo = (lo ^ byte) >>> 0;
    const low = lo * 0x1b3; // < 2^41: exact
    hi = (Math.imul(hi, 0x1b3) + Math.floor(low / TWO_32) + (lo << 8)) >>> 0;
    lo = low >>> 0;
  };
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) { for (let i = 0; i < text.length; i++) step(text.charCodeAt(i)); }
  else for (const byte of encoder.encode(text)) step(byte);
  if (hi === 0 && lo === 0) return 1n;
  return (BigInt(hi) << 32n) | BigInt(lo);
}
/** Formats an ID the way etcdctl prints it (lower-case hex, no padding). */
export function hexId(id: bigint): string {
  return id.toString(16);
}
