// An HTTP/2 client over TLS whose streams resolve with their status once fully read; it reconnects after a GOAWAY.
import http2 from "node:http2";
import type { TlsTarget } from "./_http1_client.ts";
import { currentRuntime } from "./_runtimes.ts";

/**
 * The stream flow-control window client-go's HTTP/2 transport announces (golang.org/x/net/http2
 * transport.go: transportDefaultStreamFlow, 4 MiB): with node's 64 KiB, a busy watch stalls on
 * WINDOW_UPDATE round trips no Kubernetes client makes.
 */
export const CLIENT_GO_STREAM_WINDOW = 4 << 20;

/**
 * client-go's connection window (transportDefaultConnFlow, 1 GiB): with 64 KiB, the 50 watches of
 * a session share 64 KiB per round trip. Deno only: Bun 1.4.5's `setLocalWindowSize` stalls the
 * session (no DATA arrives after it, seen from 1 MiB up), so on Bun the window stays at 64 KiB
 * (`--load-runtime deno` for a client-go-like load).
 */
export function useClientGoWindow(session: http2.ClientHttp2Session): void {
  if (currentRuntime !== "bun") session.setLocalWindowSize(1 << 30);
}

/**
 * Opens one HTTP/2 session to 127.0.0.1 (TLS name localhost) with the client certificate and
 * client-go's flow-control windows (the connection window on Deno only, see `useClientGoWindow`).
 */
export function connectHttp2(target: TlsTarget): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://localhost:${target.port}`, {
      host: "127.0.0.1",
      servername: "localhost",
      ca: target.caPem,
      cert: target.certPem,
      key: target.keyPem,
      settings: { initialWindowSize: CLIENT_GO_STREAM_WINDOW },
    });
    session.once("connect", () => {
      useClientGoWindow(session);
      session.off("error", reject);
      session.on("error", () => {});
      resolve(session);
    });
    session.once("error", reject);
  });
}

/** One session at a time, shared by every concurrent stream; a session the server ended is replaced. */
export class Http2Client {
  #target: TlsTarget;
  #session: Promise<http2.ClientHttp2Session>;
  /** The error codes of the GOAWAY frames the server sent. */
  readonly goaways: number[] = [];

  private constructor(target: TlsTarget, session: http2.ClientHttp2Session) {
    this.#target = target;
    this.#session = Promise.resolve(this.#watch(session));
  }

  /** Connects the first session. */
  static async connect(target: TlsTarget): Promise<Http2Client> {
    return new Http2Client(target, await connectHttp2(target));
  }

  /** Sends one request and resolves with its status after the last DATA frame. */
  async request(headers: http2.OutgoingHttpHeaders, body?: string): Promise<number> {
    let session = await this.#session;
    if (session.closed || session.destroyed) {
      const replacement = connectHttp2(this.#target).then((s) => this.#watch(s));
      this.#session = replacement;
      // A failed reconnect is this request's failure; the next request tries again.
      replacement.catch(() => {});
      session = await replacement;
    }
    return await streamStatus(session, headers, body);
  }

  #watch(session: http2.ClientHttp2Session): http2.ClientHttp2Session {
    session.on("goaway", (code: number) => this.goaways.push(code));
    return session;
  }
}

function streamStatus(
  session: http2.ClientHttp2Session,
  headers: http2.OutgoingHttpHeaders,
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = session.request(headers, { endStream: body === undefined });
    let status = 0;
    stream.on("response", (response) => status = Number(response[":status"]));
    stream.on("data", () => {});
    stream.on("end", () => resolve(status));
    stream.on("error", reject);
    // After "end" this is a no-op; before it, the stream was reset.
    stream.on("close", () => reject(new Error(`stream closed, code ${stream.rstCode}`)));
    if (body !== undefined) stream.end(body);
  });
}
