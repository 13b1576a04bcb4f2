// Test clients: HTTPS/1.1 and HTTP/2 requests with optional client certificates.
import https from "node:https";
import http2 from "node:http2";
import type { KeyPairPem } from "./_certs.ts";

/** A response as the tests look at it. */
export interface SimpleResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one HTTPS/1.1 request on a fresh connection, presenting `client` when given. */
export function https1Request(
  port: number,
  caPem: string,
  client?: KeyPairPem,
  options: { method?: string; path?: string; body?: string } = {},
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const request = https.request({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      method: options.method ?? "GET",
      path: options.path ?? "/",
      ca: caPem,
      cert: client?.certPem,
      key: client?.keyPem,
      agent: false,
    }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => body += chunk);
      response.on(
        "end",
        () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** Opens an HTTP/2 session to 127.0.0.1:port, presenting `client` when given. */
export function connectHttp2(
  port: number,
  caPem: string,
  client?: KeyPairPem,
): Promise<http2.ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`https://localhost:${port}`, {
      host: "127.0.0.1",
      ca: caPem,
      cert: client?.certPem,
      key: client?.keyPem,
    });
    session.once("connect", () => {
      session.off("error", reject);
      session.on("error", () => {});
      resolve(session);
    });
    session.once("error", reject);
  });
}

/** Sends one request on an HTTP/2 session and reads the whole response. */
export function http2Request(
  session: http2.ClientHttp2Session,
  options: { method?: string; path?: string; body?: string; onData?: (chunk: string) => void } = {},
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": options.method ?? "GET",
      ":path": options.path ?? "/",
    });
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    let body = "";
    stream.setEncoding("utf8");
    stream.on("response", (h) => {
      status = Number(h[":status"]);
      headers = h;
    });
    stream.on("data", (chunk: string) => {
      body += chunk;
      options.onData?.(chunk);
    });
    stream.on("end", () => resolve({ status, headers, body }));
    stream.on("error", reject);
    stream.end(options.body);
  });
}

/** Closes an HTTP/2 session the polite way (the client sends GOAWAY) and waits until it is gone. */
export function closeHttp2(session: http2.ClientHttp2Session): Promise<void> {
  // Bun's server may close it first, and then the close() callback never runs: wait for "close".
  if (session.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    session.once("close", () => resolve());
    session.close();
  });
}
