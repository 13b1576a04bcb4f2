// SPDY/3.1 frames as data, and their wire encoding (SPDY/3 draft §2.2, moby/spdystream spdy/write.go).

/** Control frame type numbers. */
export const FrameType = {
  synStream: 1,
  synReply: 2,
  rstStream: 3,
  settings: 4,
  ping: 6,
  goaway: 7,
  headers: 8,
  windowUpdate: 9,
} as const;

/** Flag bits: FIN on SYN_STREAM, SYN_REPLY, HEADERS and DATA; UNIDIRECTIONAL on SYN_STREAM. */
export const Flag = { fin: 0x01, unidirectional: 0x02 } as const;

/** RST_STREAM status codes. */
export const RstStatus = {
  protocolError: 1,
  invalidStream: 2,
  refusedStream: 3,
  unsupportedVersion: 4,
  cancel: 5,
  internalError: 6,
  flowControlError: 7,
  streamInUse: 8,
  streamAlreadyClosed: 9,
  frameTooLarge: 11,
} as const;

/** GOAWAY status codes. */
export const GoawayStatus = { ok: 0, protocolError: 1, internalError: 2 } as const;

/** One SETTINGS entry (ignored by spdystream, parsed for completeness). */
export interface SettingsEntry {
  flags: number;
  id: number;
  value: number;
}

/** A frame as it is on the wire; header blocks stay compressed bytes. */
export type SpdyFrame =
  | {
    type: "syn_stream";
    streamId: number;
    associatedId: number;
    priority: number;
    slot: number;
    flags: number;
    headerBlock: Uint8Array;
  }
  | { type: "syn_reply"; streamId: number; flags: number; headerBlock: Uint8Array }
  | { type: "rst_stream"; streamId: number; status: number }
  | { type: "settings"; flags: number; entries: SettingsEntry[] }
  | { type: "ping"; id: number }
  | { type: "goaway"; lastGoodStreamId: number; status: number }
  | { type: "headers"; streamId: number; flags: number; headerBlock: Uint8Array }
  | { type: "window_update"; streamId: number; delta: number }
  | { type: "data"; streamId: number; flags: number; data: Uint8Array };

/** The largest payload a frame can carry (24-bit length). */
export const MAX_FRAME_PAYLOAD = 0xffffff;

function control(type: number, flags: number, payloadLength: number): [Uint8Array, DataView] {
  if (payloadLength > MAX_FRAME_PAYLOAD) throw new Error("Cannot encode SPDY frame: too large");
  const bytes = new Uint8Array(8 + payloadLength);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0x8000 | 3);
  view.setUint16(2, type);
  view.setUint32(4, ((flags & 0xff) << 24 | payloadLength) >>> 0);
  return [bytes, view];
}

function withBlock(type: number, flags: number, fixed: number[], block: Uint8Array): Uint8Array {
  const [bytes, view] = control(type, flags, fixed.length * 4 + block.length);
  fixed.forEach((word, i) => view.setUint32(8 + i * 4, word >>> 0));
  bytes.set(block, 8 + fixed.length * 4);
  return bytes;
}

/** Encodes one frame to its wire bytes. */
export function encodeFrame(frame: SpdyFrame): Uint8Array {
  switch (frame.type) {
    case "syn_stream": {
      const [bytes, view] = control(
        FrameType.synStream,
        frame.flags,
        10 + frame.headerBlock.length,
      );
      view.setUint32(8, frame.streamId & 0x7fffffff);
      view.setUint32(12, frame.associatedId & 0x7fffffff);
      bytes[16] = (frame.priority & 0x7) << 5; // 3 bits of priority, 5 unused
      bytes[17] = frame.slot & 0xff;
      bytes.set(frame.headerBlock, 18);
      return bytes;
    }
    case "syn_reply":
      return withBlock(FrameType.synReply, frame.flags, [frame.streamId], frame.headerBlock);
    case "headers":
      return withBlock(FrameType.headers, frame.flags, [frame.streamId], frame.headerBlock);
    case "rst_stream":
      return withBlock(FrameType.rstStream, 0, [frame.streamId, frame.status], new Uint8Array());
    case "ping": { // written byte by byte: a PING flood is answered one reply per frame
      const id = frame.id >>> 0;
      return Uint8Array.of(
        0x80,
        3,
        0,
        FrameType.ping,
        0,
        0,
        0,
        4,
        id >>> 24,
        id >> 16,
        id >> 8,
        id,
      );
    }
    case "goaway":
      return withBlock(
        FrameType.goaway,
        0,
        [frame.lastGoodStreamId, frame.status],
        new Uint8Array(),
      );
    case "window_update":
      return withBlock(FrameType.windowUpdate, 0, [frame.streamId, frame.delta], new Uint8Array());
    case "settings": {
      const words = frame.entries.flatMap((e) => [(e.flags << 24 | e.id) >>> 0, e.value]);
      return withBlock(
        FrameType.settings,
        frame.flags,
        [frame.entries.length, ...words],
        new Uint8Array(),
      );
    }
    case "data": {
      if (frame.data.length > MAX_FRAME_PAYLOAD) {
        throw new Error("Cannot encode SPDY frame: too large");
      }
      const bytes = new Uint8Array(8 + frame.data.length);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, frame.streamId & 0x7fffffff);
      view.setUint32(4, ((frame.flags & 0xff) << 24 | frame.data.length) >>> 0);
      bytes.set(frame.data, 8);
      return bytes;
    }
  }
}
