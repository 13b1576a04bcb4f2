// The kubelet's WebSocket channel protocol (apimachinery wsstream `Conn`): each message is one
// channel's bytes behind a channel-number byte (binary protocols) or an ASCII digit and base64
// (`base64.` protocols). Exec, attach and port-forward without SPDY tunnelling all speak it.

import { concatBytes } from "../encoding/mod.ts";
import type { ByteStream } from "./byte_stream.ts";
import {
  CloseCode,
  encodeWebSocketFrame,
  Opcode,
  WebSocketFrameParser,
  WebSocketProtocolError,
} from "./websocket_frames.ts";
import { headerTokens } from "./websocket_handshake.ts";

/** One multiplexed WebSocket connection, server side. */
export interface ChannelConnection {
  /** The negotiated subprotocol ("" when the client offered none). */
  readonly protocol: string;
  /** Sends one message on a channel (an empty `data` is the bare channel byte). */
  send(channel: number, data: Uint8Array): boolean;
  /** A message from the client, its channel byte stripped. */
  onMessage(listener: (channel: number, data: Uint8Array) => void): void;
  /** The connection is gone (close frame, protocol error or socket end); fires once. */
  onClose(listener: () => void): void;
  /** Writing may go on after `send` returned false. */
  onDrain(listener: () => void): void;
  /** Sends a Close frame (1000 by default, as x/net/websocket's `Close`) and ends the socket. */
  close(code?: number): void;
  pause(): void;
  resume(): void;
}

// A client message above this is refused with 1009 (wsstream reads whole messages; fkas bounds
// them so no client can make it buffer without limit).
const MAX_MESSAGE_BYTES = 1 << 20;

/**
 * The subprotocol wsstream's handshake picks: the client's first offer the server supports, ""
 * when it offers none; undefined when nothing matches.
 */
export function negotiateChannelProtocol(
  request: Pick<Request, "headers">,
  supported: readonly string[],
): string | undefined {
  const offered = headerTokens(request as Request, "sec-websocket-protocol");
  for (const protocol of offered.length === 0 ? [""] : offered) {
    if (supported.includes(protocol)) return protocol;
  }
  return undefined;
}

/** Wraps an upgraded connection (after the 101) as channels. */
export function webSocketChannels(
  conn: ByteStream,
  head: Uint8Array,
  protocol: string,
): ChannelConnection {
  const base64 = protocol.includes("base64.");
  const parser = new WebSocketFrameParser(true, MAX_MESSAGE_BYTES);
  const messageListeners: ((channel: number, data: Uint8Array) => void)[] = [];
  const closeListeners: (() => void)[] = [];
  let parts: Uint8Array[] = [];
  let size = 0;
  let inMessage = false;
  let closed = false;
  let closeSent = false;

  const write = (opcode: number, payload: Uint8Array) =>
    conn.write(encodeWebSocketFrame({ fin: true, opcode, payload }));
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
  };
  const sendClose = (code: number) => {
    if (closeSent) return;
    closeSent = true;
    const payload = new Uint8Array(2);
    new DataView(payload.buffer).setUint16(0, code);
    write(Opcode.close, payload);
    conn.end();
  };

  const deliver = (payload: Uint8Array, text: boolean) => {
    let channel: number;
    let data: Uint8Array;
    if (text) {
      // base64 protocols: an ASCII digit names the channel, the rest is base64.
      const message = new TextDecoder().decode(payload);
      channel = message.charCodeAt(0) - 48;
      data = Uint8Array.from(atob(message.slice(1)), (c) => c.charCodeAt(0));
    } else {
      channel = payload[0];
      data = payload.subarray(1);
    }
    if (payload.length === 0) return;
    for (const listener of messageListeners) listener(channel, data);
  };

  const receive = (bytes: Uint8Array) => {
    if (closed) return;
    try {
      for (const frame of parser.push(bytes)) {
        if (frame.opcode === Opcode.ping) {
          write(Opcode.pong, frame.payload);
        } else if (frame.opcode === Opcode.close) {
          sendClose(CloseCode.normal);
          finish();
          return;
        } else if (frame.opcode !== Opcode.pong) {
          if ((frame.opcode === Opcode.continuation) !== inMessage) {
            throw new WebSocketProtocolError(CloseCode.protocolError, "Cannot read message");
          }
          size += frame.payload.length;
          if (size > MAX_MESSAGE_BYTES) {
            throw new WebSocketProtocolError(CloseCode.tooBig, "Cannot read message: too big");
          }
          parts.push(frame.payload);
          inMessage = !frame.fin;
          if (frame.fin) {
            const whole = parts.length === 1 ? parts[0] : concatBytes(parts, size);
            const text = (frame.opcode === Opcode.continuation ? firstOpcode : frame.opcode) ===
              Opcode.text;
            parts = [];
            size = 0;
            deliver(whole, text);
          } else if (frame.opcode !== Opcode.continuation) firstOpcode = frame.opcode;
        }
      }
    } catch (error) {
      sendClose(error instanceof WebSocketProtocolError ? error.code : CloseCode.protocolError);
      finish();
    }
  };
  let firstOpcode: number = Opcode.binary;

  conn.onData(receive);
  conn.onClose(finish);
  conn.onEnd(finish);
  if (head.length > 0) receive(head);

  return {
    protocol,
    send(channel, data) {
      if (closeSent) return true;
      if (base64) {
        const text = String.fromCharCode(48 + channel) + toBase64(data);
        return write(Opcode.text, new TextEncoder().encode(text));
      }
      const payload = new Uint8Array(data.length + 1);
      payload[0] = channel;
      payload.set(data, 1);
      return write(Opcode.binary, payload);
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onClose: (listener) => void closeListeners.push(listener),
    onDrain: (listener) => conn.onDrain(listener),
    close(code = CloseCode.normal) {
      sendClose(code);
      finish();
    },
    pause: () => conn.pause(),
    resume: () => conn.resume(),
  };
}

function toBase64(data: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
