// gRPC length-prefixed messages: 1 flag byte (0 = uncompressed), a 4-byte big-endian length, the bytes.
import { EtcdError, GrpcCode } from "./etcd_error.ts";
import { concatBytes } from "../encoding/mod.ts";

const PREFIX = 5;
/** etcd accepts requests up to 1.5 MiB plus gRPC overhead; anything far larger is refused early. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Frames one message for a gRPC DATA stream. */
export function encodeFrame(message: Uint8Array): Uint8Array {
  const frame = new Uint8Array(PREFIX + message.length);
  new DataView(frame.buffer).setUint32(1, message.length);
  frame.set(message, PREFIX);
  return frame;
}

/** Reassembles messages from body chunks that may split or merge frames. */
export class FrameReader {
  #buffer: Uint8Array = new Uint8Array(0);

  /** The bytes received but not yet part of a complete message. */
  get pending(): number {
    return this.#buffer.length;
  }

  /** Adds a chunk and returns the messages it completed, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    let buffer = this.#buffer.length === 0 ? chunk : concatBytes([this.#buffer, chunk]);
    const messages: Uint8Array[] = [];
    while (buffer.length >= PREFIX) {
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      if (view.getUint8(0) !== 0) {
        const message = "grpc: compressed flag set with identity or empty encoding";
        throw new EtcdError(GrpcCode.Internal, message);
      }
      const length = view.getUint32(1);
      if (length > MAX_MESSAGE_BYTES) {
        const message =
          `grpc: received message larger than max (${length} vs. ${MAX_MESSAGE_BYTES})`;
        throw new EtcdError(GrpcCode.ResourceExhausted, message);
      }
      if (buffer.length < PREFIX + length) break;
      messages.push(copy(buffer, PREFIX, PREFIX + length));
      buffer = buffer.subarray(PREFIX + length);
    }
    this.#buffer = copy(buffer, 0, buffer.length);
    return messages;
  }
}

// Uint8Array's slice copies; a node Buffer's slice would be a view of memory the stream may reuse.
const copy = (bytes: Uint8Array, start: number, end: number): Uint8Array =>
  Uint8Array.prototype.slice.call(bytes, start, end);
