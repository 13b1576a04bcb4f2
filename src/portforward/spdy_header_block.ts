// The plaintext SPDY/3 name/value block: uint32 count, then uint32-length-prefixed names and values.
import { SpdyProtocolError } from "./spdy_parser.ts";

/** Decoded headers: lowercase names to their values (SPDY joins several values with NUL). */
export type SpdyHeaders = ReadonlyMap<string, readonly string[]>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes headers as a plaintext block (names lowercased, values joined by NUL). */
export function encodeHeaderBlock(headers: SpdyHeaders): Uint8Array {
  const pairs = [...headers].map(([name, values]) => [
    encoder.encode(name.toLowerCase()),
    encoder.encode(values.join("\0")),
  ]);
  const size = 4 + pairs.reduce((n, [name, value]) => n + 8 + name.length + value.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, pairs.length);
  let at = 4;
  for (const part of pairs.flat()) {
    view.setUint32(at, part.length);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}

/** Decodes a plaintext block; throws SpdyProtocolError when it is truncated, malformed or too long. */
export function decodeHeaderBlock(block: Uint8Array, maxCount = 1000): SpdyHeaders {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const invalid = (why: string) => new SpdyProtocolError(`Cannot decode header block: ${why}`);
  let at = 0;
  const read = (): string => {
    if (at + 4 > block.length) throw invalid("truncated");
    const length = view.getUint32(at);
    if (at + 4 + length > block.length) throw invalid("truncated");
    const text = decoder.decode(block.subarray(at + 4, at + 4 + length));
    at += 4 + length;
    return text;
  };
  if (block.length < 4) throw invalid("truncated");
  const count = view.getUint32(0);
  // Each pair takes at least 8 bytes, so a larger count is truncated whatever the limit.
  if (count > maxCount) throw invalid(`${count} headers, over the limit of ${maxCount}`);
  at = 4;
  const headers = new Map<string, string[]>();
  let values = 0;
  for (let i = 0; i < count; i++) {
    // spdystream lowercases names it receives uppercase (and reports it); we only lowercase.
    const name = read().toLowerCase();
    const split = read().split("\0");
    values += split.length;
    if (values > maxCount) throw invalid(`over ${maxCount} header values`);
    const list = headers.get(name);
    if (list) list.push(...split);
    else headers.set(name, split);
  }
  return headers;
}

/** The first value of a header, or undefined (Go's `http.Header.Get`). */
export function firstHeader(headers: SpdyHeaders, name: string): string | undefined {
  return headers.get(name)?.[0];
}

/** Builds SpdyHeaders from a plain record, for callers and tests. */
export function spdyHeaders(record: Record<string, string | string[]>): SpdyHeaders {
  return new Map(Object.entries(record).map(([name, value]) => [name, [value].flat()]));
}
