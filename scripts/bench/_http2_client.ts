// An HTTP/2 client over TLS whose streams resolve with their status once fully read; it reconnects after a GOAWAY.
import http2 from "node:http2";
import type { TlsTarget } from "./_http1_client.ts";

/** Opens one HTTP/2 session to 127.0.0.1 (TLS name localhost) with the client certificate. */
export function connectHttp2(target: TlsTarget): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://localhost:${target.port}`, {
      host: "127.0.0.1",
      servername: "localhost",
      ca: target.caPem,
      cert: target.certPem,
      key: target.keyPem,
    });
    session.once("connect", () => {
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
