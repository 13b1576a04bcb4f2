// A bidirectional byte stream: what a socket, a SPDY data stream and a WebSocket connection all are.

/** Bytes both ways with half-close; every tunnel piece speaks this and nothing runtime-specific. */
export interface ByteStream {
  /** Sends bytes (ignored once ended or closed). */
  write(bytes: Uint8Array): void;
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
}
