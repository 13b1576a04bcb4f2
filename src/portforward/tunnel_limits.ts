// The bounds of one port-forward connection, as data: what fkas allows and what upstream does.

/** Every bound a port-forward connection enforces; each can be set per session. */
export interface TunnelLimits {
  /** The largest inflated SPDY header block; over it the connection ends with GOAWAY(PROTOCOL_ERROR). */
  readonly maxHeaderBytes: number;
  /** The most name/value pairs (and NUL-separated values) in one header block. */
  readonly maxHeaderCount: number;
  /** Peer bytes one stream may hold while nobody reads them (unpaired, or its target is slow). */
  readonly maxStreamBufferBytes: number;
  /** Peer bytes all streams of a connection may hold together. */
  readonly maxConnectionBufferBytes: number;
  /** Streams open at once on one connection; more are refused with RST_STREAM(REFUSED_STREAM). */
  readonly maxConcurrentStreams: number;
}

/**
 * The defaults, each against upstream:
 * - maxHeaderBytes: moby/spdystream's framer (spdy/read.go parseHeaderValueBlock) has no limit;
 *   1 MiB is Go's http.DefaultMaxHeaderBytes, which kubelet's server and apiserver's
 *   streamtunnel.go (maxHeaderBytes = 1 << 20) apply to the HTTP side of the same tunnel.
 * - maxHeaderCount: none upstream; client-go sends 3 or 4 headers per stream.
 * - maxStreamBufferBytes / maxConnectionBufferBytes: spdystream has no flow control (WINDOW_UPDATE
 *   is ignored) but no buffer either: a stream's unbuffered dataChan blocks its frame worker and
 *   then the connection's reader (connection.go Serve, QUEUE_SIZE 50 per FRAME_WORKERS 5). fkas
 *   pauses the connection instead, and resets a stream that nobody drains with FLOW_CONTROL_ERROR.
 * - maxConcurrentStreams: none in spdystream or kubelet; kubectl opens two per forwarded connection.
 * WebSocket frames and messages have no limit, as apiserver's gorilla reader sets none
 * (streamtunnel.go): their payloads are passed on in pieces as they arrive, never buffered whole.
 */
export const DEFAULT_TUNNEL_LIMITS: TunnelLimits = Object.freeze({
  maxHeaderBytes: 1 << 20,
  maxHeaderCount: 1000,
  maxStreamBufferBytes: 1 << 20,
  maxConnectionBufferBytes: 8 << 20,
  maxConcurrentStreams: 1000,
});

/** The compressed size allowed for a header block of `maxHeaderBytes` (deflate adds ≤ 5 bytes per 16 KiB). */
export function maxControlPayload(maxHeaderBytes: number): number {
  return Math.min(0xffffff, maxHeaderBytes + (maxHeaderBytes >> 10) + 1024);
}
