// FNV-1a, 32 bits: the stable, non-cryptographic hash behind names, hashes and draws that must
// come out the same in every process (pod-template-hash, static pod config hashes, jitter).

/** 32-bit FNV-1a of a string's UTF-16 code units, as an unsigned number (Go's hash/fnv New32a). */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}
