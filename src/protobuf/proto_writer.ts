// A protobuf writer over one growing buffer: nested lengths are patched in place, not forked.

const utf8 = new TextEncoder();

/**
 * Writes protobuf wire data. A nested message reserves one length byte (`fork`) and `join` moves
 * the body when the length needs more: most Kubernetes sub-messages are under 128 bytes, so the
 * common case copies nothing, unlike writers that buffer every fork and concatenate.
 */
export class ProtoWriter {
  #buf: Uint8Array;
  #view: DataView;
  /** The write position. */
  pos = 0;

  constructor(capacity = 1024) {
    this.#buf = new Uint8Array(capacity);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** The bytes written so far (a view; copy before writing more). */
  view(): Uint8Array {
    return this.#buf.subarray(0, this.pos);
  }

  /** The bytes written so far: the buffer itself when exactly full (sized ahead), else a copy. */
  finish(): Uint8Array {
    if (this.pos === this.#buf.length) return this.#buf;
    return this.#buf.slice(0, this.pos);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  /** An unsigned varint below 2^53. */
  uint(value: number): this {
    // Near the end of a buffer sized ahead, reserve only what this varint needs.
    if (this.pos + 10 > this.#buf.length) this.reserve(varintSize(value));
    const buf = this.#buf;
    while (value >= 0x80) {
      buf[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    buf[this.pos++] = value;
    return this;
  }

  /** A signed integer as protobuf int32/int64 writes it: negatives take ten bytes. */
  int(value: number): this {
    if (value >= 0) return this.uint(value);
    let bits = BigInt.asUintN(64, BigInt(value));
    this.reserve(10);
    while (bits >= 0x80n) {
      this.#buf[this.pos++] = Number(bits & 0x7fn) | 0x80;
      bits >>= 7n;
    }
    this.#buf[this.pos++] = Number(bits);
    return this;
  }

  /** A little-endian IEEE 754 double (wire type 1). */
  double(value: number): this {
    this.reserve(8);
    this.#view.setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  /** A length-prefixed UTF-8 string. */
  string(value: string): this {
    const n = value.length;
    this.reserve(n + 5);
    const buf = this.#buf;
    // ASCII (nearly every Kubernetes string) is copied by hand; anything else is encoded.
    if (n < 128) {
      const start = this.pos;
      let i = 0;
      buf[start] = n;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buf[start + 1 + i] = c;
      }
      if (i === n) {
        this.pos = start + 1 + n;
        return this;
      }
    }
    return this.bytes(utf8.encode(value));
  }

  /** Length-prefixed bytes. */
  bytes(value: Uint8Array): this {
    this.uint(value.length);
    this.raw(value);
    return this;
  }

  /** Bytes as they are. */
  raw(value: Uint8Array): this {
    this.reserve(value.length);
    this.#buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** Starts a length-delimited value; pass the result to `join`. */
  fork(): number {
    this.reserve(1);
    return this.pos++;
  }

  /** Ends the value `fork` started: writes its length, moving the body if it needs more bytes. */
  join(start: number): this {
    const length = this.pos - start - 1;
    if (length < 0x80) {
      this.#buf[start] = length;
      return this;
    }
    let extra = 1;
    for (let l = length >>> 14; l > 0; l >>>= 7) extra++;
    this.reserve(extra);
    const buf = this.#buf;
    buf.copyWithin(start + 1 + extra, start + 1, this.pos);
    this.pos += extra;
    let value = length, at = start;
    while (value >= 0x80) {
      buf[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[at] = value;
    return this;
  }
}

/** The bytes a varint of `value` (below 2^53) takes. */
export function varintSize(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    n++;
  }
  return n;
}
