// A WebSocket connection as a ByteStream of binary messages: how kubectl ≥ 1.31 tunnels SPDY/3.1.
// Upstream (client-go tools/portforward/tunneling_connection.go): every Write is one binary message,
// and Read concatenates binary messages, so SPDY frames may be split across or merged in messages.
import type { ByteStream } from "./byte_stream.ts";
import { StreamEvents } from "./stream_events.ts";
import {
  CloseCode,
  encodeWebSocketFrame,
  Opcode,
  type WebSocketFrame,
  WebSocketFrameParser,
  WebSocketProtocolError,
} from "./websocket_frames.ts";

/** Which end we are, and limits. */
export interface WebSocketByteStreamOptions {
  /** "server" (default) expects masked frames and sends unmasked ones; "client" the reverse. */
  role?: "server" | "client";
  /**
   * The largest frame payload accepted; larger frames close with 1009. Default: none, as gorilla's
   * reader in apiserver's streamtunnel.go: payloads are passed on in pieces as they arrive, so
   * neither a frame nor a message is ever held whole.
   */
  maxFrameSize?: number;
  /** Masking keys for the client role (default: crypto.getRandomValues). */
  maskKey?: () => Uint8Array;
}

/** Wraps an upgraded connection (after the 101) so writes are binary messages and data their payloads. */
export function webSocketByteStream(
  conn: ByteStream,
  head: Uint8Array,
  options: WebSocketByteStreamOptions = {},
): ByteStream {
  const client = options.role === "client";
  const maxFrameSize = options.maxFrameSize ?? Number.MAX_SAFE_INTEGER;
  const maskKey = options.maskKey ?? (() => crypto.getRandomValues(new Uint8Array(4)));
  const parser = new WebSocketFrameParser(!client, maxFrameSize);
  const events = new StreamEvents();
  let inMessage = false;
  let closeSent = false;

  // The connection is not read while our reader is paused or our writes (pongs included) wait
  // for the peer to read: a peer that floods pings without reading cannot grow our buffers.
  let readerPaused = false;
  let writesBlocked = false;
  let connPaused = false;
  const drainListeners: (() => void)[] = [];
  const flow = () => {
    const pause = readerPaused || writesBlocked;
    if (pause === connPaused) return;
    connPaused = pause;
    if (pause) conn.pause();
    else conn.resume();
  };
  const send = (opcode: number, payload: Uint8Array): boolean => {
    const frame = encodeWebSocketFrame(
      { fin: true, opcode, payload },
      client ? maskKey() : undefined,
    );
    if (conn.write(frame) !== false) return true;
    writesBlocked = true;
    flow();
    return false;
  };

  function sendClose(code?: number): void {
    if (closeSent) return;
    closeSent = true;
    const payload = new Uint8Array(code === undefined ? 0 : 2);
    if (code !== undefined) new DataView(payload.buffer).setUint16(0, code);
    send(Opcode.close, payload);
    conn.end(); // nothing may follow a Close frame
  }

  function finish(): void {
    events.end();
    events.close();
  }

  function message(frame: WebSocketFrame): void {
    const fail = (code: number, why: string) => {
      throw new WebSocketProtocolError(code, `Cannot read WebSocket message: ${why}`);
    };
    if (frame.opcode === Opcode.continuation) {
      if (!inMessage) fail(CloseCode.protocolError, "continuation without a message");
    } else {
      if (inMessage) fail(CloseCode.protocolError, "new message inside a fragmented one");
      // client-go fails on anything but binary ("invalid message type received").
      if (frame.opcode !== Opcode.binary) fail(CloseCode.unsupportedData, "only binary messages");
    }
    inMessage = !frame.fin;
    // Payloads go out as they complete; the SPDY parser does not care where messages split.
    events.data(frame.payload);
  }

  function frame(frame: WebSocketFrame): void {
    if (frame.opcode === Opcode.ping) {
      if (!closeSent) send(Opcode.pong, frame.payload);
      return;
    }
    if (frame.opcode === Opcode.pong) return;
    if (frame.opcode !== Opcode.close) return message(frame);
    if (frame.payload.length === 1) {
      throw new WebSocketProtocolError(CloseCode.protocolError, "Cannot close: 1-byte payload");
    }
    const code = frame.payload.length >= 2
      ? new DataView(frame.payload.buffer, frame.payload.byteOffset).getUint16(0)
      : undefined;
    sendClose(code);
    finish();
  }

  function receive(bytes: Uint8Array): void {
    if (events.closed) return;
    try {
      for (const f of parser.push(bytes)) if (!events.closed) frame(f);
    } catch (error) {
      const code = error instanceof WebSocketProtocolError ? error.code : CloseCode.protocolError;
      sendClose(code);
      events.close();
    }
  }

  conn.onData(receive);
  conn.onDrain(() => {
    if (!writesBlocked) return;
    writesBlocked = false;
    flow();
    for (const listener of [...drainListeners]) listener();
  });
  conn.onEnd(() => (sendClose(), finish()));
  conn.onClose(() => events.close());
  if (head.length > 0) receive(head);
  return {
    write(bytes) {
      if (closeSent || events.closed || bytes.length === 0) return true;
      return send(Opcode.binary, bytes);
    },
    end: () => sendClose(CloseCode.normal),
    destroy() {
      conn.destroy();
      events.close();
    },
    onData: (listener) => events.onData(listener),
    onEnd: (listener) => events.onEnd(listener),
    onClose: (listener) => events.onClose(listener),
    onDrain: (listener) => drainListeners.push(listener),
    // Frames already parsed wait in `events`; the connection below stops reading.
    pause() {
      events.pause();
      readerPaused = true;
      flow();
    },
    resume() {
      events.resume(); // kept payloads first, then the connection's backlog
      readerPaused = events.paused;
      flow();
    },
  };
}
