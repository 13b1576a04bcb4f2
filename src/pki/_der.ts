// Just enough DER to move keys between PKCS#1/SEC1 (what Go writes) and PKCS#8 (what Web Crypto reads).

/** Bytes backed by a plain ArrayBuffer, as Web Crypto wants them. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** One decoded element: its tag byte, its content, and where the next element starts. */
export interface Tlv {
  tag: number;
  value: Bytes;
  end: number;
}

/** DER tags used by the key structures. */
export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  context0: 0xa0,
  context1: 0xa1,
} as const;

/** Object identifiers as hex of their encoded content. */
export const OID = {
  rsaEncryption: "2a864886f70d010101",
  ecPublicKey: "2a8648ce3d0201",
  p256: "2a8648ce3d030107",
  p384: "2b81040022",
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
  const len = parts.reduce((n, p) => n + p.length, 0);
  const lenBytes: number[] = [];
  if (len < 0x80) lenBytes.push(len);
  else {
    for (let n = len; n > 0; n = Math.floor(n / 256)) lenBytes.unshift(n % 256);
    lenBytes.unshift(0x80 | lenBytes.length);
  }
  const out = new Uint8Array(1 + lenBytes.length + len);
  out[0] = tag;
  out.set(lenBytes, 1);
  let at = 1 + lenBytes.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Hex of some bytes, lower case, for comparing OIDs. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Bytes of a hex string. */
export function fromHex(hex: string): Bytes {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
