// RFC 6455 §5 frames: encoding (masked or not) and an incremental parser that enforces the rules.

/** Frame opcodes. */
export const Opcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

/** Close status codes used here (RFC 6455 §7.4.1). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  noStatus: 1005,
  invalidPayload: 1007,
  tooBig: 1009,
} as const;

/** One frame, payload already unmasked. */
export interface WebSocketFrame {
  fin: boolean;
  opcode: number;
  payload: Uint8Array;
}

/** The peer broke RFC 6455; `code` is the close status to answer with. */
export class WebSocketProtocolError extends Error {
  override name = "WebSocketProtocolError";
  readonly code: number;
  /** Records the close code with the message. */
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

/** Encodes a frame; with `maskKey` (4 bytes) it is masked, as clients must. */
export function encodeWebSocketFrame(frame: WebSocketFrame, maskKey?: Uint8Array): Uint8Array {
  const { payload } = frame;
  const lengthBytes = payload.length < 126 ? 0 : payload.length < 65536 ? 2 : 8;
  const headerSize = 2 + lengthBytes + (maskKey ? 4 : 0);
  const out = new Uint8Array(headerSize + payload.length);
  const view = new DataView(out.buffer);
  out[0] = (frame.fin ? 0x80 : 0) | (frame.opcode & 0x0f);
  const mask = maskKey ? 0x80 : 0;
  if (lengthBytes === 0) out[1] = mask | payload.length;
  if (lengthBytes === 2) (out[1] = mask | 126, view.setUint16(2, payload.length));
  if (lengthBytes === 8) (out[1] = mask | 127, view.setBigUint64(2, BigInt(payload.length)));
  out.set(payload, headerSize);
  if (maskKey) {
    out.set(maskKey.subarray(0, 4), 2 + lengthBytes);
    for (let i = 0; i < payload.length; i++) out[headerSize + i] ^= maskKey[i & 3];
  }
  return out;
}

/** Parses frames as bytes arrive; clients' frames must be masked, servers' must not. */
export class WebSocketFrameParser {
  #pending: Uint8Array[] = [];
  #pendingSize = 0;
  #needed = 2; // bytes required before another frame can complete: no copying until then
  readonly #expectMasked: boolean;
  readonly #maxPayload: number;

  /** `expectMasked` is true on the server side; longer payloads than `maxPayload` fail with 1009. */
  constructor(expectMasked: boolean, maxPayload: number) {
    this.#expectMasked = expectMasked;
    this.#maxPayload = maxPayload;
  }

  /** Feeds bytes; returns completed frames or throws WebSocketProtocolError. */
  push(bytes: Uint8Array): WebSocketFrame[] {
    this.#pending.push(bytes);
    this.#pendingSize += bytes.length;
    // A large frame arriving in many reads is joined once, when complete, not at every read.
    if (this.#pendingSize < this.#needed) return [];
    const merged = this.#pending.length === 1 ? bytes : concat(this.#pending, this.#pendingSize);
    const frames: WebSocketFrame[] = [];
    let at = 0;
    this.#needed = 2;
    for (;;) {
      const parsed = this.#frameAt(merged, at);
      if (typeof parsed === "number") {
        this.#needed = parsed;
        break;
      }
      frames.push(parsed.frame);
      at = parsed.next;
    }
    this.#pending = at === merged.length ? [] : [merged.slice(at)];
    this.#pendingSize = merged.length - at;
    return frames;
  }

  // A frame starting at `at`, or the number of bytes from `at` needed before one can complete.
  #frameAt(b: Uint8Array, at: number): { frame: WebSocketFrame; next: number } | number {
    const headerShort = b.length - at + 1; // one more byte may complete the header
    if (b.length - at < 2) return 2;
    const [first, second] = [b[at], b[at + 1]];
    const opcode = first & 0x0f;
    const fail = (code: number, why: string) => {
      throw new WebSocketProtocolError(code, `Cannot parse WebSocket frame: ${why}`);
    };
    if (first & 0x70) fail(CloseCode.protocolError, "reserved bits set without an extension");
    if ((opcode > 2 && opcode < 8) || opcode > 10) {
      fail(CloseCode.protocolError, `opcode ${opcode}`);
    }
    const masked = (second & 0x80) !== 0;
    if (masked !== this.#expectMasked) {
      fail(
        CloseCode.protocolError,
        masked ? "server frames must not be masked" : "client frames must be masked",
      );
    }
    let length = second & 0x7f;
    let offset = at + 2;
    const view = new DataView(b.buffer, b.byteOffset);
    if (length === 126) {
      if (b.length - offset < 2) return headerShort;
      length = view.getUint16(offset);
      offset += 2;
    } else if (length === 127) {
      if (b.length - offset < 8) return headerShort;
      const big = view.getBigUint64(offset);
      if (big >> 63n) fail(CloseCode.protocolError, "64-bit length with the top bit set");
      length = big > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(big);
      offset += 8;
    }
    if (opcode >= 8 && (length > 125 || !(first & 0x80))) {
      fail(CloseCode.protocolError, "control frames must be short and unfragmented");
    }
    if (length > this.#maxPayload) fail(CloseCode.tooBig, `payload over ${this.#maxPayload} bytes`);
    const keyAt = offset;
    if (masked) offset += 4;
    if (b.length - offset < length) return offset + length - at;
    const payload = b.slice(offset, offset + length);
    if (masked) { for (let i = 0; i < length; i++) payload[i] ^= b[keyAt + (i & 3)]; }
    return { frame: { fin: (first & 0x80) !== 0, opcode, payload }, next: offset + length };
  }
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
