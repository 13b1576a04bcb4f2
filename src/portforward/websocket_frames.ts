// RFC 6455 §5 frames: encoding (masked or not) and an incremental parser that enforces the rules.
import { concatBytes } from "../encoding/mod.ts";

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

/** A data frame whose header was read: what is left of its payload and how to unmask it. */
interface DataFrameState {
  opcode: number;
  fin: boolean;
  remaining: number;
  mask: Uint8Array | undefined;
  done: number;
}

/**
 * Parses frames as bytes arrive; clients' frames must be masked, servers' must not. Control frames
 * come out whole; a data frame's payload comes out in pieces as it arrives, never buffered: the
 * first piece carries the frame's opcode, later ones `continuation`, and only the last its FIN, so
 * a long frame reads exactly like a fragmented message.
 */
export class WebSocketFrameParser {
  #pending: Uint8Array[] = [];
  #pendingSize = 0;
  #needed = 2; // bytes required before another frame header can complete: no copying until then
  #data: DataFrameState | undefined;
  readonly #expectMasked: boolean;
  readonly #maxPayload: number;

  /** `expectMasked` is true on the server side; longer payloads than `maxPayload` fail with 1009. */
  constructor(expectMasked: boolean, maxPayload = Number.MAX_SAFE_INTEGER) {
    this.#expectMasked = expectMasked;
    this.#maxPayload = maxPayload;
  }

  /** Feeds bytes; returns completed frames and data pieces, or throws WebSocketProtocolError. */
  push(bytes: Uint8Array): WebSocketFrame[] {
    const frames: WebSocketFrame[] = [];
    if (this.#data) {
      bytes = this.#dataPiece(bytes, frames);
      if (bytes.length === 0) return frames;
    }
    this.#pending.push(bytes);
    this.#pendingSize += bytes.length;
    if (this.#pendingSize < this.#needed) return frames;
    const merged = this.#pending.length === 1
      ? bytes
      : concatBytes(this.#pending, this.#pendingSize);
    let at = 0;
    this.#needed = 2;
    for (;;) {
      const parsed = this.#frameAt(merged, at);
      if (typeof parsed === "number") {
        this.#needed = parsed;
        break;
      }
      at = parsed.next;
      if (parsed.frame) {
        frames.push(parsed.frame);
        continue;
      }
      this.#data = parsed.data;
      at = merged.length - this.#dataPiece(merged.subarray(at), frames).length;
      if (this.#data) break; // the payload continues in later pushes
    }
    this.#pending = at === merged.length ? [] : [merged.slice(at)];
    this.#pendingSize = merged.length - at;
    return frames;
  }

  // Emits the part of `bytes` that belongs to the current data frame; returns what follows it.
  #dataPiece(bytes: Uint8Array, frames: WebSocketFrame[]): Uint8Array {
    const data = this.#data!;
    const take = Math.min(data.remaining, bytes.length);
    data.remaining -= take;
    const last = data.remaining === 0;
    if (take > 0 || last) {
      const payload = bytes.slice(0, take);
      const { mask, done } = data;
      if (mask) { for (let i = 0; i < take; i++) payload[i] ^= mask[(done + i) & 3]; }
      const opcode = done === 0 ? data.opcode : Opcode.continuation;
      frames.push({ fin: last && data.fin, opcode, payload });
      data.done += take;
    }
    if (last) this.#data = undefined;
    return bytes.subarray(take);
  }

  // The frame at `at` (whole for control frames, only its header for data frames), or the number
  // of bytes from `at` needed before one can be read.
  #frameAt(
    b: Uint8Array,
    at: number,
  ): { frame?: WebSocketFrame; data?: DataFrameState; next: number } | number {
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
    const fin = (first & 0x80) !== 0;
    if (opcode >= 8 && (length > 125 || !fin)) {
      fail(CloseCode.protocolError, "control frames must be short and unfragmented");
    }
    if (length > this.#maxPayload) fail(CloseCode.tooBig, `payload over ${this.#maxPayload} bytes`);
    const keyAt = offset;
    if (masked) offset += 4;
    if (b.length < offset) return offset - at;
    const mask = masked ? b.slice(keyAt, keyAt + 4) : undefined;
    if (opcode < 8) {
      return { data: { opcode, fin, remaining: length, mask, done: 0 }, next: offset };
    }
    if (b.length - offset < length) return offset + length - at;
    const payload = b.slice(offset, offset + length);
    if (mask) { for (let i = 0; i < length; i++) payload[i] ^= mask[i & 3]; }
    return { frame: { fin, opcode, payload }, next: offset + length };
  }
}
