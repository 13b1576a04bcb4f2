// Accepts TCP connections for TLS it does not terminate itself: refuses connections over the
// caps at once, starts each connection's header timeout before the TLS handshake, and answers
// plain HTTP in clear text as Go does, all before any TLS work is spent.
import net from "node:net";
import type tls from "node:tls";
import type { ConnectionBudget } from "./connection_budget.ts";
import type { ConnectionLimits } from "./connection_limits.ts";
import { ConnectionWatch } from "./connection_watch.ts";
import { type ClosableEndpoint, listenClosable } from "./listen.ts";
import { looksLikePlainHttp, PLAIN_HTTP_ANSWER, RECORD_HEADER_LENGTH } from "./plain_http.ts";

/** Where a TLS listener binds and what it admits. */
export interface TlsListenerOptions {
  host: string;
  port: number;
  limits: ConnectionLimits;
  /** The process-wide connection cap this listener shares; none: only the per-listener cap. */
  budget?: ConnectionBudget;
  /** Runs when the endpoint closes, before every socket is destroyed. */
  beforeSocketsEnd?: () => void;
}

/** Starts TLS on an admitted TCP socket whose first bytes (a TLS record) were put back. */
export type SecureSocket = (socket: net.Socket) => void;

const watchKey = Symbol("fkas.connectionWatch");
type Tagged = { [watchKey]?: ConnectionWatch };
const TLS_HANDSHAKE_RECORD = 0x16;
const TLS_ALERT_RECORD = 0x15;

/**
 * The ConnectionWatch of a TLS socket that a TLS listener accepted. Deno and Bun both keep the
 * wrapped TCP socket in `_parent` (as Node does), whether a tls.Server took it by a `connection`
 * event or a TLSSocket wraps it.
 */
export function watchOfTlsSocket(socket: tls.TLSSocket): ConnectionWatch | undefined {
  return (socket as { _parent?: Tagged })._parent?.[watchKey];
}

/**
 * Binds `host:port` and secures admitted connections with what `secureSocket` answers (asked at
 * each connection, so an endpoint nobody connects to never builds its TLS context; it throws for
 * a key or certificate that does not load); rejects like `listen` when binding fails.
 */
export async function listenTls(
  secureSocket: () => SecureSocket,
  options: TlsListenerOptions,
): Promise<ClosableEndpoint> {
  const { limits, budget } = options;
  let open = 0;
  const server = net.createServer({ pauseOnConnect: true }, (socket: net.Socket) => {
    // Refuse before reading a byte: a flood then costs an accept and a close, never a handshake.
    if (open >= limits.maxConnectionsPerListener) return void socket.destroy();
    if (budget && !budget.tryOpen()) return void socket.destroy();
    open++;
    const watch = new ConnectionWatch(limits, {
      headerTimeout: () => socket.destroy(),
      idleTimeout: () => socket.destroy(),
    });
    (socket as Tagged)[watchKey] = watch;
    socket.once("close", () => {
      open--;
      budget?.close();
      watch.stop();
    });
    let secure: SecureSocket;
    try {
      secure = secureSocket();
    } catch {
      return void socket.destroy(); // a key or certificate that does not load: no TLS to answer
    }
    handOver(socket, secure);
  });
  const endpoint = await listenClosable(
    server,
    options.host,
    options.port,
    options.beforeSocketsEnd,
  );
  budget?.listenerOpened();
  let closed: Promise<void> | undefined;
  return {
    port: endpoint.port,
    close() {
      if (!closed) {
        budget?.listenerClosed();
        closed = endpoint.close();
      }
      return closed;
    },
  };
}

// Reads the first bytes: a TLS handshake record goes to `secure` with its bytes put back;
// five bytes that start like an HTTP request get Go's clear-text 400 (net/http server.go), and
// other bytes are dropped as crypto/tls drops them (conn.go, readRecordOrCCS).
function handOver(socket: net.Socket, secure: SecureSocket): void {
  let head: Uint8Array = new Uint8Array(0);
  const onData = (chunk: Uint8Array) => {
    head = head.length === 0 ? chunk : concat(head, chunk);
    if (head[0] !== TLS_HANDSHAKE_RECORD && head.length < RECORD_HEADER_LENGTH) return;
    socket.off("data", onData);
    socket.pause();
    if (looksLikePlainHttp(head)) return void socket.end(PLAIN_HTTP_ANSWER, () => socket.destroy());
    // Go's crypto/tls drops a first record that is neither a handshake nor an alert without a
    // word ("first record does not look like a TLS handshake"); OpenSSL would answer an alert.
    if (head[0] !== TLS_HANDSHAKE_RECORD && head[0] !== TLS_ALERT_RECORD) {
      return void socket.destroy();
    }
    socket.unshift(head);
    secure(socket);
  };
  socket.on("data", onData);
  socket.resume();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
