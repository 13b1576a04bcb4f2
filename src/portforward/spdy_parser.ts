// Incremental SPDY/3.1 frame parser: bytes may arrive split or merged (moby/spdystream spdy/read.go).
import { FrameType, type SettingsEntry, type SpdyFrame } from "./spdy_frames.ts";
import { concatBytes } from "../encoding/mod.ts";

/** A peer broke the framing; the connection cannot continue. */
export class SpdyProtocolError extends Error {
  override name = "SpdyProtocolError";
}

function fail(reason: string): never {
  throw new SpdyProtocolError(`Cannot parse SPDY frame: ${reason}`);
}

function expectLength(length: number, wanted: number, type: string): void {
  if (length !== wanted) fail(`${type} payload is ${length} bytes, not ${wanted}`);
}

// Big-endian words read straight from the bytes: no DataView or closure per frame, as a flood of
// small frames (PINGs) would otherwise allocate several objects for each one.
function word(p: Uint8Array, at: number): number {
  return ((p[at] << 24) | (p[at + 1] << 16) | (p[at + 2] << 8) | p[at + 3]) >>> 0;
}

function id(p: Uint8Array, at: number): number {
  return word(p, at) & 0x7fffffff;
}

// `p` is a view of the caller's bytes: only header blocks, which outlive the call, are copied.
function controlFrame(type: number, flags: number, p: Uint8Array): SpdyFrame | undefined {
  switch (type) {
    case FrameType.synStream:
      if (p.length < 10) fail("SYN_STREAM shorter than 10 bytes");
      return {
        type: "syn_stream",
        streamId: id(p, 0),
        associatedId: id(p, 4),
        priority: p[8] >> 5,
        slot: p[9],
        flags,
        headerBlock: p.slice(10),
      };
    case FrameType.synReply:
    case FrameType.headers:
      if (p.length < 4) fail("SYN_REPLY/HEADERS shorter than 4 bytes");
      return {
        type: type === FrameType.synReply ? "syn_reply" : "headers",
        streamId: id(p, 0),
        flags,
        headerBlock: p.slice(4),
      };
    case FrameType.rstStream:
      expectLength(p.length, 8, "RST_STREAM");
      return { type: "rst_stream", streamId: id(p, 0), status: word(p, 4) };
    case FrameType.settings: {
      if (p.length < 4 || p.length !== 4 + word(p, 0) * 8) fail("SETTINGS length mismatch");
      const entries: SettingsEntry[] = [];
      for (let at = 4; at < p.length; at += 8) {
        entries.push({ flags: p[at], id: word(p, at) & 0xffffff, value: word(p, at + 4) });
      }
      return { type: "settings", flags, entries };
    }
    case FrameType.ping:
      expectLength(p.length, 4, "PING");
      return { type: "ping", id: word(p, 0) };
    case FrameType.goaway:
      expectLength(p.length, 8, "GOAWAY");
      return { type: "goaway", lastGoodStreamId: id(p, 0), status: word(p, 4) };
    case FrameType.windowUpdate:
      expectLength(p.length, 8, "WINDOW_UPDATE");
      return { type: "window_update", streamId: id(p, 0), delta: word(p, 4) & 0x7fffffff };
    default:
      return undefined; // unknown control frames (e.g. CREDENTIAL) are skipped, as the draft says
  }
}

/** What a parser refuses to buffer. */
export interface SpdyFrameParserOptions {
  /**
   * The largest control-frame payload (compressed header blocks, SETTINGS); a longer one is a
   * protocol error as soon as its 8-byte header arrives, before any of it is buffered.
   * @default 0xffffff (the 24-bit maximum)
   */
  maxControlPayload?: number;
}

/**
 * Turns a byte stream into frames; `push` returns every frame completed by the new bytes.
 * DATA payloads are never buffered here: they come out in pieces as they arrive (FIN on the last
 * piece), so a 16 MiB DATA frame costs no more memory than its stream's own buffer allows.
 */
export class SpdyFrameParser {
  readonly #maxControlPayload: number;
  #pending: Uint8Array[] = [];
  #pendingSize = 0;
  #needed = 8; // bytes required before another frame can complete
  // A DATA frame whose header was read: its stream, flags and payload bytes still to come.
  #data: { streamId: number; flags: number; remaining: number } | undefined;

  /** A parser for one connection. */
  constructor(options: SpdyFrameParserOptions = {}) {
    this.#maxControlPayload = options.maxControlPayload ?? 0xffffff;
  }

  /** Feeds bytes; throws SpdyProtocolError when the framing is broken or a frame too large. */
  push(bytes: Uint8Array): SpdyFrame[] {
    const frames: SpdyFrame[] = [];
    if (this.#data) {
      bytes = this.#dataPiece(bytes, frames);
      if (bytes.length === 0) return frames;
    }
    this.#pending.push(bytes);
    this.#pendingSize += bytes.length;
    if (this.#pendingSize < this.#needed) return frames; // a control frame still arriving
    const b = this.#pending.length === 1 ? bytes : concatBytes(this.#pending, this.#pendingSize);
    let at = 0;
    this.#needed = 8;
    while (b.length - at >= 8) {
      const length = (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7];
      const flags = b[at + 4];
      if (!(b[at] & 0x80)) {
        this.#data = { streamId: word(b, at), flags, remaining: length };
        const rest = this.#dataPiece(b.subarray(at + 8), frames);
        at = b.length - rest.length;
        if (this.#data) break; // the payload continues in later pushes
        continue;
      }
      const version = ((b[at] << 8) | b[at + 1]) & 0x7fff;
      if (version !== 3) fail(`unsupported version ${version}`);
      if (length > this.#maxControlPayload) {
        fail(`control frame of ${length} bytes, over the limit of ${this.#maxControlPayload}`);
      }
      if (b.length - at < 8 + length) {
        this.#needed = 8 + length;
        break;
      }
      const type = (b[at + 2] << 8) | b[at + 3];
      const frame = controlFrame(type, flags, b.subarray(at + 8, at + 8 + length));
      if (frame) frames.push(frame);
      at += 8 + length;
    }
    this.#pending = at === b.length ? [] : [b.slice(at)];
    this.#pendingSize = b.length - at;
    return frames;
  }

  // Emits the part of `bytes` that belongs to the current DATA frame; returns what follows it.
  #dataPiece(bytes: Uint8Array, frames: SpdyFrame[]): Uint8Array {
    const data = this.#data!;
    const take = Math.min(data.remaining, bytes.length);
    data.remaining -= take;
    const last = data.remaining === 0;
    // A zero-length DATA frame is still delivered once (it may carry FIN).
    if (take > 0 || last) {
      frames.push({
        type: "data",
        streamId: data.streamId,
        flags: last ? data.flags : 0,
        data: bytes.slice(0, take), // a copy: the payload outlives the caller's buffer
      });
    }
    if (last) this.#data = undefined;
    return bytes.subarray(take);
  }
}
