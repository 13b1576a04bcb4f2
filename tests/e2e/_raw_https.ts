// A raw HTTP/1.1 client over TLS with a client certificate: sends the request line, headers and body
// exactly as given (no URL normalisation, no header checks), so tests can send what fetch() cannot.
import tls from "node:tls";
import type { Kubeconfig } from "./fkas_process.ts";

/** TLS material and address of one fake cluster, from its admin kubeconfig. */
export interface RawTarget {
  readonly host: string;
  readonly port: number;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** What came back: the status code (0 when none arrived), the head and as much body as was read. */
export interface RawAnswer {
  readonly status: number;
  readonly head: string;
  readonly body: string;
  /** True when the answer was cut short by the client's time limit (e.g. a watch). */
  readonly timedOut: boolean;
}

/** The raw target of a cluster's admin kubeconfig. */
export function rawTargetOf(config: Kubeconfig): RawTarget {
  const server = new URL(config.clusters[0].cluster.server);
  return {
    host: server.hostname,
    port: Number(server.port),
    ca: atob(config.clusters[0].cluster["certificate-authority-data"]),
    cert: atob(config.users[0].user["client-certificate-data"]),
    key: atob(config.users[0].user["client-key-data"]),
  };
}

/** One request: `target` is written as is into the request line; the connection closes after it. */
export function rawRequest(
  server: RawTarget,
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: Uint8Array; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const { headers = {}, body = new Uint8Array(), timeoutMs = 5_000 } = options;
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${server.host}:${server.port}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (!("content-length" in lowerKeys(headers))) lines.push(`Content-Length: ${body.length}`);
  lines.push("Connection: close", "", "");
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let settled = false;
    const socket = tls.connect({
      host: server.host,
      port: server.port,
      ca: server.ca,
      cert: server.cert,
      key: server.key,
      servername: "localhost",
      checkServerIdentity: () => undefined,
    });
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(concat(chunks), timedOut));
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on("secureConnect", () => {
      socket.write(lines.join("\r\n"));
      if (body.length > 0) socket.write(body);
    });
    socket.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    socket.on("end", () => finish(false));
    socket.on("close", () => finish(false));
    socket.on("error", (error) => {
      if (chunks.length > 0) return finish(false);
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
  });
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function parseAnswer(bytes: Uint8Array, timedOut: boolean): RawAnswer {
  const end = indexOf(bytes, CRLF_CRLF, 0);
  const head = decoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const raw = end < 0 ? new Uint8Array() : bytes.subarray(end + 4);
  const chunked = /^transfer-encoding:\s*chunked/im.test(head);
  return { status, head, body: decoder.decode(chunked ? dechunk(raw) : raw), timedOut };
}

const decoder = new TextDecoder();
const CRLF = [13, 10];
const CRLF_CRLF = [13, 10, 13, 10];

function indexOf(bytes: Uint8Array, needle: number[], from: number): number {
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// Joins the chunks of a chunked body (sizes in hex, each line ended by CRLF); stops at a torn end.
function dechunk(raw: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let at = 0;
  while (at < raw.length) {
    const lineEnd = indexOf(raw, CRLF, at);
    if (lineEnd < 0) break;
    const size = parseInt(decoder.decode(raw.subarray(at, lineEnd)), 16);
    if (!(size > 0)) break;
    chunks.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return concat(chunks);
}
