// How long a TLS connection may wait for its first request or sit idle, and how many one listener
// keeps open: the limits kube-apiserver's Go server applies, with the same defaults.

/** Per-connection time limits and the per-listener connection cap of a TLS endpoint. */
export interface ConnectionLimits {
  /**
   * From accept until the first request's headers arrive: TLS handshake, HTTP/2 preface and
   * half-sent headers included, as Go's net/http counts the handshake against ReadHeaderTimeout.
   * @default {32_000} (kube-apiserver: `ReadHeaderTimeout: 32 * time.Second`, secure_serving.go)
   */
  readonly headerTimeoutMs: number;
  /**
   * How long an HTTP/1.1 keep-alive connection or an HTTP/2 connection may have no request in
   * flight. A watch with no events, or an upgraded (port-forward) connection, is never idle.
   * @default {90_000} (kube-apiserver: `IdleTimeout` of http.Server and http2.Server)
   */
  readonly idleTimeoutMs: number;
  /**
   * Open connections one listener accepts; more are closed right after accept.
   * @default {1000} (kube-apiserver: none; fkas bounds what one cluster can take from all)
   */
  readonly maxConnectionsPerListener: number;
  /**
   * HTTP/2 streams a client may reset at once before the connection is closed with GOAWAY
   * ENHANCE_YOUR_CALM (CVE-2023-44487, "rapid reset").
   * @default {1000} (nghttp2's stream reset rate limit burst since 1.57)
   */
  readonly http2ResetBurst: number;
  /**
   * The rate at which that allowance refills.
   * @default {33} (nghttp2's stream reset rate since 1.57)
   */
  readonly http2ResetsPerSecond: number;
}

/** The limits used when an endpoint is started without any: kube-apiserver's values. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = Object.freeze({
  headerTimeoutMs: 32_000,
  idleTimeoutMs: 90_000,
  maxConnectionsPerListener: 1000,
  http2ResetBurst: 1000,
  http2ResetsPerSecond: 33,
});

/**
 * Advertised to HTTP/2 clients as SETTINGS_MAX_CONCURRENT_STREAMS: Go's http2.Server default,
 * which kube-apiserver keeps unless --http2-max-streams-per-connection is set (secure_serving.go).
 * Node's default would be unlimited.
 */
export const HTTP2_MAX_CONCURRENT_STREAMS = 250;
