// Joining byte chunks, for the framers, parsers and journals that receive data in pieces.

/** The chunks joined into one new array; `total` is their summed length when the caller knows it. */
export function concatBytes(
  parts: readonly Uint8Array[],
  total: number = parts.reduce((sum, part) => sum + part.length, 0),
): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
