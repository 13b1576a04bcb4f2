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
  /** Whether the connection takes more writes now (false until it drains). */
  writable(): boolean;
  /** The stream's kept peer bytes changed by `delta`; false when the connection's budget is spent. */
  buffered(delta: number): boolean;
  /** The largest number of peer bytes one stream may keep. */
  maxBufferedBytes: number;
  /** The stream's reader wants no data (true) or wants it again (false). */
  paused(stream: SpdyStream, paused: boolean): void;
}

/** A server-side stream; peer data that arrives before a listener, or while paused, is kept up to a limit. */
export class SpdyStream implements ByteStream {
  readonly id: number;
  readonly headers: SpdyHeaders;
  readonly #link: SpdyStreamLink;
  readonly #events: StreamEvents;
  readonly #drainListeners: (() => void)[] = [];
  #localEnded = false;
  #overBudget = false;

  /** Wraps stream `id` (already replied to); `remoteEnded` when its SYN_STREAM carried FIN. */
  constructor(id: number, headers: SpdyHeaders, link: SpdyStreamLink, remoteEnded = false) {
    this.id = id;
    this.headers = headers;
    this.#link = link;
    this.#events = new StreamEvents((delta) => {
      if (!link.buffered(delta)) this.#overBudget = true;
    });
    if (remoteEnded) this.#events.end();
  }

  /** True once both directions are done or the stream was reset. */
  get closed(): boolean {
    return this.#events.closed;
  }

  write(bytes: Uint8Array): boolean {
    if (this.#localEnded || this.closed) return true;
    const max = this.#link.maxDataFrameSize;
    for (let at = 0; at < bytes.length; at += max) {
      const data = bytes.slice(at, at + max);
      this.#link.send({ type: "data", streamId: this.id, flags: 0, data });
    }
    return this.#link.writable();
  }

  end(): void {
    if (this.#localEnded || this.closed) return;
    this.#localEnded = true;
    this.#link.send({ type: "data", streamId: this.id, flags: Flag.fin, data: new Uint8Array() });
    if (this.#events.ended) this.#finish();
  }

  destroy(): void {
    this.reset(RstStatus.cancel);
  }

  /** Sends RST_STREAM with `status` and closes without waiting for the peer. */
  reset(status: number): void {
    if (this.closed) return;
    this.#link.send({ type: "rst_stream", streamId: this.id, status });
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

  onDrain(listener: () => void): void {
    this.#drainListeners.push(listener);
  }

  pause(): void {
    if (this.closed) return;
    this.#events.pause();
    this.#link.paused(this, true);
  }

  resume(): void {
    if (this.closed) return;
    // Kept bytes first: the connection's backlog must not land in a still-paused buffer. The
    // listener may pause again while they are handed over; then the connection stays paused.
    this.#events.resume();
    if (!this.#events.paused && !this.closed) this.#link.paused(this, false);
  }

  /** The connection drained: writers may go on. */
  drained(): void {
    for (const listener of [...this.#drainListeners]) listener();
  }

  /**
   * The peer sent DATA (possibly with FIN). Bytes nobody takes are kept up to the stream's and the
   * connection's limits; past them the stream is reset with FLOW_CONTROL_ERROR and its bytes dropped
   * (spdystream would stop reading the connection instead: see tunnel_limits.ts).
   */
  receiveData(data: Uint8Array, fin: boolean): void {
    this.#events.data(data);
    if (this.#overBudget || this.#events.bufferedBytes > this.#link.maxBufferedBytes) {
      return this.reset(RstStatus.flowControlError);
    }
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
    this.#drainListeners.length = 0;
    this.#link.paused(this, false);
    this.#link.onClosed(this);
  }
}
