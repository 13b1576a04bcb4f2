// Just enough DER to move keys between PKCS#1/SEC1 and PKCS#8, and to write certificates without asn1js.

/** Bytes backed by a plain ArrayBuffer, as Web Crypto wants them. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** One decoded element: its tag byte, its content, and where the next element starts. */
export interface Tlv {
  tag: number;
  value: Bytes;
  end: number;
}

/** DER tags used by the key and certificate structures. */
export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
  context1: 0xa1,
  context3: 0xa3,
} as const;

/** Object identifiers as hex of their encoded content. */
export const OID = {
  rsaEncryption: "2a864886f70d010101",
  ecPublicKey: "2a8648ce3d0201",
  p256: "2a8648ce3d030107",
  p384: "2b81040022",
  ecdsaWithSha256: "2a8648ce3d040302",
  ecdsaWithSha384: "2a8648ce3d040303",
  sha256WithRsaEncryption: "2a864886f70d01010b",
} as const;

/** Reads the element at `at`; throws RangeError on truncated or non-DER input. */
export function readTlv(buf: Bytes, at = 0): Tlv {
  if (at + 2 > buf.length) throw new RangeError("truncated DER");
  const tag = buf[at];
  let len = buf[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > buf.length) throw new RangeError("bad DER length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i];
    start += n;
  }
  const end = start + len;
  if (end > buf.length) throw new RangeError("truncated DER");
  return { tag, value: buf.subarray(start, end), end };
}

/** The elements inside a constructed element's content, e.g. a SEQUENCE's members. */
export function children(content: Bytes): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < content.length;) {
    const child = readTlv(content, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The members of the SEQUENCE that `der` holds. */
export function readSequence(der: Bytes): Tlv[] {
  const outer = readTlv(der);
  if (outer.tag !== TAG.sequence) throw new RangeError("expected a DER SEQUENCE");
  return children(outer.value);
}

/** Encodes one element from its tag and the concatenation of `parts`. */
export function encodeTlv(tag: number, ...parts: Uint8Array[]): Bytes {
  let len = 0;
  for (const p of parts) len += p.length;
  // Certificates stay far below 16 MiB, so the length takes at most 3 bytes after 0x8n.
  const head = len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : 5;
  const out = new Uint8Array(head + len);
  out[0] = tag;
  if (head === 2) out[1] = len;
  else {
    out[1] = 0x80 | (head - 2);
    for (let i = head - 1, n = len; i >= 2; i--, n >>>= 8) out[i] = n & 0xff;
  }
  let at = head;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A DER INTEGER holding the unsigned big-endian number `bytes` (minimal, with a 0x00 when the top bit is set). */
export function encodeUnsigned(bytes: Uint8Array): Bytes {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const digits = bytes.subarray(start);
  return digits[0] & 0x80 ? encodeTlv(TAG.integer, ZERO, digits) : encodeTlv(TAG.integer, digits);
}

const ZERO = new Uint8Array(1);

/** Hex of some bytes, lower case, for comparing OIDs. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Bytes of a hex string. */
export function fromHex(hex: string): Bytes {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
