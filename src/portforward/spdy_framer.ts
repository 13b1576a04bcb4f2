// Frames with decoded headers in and out of one SPDY connection, header blocks through its zlib contexts.
import { encodeFrame, type SpdyFrame } from "./spdy_frames.ts";
import { decodeHeaderBlock, encodeHeaderBlock, type SpdyHeaders } from "./spdy_header_block.ts";
import { SpdyFrameParser } from "./spdy_parser.ts";
import { OrderedQueue } from "./ordered_queue.ts";

/** zlib with the SPDY dictionary, one context per direction for the whole connection (src/runtime). */
export interface HeaderCompression {
  /** Deflates one plaintext block with a sync flush. */
  compress(block: Uint8Array): Promise<Uint8Array>;
  /** Inflates one compressed block. */
  decompress(block: Uint8Array): Promise<Uint8Array>;
  /** Frees both contexts. */
  close(): void;
}

type WithHeaders<F> = F extends { headerBlock: Uint8Array }
  ? Omit<F, "headerBlock"> & { headers: SpdyHeaders }
  : F;

/** A frame whose header block (SYN_STREAM, SYN_REPLY, HEADERS) is decoded into headers. */
export type SpdyMessage = WithHeaders<SpdyFrame>;

/** What a framer needs: where bytes go, its compression, and where messages and failures go. */
export interface SpdyFramerOptions {
  write(bytes: Uint8Array): void;
  compression: HeaderCompression;
  onMessage(message: SpdyMessage): void;
  /** Broken framing or a header block that does not inflate; the connection cannot continue. */
  onError(error: unknown): void;
  /** The largest control-frame payload read (default: the 24-bit maximum). */
  maxControlPayload?: number;
  /** The most headers in one received block (default 1000). */
  maxHeaderCount?: number;
}

/** Parses and emits messages in wire order, in both directions, though zlib work is async. */
export class SpdyFramer {
  readonly #options: SpdyFramerOptions;
  readonly #parser: SpdyFrameParser;
  readonly #inbound: OrderedQueue;
  readonly #outbound: OrderedQueue;
  #stopped = false;
  // Inbound flow control: frames of the current chunk not yet delivered, and chunks not yet parsed.
  #paused = false;
  #ready: SpdyFrame[] = [];
  #readyAt = 0;
  readonly #held: Uint8Array[] = [];

  /** Starts a framer; nothing happens until `receive` or `send`. */
  constructor(options: SpdyFramerOptions) {
    this.#options = options;
    this.#parser = new SpdyFrameParser({ maxControlPayload: options.maxControlPayload });
    const onError = (error: unknown) => {
      if (!this.#stopped) options.onError(error);
    };
    this.#inbound = new OrderedQueue(onError);
    this.#outbound = new OrderedQueue(onError);
  }

  /** Feeds connection bytes; messages reach `onMessage` in order (held back while paused). */
  receive(bytes: Uint8Array): void {
    if (this.#stopped) return;
    this.#held.push(bytes);
    this.#pump();
  }

  /**
   * Stops handing messages on, even those of a chunk already read: a chunk of 5,000 PINGs stops at
   * the reply that fills the connection's write buffer, not after 5,000 replies. Bytes that still
   * arrive are kept unparsed.
   */
  pause(): void {
    this.#paused = true;
  }

  /** Hands on what was held back, then goes on receiving. */
  resume(): void {
    this.#paused = false;
    this.#pump();
  }

  /** Encodes and writes a message after every message sent before it. */
  send(message: SpdyMessage): void {
    if (this.#stopped) return;
    this.#outbound.push(() => {
      if (!("headers" in message)) return this.#write(encodeFrame(message));
      const { headers, ...rest } = message;
      return this.#options.compression.compress(encodeHeaderBlock(headers)).then((block) =>
        this.#write(encodeFrame({ ...rest, headerBlock: block } as SpdyFrame))
      );
    });
  }

  /** Drops all later input and output (the connection is gone). */
  stop(): void {
    this.#stopped = true;
    this.#ready = [];
    this.#held.length = 0;
  }

  #pump(): void {
    while (!this.#paused && !this.#stopped) {
      if (this.#readyAt < this.#ready.length) {
        this.#dispatch(this.#ready[this.#readyAt++]);
        continue;
      }
      const bytes = this.#held.shift();
      if (bytes === undefined) break;
      try {
        this.#ready = this.#parser.push(bytes);
        this.#readyAt = 0;
      } catch (error) {
        return this.#options.onError(error);
      }
    }
  }

  #dispatch(frame: SpdyFrame): void {
    this.#inbound.push(() => {
      if (!("headerBlock" in frame)) return this.#deliver(frame);
      return this.#options.compression.decompress(frame.headerBlock).then((plain) => {
        const { headerBlock: _, ...rest } = frame;
        const headers = decodeHeaderBlock(plain, this.#options.maxHeaderCount);
        this.#deliver({ ...rest, headers } as SpdyMessage);
      });
    });
  }

  #deliver(message: SpdyMessage): void {
    if (!this.#stopped) this.#options.onMessage(message);
  }

  #write(bytes: Uint8Array): void {
    if (!this.#stopped) this.#options.write(bytes);
  }
}
