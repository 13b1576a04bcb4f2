// A bidirectional byte stream: what a socket, a SPDY data stream and a WebSocket connection all are.

/** Bytes both ways with half-close and flow control; every tunnel piece speaks this and nothing runtime-specific. */
export interface ByteStream {
  /** Sends bytes (ignored once ended or closed); false when the peer is behind: wait for `onDrain`. */
  write(bytes: Uint8Array): boolean;
  /** Half-closes our direction (SPDY FIN, TCP FIN). */
  end(): void;
  /** Aborts both directions at once. */
  destroy(): void;
  /** Bytes from the peer, in order. */
  onData(listener: (bytes: Uint8Array) => void): void;
  /** The peer half-closed its direction. */
  onEnd(listener: () => void): void;
  /** Both directions are done (after end+end, destroy, or an error); fires once. */
  onClose(listener: () => void): void;
  /** Writing may go on after a `write` returned false. */
  onDrain(listener: () => void): void;
  /** Stops delivering peer bytes (and reading them, where the transport can) until `resume`. */
  pause(): void;
  /** Delivers what was held back and reads on. */
  resume(): void;
}
