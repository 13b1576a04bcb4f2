// A small HTTPS client (node:https) with a CA, a client certificate and streamed answers; Bun's
// fetch and client-node's undici dispatcher drop these TLS options (see tests/e2e/client_node_fixture.ts).
import http from "node:http";
import https from "node:https";

/** One request: where, how, and which TLS material to use. */
export interface HttpsCall {
  readonly url: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** PEM CA bundle that must have signed the server; the system roots when absent. */
  readonly caPem?: string;
  readonly certPem?: string;
  readonly keyPem?: string;
  /** Name checked against the server certificate instead of the URL's host. */
  readonly serverName?: string;
  /** Skips server verification (only when a kubeconfig asks for it). */
  readonly insecure?: boolean;
  /** Fails the call when no byte arrives for this long. */
  readonly idleTimeoutMs: number;
}

/** An answer whose body is read as it arrives. */
export interface StreamedAnswer {
  readonly status: number;
  /** Calls `onChunk` for each piece of the body; resolves at its end, rejects on a broken stream. */
  read(onChunk: (chunk: Uint8Array) => void): Promise<void>;
  /** Drops the connection (read() then resolves). */
  abort(): void;
}

/** Sends the request and resolves when the status line and headers are in. */
export function httpsStream(call: HttpsCall): Promise<StreamedAnswer> {
  const url = new URL(call.url);
  const secure = url.protocol === "https:";
  const options: https.RequestOptions = {
    method: call.method,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port || (secure ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    headers: {
      ...call.headers,
      ...(call.body === undefined ? {} : { "Content-Length": String(byteLength(call.body)) }),
    },
    ...(secure
      ? {
        ca: call.caPem,
        cert: call.certPem,
        key: call.keyPem,
        servername: call.serverName,
        rejectUnauthorized: !call.insecure,
        agent: false,
      }
      : { agent: false }),
  };
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(options, (response) => {
      let aborted = false;
      resolve({
        status: response.statusCode ?? 0,
        read: (onChunk) =>
          new Promise<void>((done, fail) => {
            response.on("data", (chunk: Uint8Array) => {
              try {
                onChunk(chunk);
              } catch (error) {
                // A consumer that cannot take the body ends the exchange with its error.
                response.removeAllListeners("close");
                request.destroy();
                fail(error);
              }
            });
            response.on("end", () => done());
            response.on("error", (error) => aborted ? done() : fail(error));
            response.on("close", () => aborted || response.complete ? done() : fail(closedEarly()));
          }),
        abort: () => {
          aborted = true;
          request.destroy();
        },
      });
    });
    request.setTimeout(call.idleTimeoutMs, () => {
      request.destroy(new Error(`no answer for ${call.idleTimeoutMs} ms`));
    });
    request.on("error", reject);
    request.end(call.body);
  });
}

/** Sends the request and reads the whole answer as text. */
export async function httpsText(call: HttpsCall): Promise<{ status: number; text: string }> {
  const answer = await httpsStream(call);
  const chunks: Uint8Array[] = [];
  await answer.read((chunk) => chunks.push(chunk));
  const decoder = new TextDecoder();
  return {
    status: answer.status,
    text: chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode(),
  };
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function closedEarly(): Error {
  return new Error("the connection closed before the answer ended");
}
