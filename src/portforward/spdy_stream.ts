// One accepted SPDY stream seen as a ByteStream: DATA frames both ways, FIN as half-close, RST as abort.
import type { ByteStream } from "./byte_stream.ts";
import { Flag, RstStatus } from "./spdy_frames.ts";
import type { SpdyHeaders } from "./spdy_header_block.ts";
import type { SpdyMessage } from "./spdy_framer.ts";
import { StreamEvents } from "./stream_events.ts";

/** How a stream reaches its connection. */
export interface SpdyStreamLink {
  send(message: SpdyMessage): void;
  /** The largest DATA payload to send; longer writes are split. */
  maxDataFrameSize: number;
  /** Called once when both directions are done, so the connection forgets the stream. */
  onClosed(stream: SpdyStream): void;
}

/** A server-side stream; peer data that arrives before a listener is kept until one is added. */
export class SpdyStream implements ByteStream {
  readonly id: number;
  readonly headers: SpdyHeaders;
  readonly #link: SpdyStreamLink;
  readonly #events = new StreamEvents();
  #localEnded = false;

  /** Wraps stream `id` (already replied to); `remoteEnded` when its SYN_STREAM carried FIN. */
  constructor(id: number, headers: SpdyHeaders, link: SpdyStreamLink, remoteEnded = false) {
    this.id = id;
    this.headers = headers;
    this.#link = link;
    if (remoteEnded) this.#events.end();
  }

  /** True once both directions are done or the stream was reset. */
  get closed(): boolean {
    return this.#events.closed;
  }

  write(bytes: Uint8Array): void {
    if (this.#localEnded || this.closed) return;
    const max = this.#link.maxDataFrameSize;
    for (let at = 0; at < bytes.length; at += max) {
      const data = bytes.slice(at, at + max);
      this.#link.send({ type: "data", streamId: this.id, flags: 0, data });
    }
  }

  end(): void {
    if (this.#localEnded || this.closed) return;
    this.#localEnded = true;
    this.#link.send({ type: "data", streamId: this.id, flags: Flag.fin, data: new Uint8Array() });
    if (this.#events.ended) this.#finish();
  }

  destroy(): void {
    if (this.closed) return;
    this.#link.send({ type: "rst_stream", streamId: this.id, status: RstStatus.cancel });
    this.#finish();
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.#events.onData(listener);
  }

  onEnd(listener: () => void): void {
    this.#events.onEnd(listener);
  }

  onClose(listener: () => void): void {
    this.#events.onClose(listener);
  }

  /** The peer sent DATA (possibly with FIN). */
  receiveData(data: Uint8Array, fin: boolean): void {
    this.#events.data(data);
    if (fin) this.receiveFin();
  }

  /** The peer half-closed (DATA or HEADERS with FIN). */
  receiveFin(): void {
    if (this.closed || this.#events.ended) return;
    this.#events.end();
    if (this.#localEnded) this.#finish();
  }

  /** The peer reset the stream, or the connection is gone: close without sending anything. */
  abort(): void {
    if (!this.closed) this.#finish();
  }

  #finish(): void {
    this.#events.close();
    this.#link.onClosed(this);
  }
}
