// Test fixture: a small SPDY/3.1 port-forward client (client-go's sequence) on the same codec.
import {
  type ByteStream,
  Flag,
  type HeaderCompression,
  SPDY_DICTIONARY,
  SpdyFramer,
  spdyHeaders,
  type SpdyMessage,
} from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";

/** A client stream: what arrived, and promises for its milestones. */
export class ClientStream {
  readonly id: number;
  readonly received: Uint8Array[] = [];
  readonly replied: Promise<void>;
  /** Resolves on the server's FIN. */
  readonly ended: Promise<void>;
  /** Resolves with the RST status when the server resets the stream. */
  readonly reset: Promise<number>;
  resolveReply!: () => void;
  rejectReply!: (error: Error) => void;
  resolveEnd!: () => void;
  resolveReset!: (status: number) => void;
  readonly #client: SpdyTestClient;

  constructor(id: number, client: SpdyTestClient) {
    this.id = id;
    this.#client = client;
    this.replied = new Promise((resolve, reject) => {
      this.resolveReply = resolve;
      this.rejectReply = reject;
    });
    this.replied.catch(() => {});
    this.ended = new Promise((resolve) => this.resolveEnd = resolve);
    this.reset = new Promise((resolve) => this.resolveReset = resolve);
  }

  /** Everything received so far, as text. */
  text(): string {
    return new TextDecoder().decode(concat(this.received));
  }

  write(text: string | Uint8Array): void {
    const data = typeof text === "string" ? new TextEncoder().encode(text) : text;
    this.#client.send({ type: "data", streamId: this.id, flags: 0, data });
  }

  /** Sends an empty DATA frame with FIN, as spdystream's Close does. */
  end(): void {
    this.#client.send({ type: "data", streamId: this.id, flags: Flag.fin, data: new Uint8Array() });
  }
}

/** A client connection; every message from the server is kept in `messages`. */
export class SpdyTestClient {
  readonly messages: SpdyMessage[] = [];
  readonly compression: HeaderCompression = createHeaderCompression(SPDY_DICTIONARY);
  readonly #framer: SpdyFramer;
  readonly #streams = new Map<number, ClientStream>();
  readonly #pings = new Map<number, () => void>();
  #nextId = 1;

  constructor(conn: ByteStream) {
    this.#framer = new SpdyFramer({
      write: (bytes) => conn.write(bytes),
      compression: this.compression,
      onMessage: (message) => this.#handle(message),
      onError: (error) => {
        throw error;
      },
    });
    conn.onData((bytes) => this.#framer.receive(bytes));
    conn.onClose(() => this.compression.close());
  }

  send(message: SpdyMessage): void {
    this.#framer.send(message);
  }

  /** Opens a stream with these headers (SYN_STREAM); `replied` settles on SYN_REPLY or RST. */
  open(headers: Record<string, string>, id = this.#nextId): ClientStream {
    this.#nextId = Math.max(this.#nextId, id + 2);
    const stream = new ClientStream(id, this);
    this.#streams.set(id, stream);
    this.send({
      type: "syn_stream",
      streamId: id,
      associatedId: 0,
      priority: 0,
      slot: 0,
      flags: 0,
      headers: spdyHeaders(headers),
    });
    return stream;
  }

  /** Opens the error stream then the data stream of one forwarded connection, as client-go does. */
  async forward(port: number, requestId: string): Promise<[ClientStream, ClientStream]> {
    const error = this.open({ streamtype: "error", port: String(port), requestid: requestId });
    await error.replied;
    error.end();
    const data = this.open({ streamtype: "data", port: String(port), requestid: requestId });
    await data.replied;
    return [error, data];
  }

  /** Sends PING `id` (odd, as a client's are) and resolves when it comes back. */
  ping(id: number): Promise<void> {
    return new Promise((resolve) => {
      this.#pings.set(id, resolve);
      this.send({ type: "ping", id });
    });
  }

  #handle(message: SpdyMessage): void {
    this.messages.push(message);
    if (message.type === "ping") return this.#pings.get(message.id)?.();
    if (!("streamId" in message)) return;
    const stream = this.#streams.get(message.streamId);
    if (!stream) return;
    if (message.type === "syn_reply") stream.resolveReply();
    if (message.type === "rst_stream") {
      stream.rejectReply(new Error(`stream ${stream.id} reset (${message.status})`));
      stream.resolveReset(message.status);
    }
    if (message.type === "data") {
      if (message.data.length > 0) stream.received.push(message.data);
      if (message.flags & Flag.fin) stream.resolveEnd();
    }
  }
}

/** Joins byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
