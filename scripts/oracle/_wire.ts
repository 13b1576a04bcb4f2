// Raw HTTP/1.1 probes for the oracle: sends bytes as written over TLS (ALPN http/1.1) and keeps
// the answer's head as bytes, so header case, order, framing and the Connection headers that a
// parsing client hides can be compared with kube-apiserver's.
import { Buffer } from "node:buffer";
import tls from "node:tls";
import type { Endpoint } from "./_servers.ts";

/** One raw request: its exact bytes (`\r\n` line ends), sent on a fresh connection. */
export interface WireProbe {
  name: string;
  request: string;
}

/** The request heads of the byte-level comparison. */
export const WIRE_PROBES: WireProbe[] = [
  { name: "small JSON", request: "GET /api HTTP/1.1\r\nHost: h\r\n\r\n" },
  {
    name: "404 Status",
    request: "GET /api/v1/namespaces/none/configmaps/x HTTP/1.1\r\nHost: h\r\n\r\n",
  },
  { name: "large JSON (over 2 KiB)", request: "GET /api/v1 HTTP/1.1\r\nHost: h\r\n\r\n" },
  {
    name: "Connection: close",
    request: "GET /api HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
  },
  { name: "HEAD", request: "HEAD /healthz HTTP/1.1\r\nHost: h\r\n\r\n" },
  { name: "healthz text", request: "GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n" },
  { name: "unknown path", request: "GET /nope HTTP/1.1\r\nHost: h\r\n\r\n" },
  { name: "POST 201", request: post('{"metadata":{"generateName":"wire-"},"data":{"a":"b"}}') },
  {
    name: "WebSocket upgrade of a plain GET",
    request: "GET /api HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
      "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
  },
  {
    name: "SPDY upgrade of a missing pod's portforward",
    request: "POST /api/v1/namespaces/default/pods/none/portforward HTTP/1.1\r\nHost: h\r\n" +
      "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n" +
      "Content-Length: 0\r\n\r\n",
  },
  {
    name: "watch (head only)",
    request: "GET /api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1 HTTP/1.1\r\n" +
      "Host: h\r\n\r\n",
  },
];

function post(body: string): string {
  return "POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: h\r\n" +
    `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

/** An answer's head: status line and header lines as sent, and how its body was framed. */
export interface WireHead {
  statusLine: string;
  headers: [string, string][];
}

/** Sends `request` and resolves with the answer's raw head (read until the blank line, or what came before close). */
export function sendRaw(endpoint: Endpoint, request: string, waitMs = 3000): Promise<WireHead> {
  const url = new URL(endpoint.base);
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = tls.connect({
      host: url.hostname,
      port: Number(url.port),
      ca: endpoint.ca,
      cert: endpoint.cert,
      key: endpoint.key,
      servername: "localhost",
      ALPNProtocols: ["http/1.1"],
    }, () => socket.write(Buffer.from(request, "latin1")));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseHead(text));
    };
    const timer = setTimeout(done, waitMs);
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (text.includes("\r\n\r\n")) done();
    });
    socket.on("end", done);
    socket.on("error", (error) => {
      clearTimeout(timer);
      text ? resolve(parseHead(text)) : reject(error);
    });
  });
}

function parseHead(text: string): WireHead {
  const end = text.indexOf("\r\n\r\n");
  const lines = (end < 0 ? text : text.slice(0, end)).split("\r\n");
  return {
    statusLine: lines[0] ?? "",
    headers: lines.slice(1).filter((l) => l !== "").map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    }),
  };
}

// Values that differ between any two servers: dates, request and APF uids, lengths of bodies
// whose content other probes compare (compare.ts), the WebSocket accept hash.
const VOLATILE = new Set([
  "Date",
  "Audit-Id",
  "X-Kubernetes-Pf-Flowschema-Uid",
  "X-Kubernetes-Pf-Prioritylevel-Uid",
  "Content-Length",
]);

/** The head as compared: volatile values replaced by `*`, everything else byte for byte. */
export function normalizedHead(head: WireHead): string {
  const lines = head.headers.map(([name, value]) => `${name}: ${VOLATILE.has(name) ? "*" : value}`);
  return [head.statusLine, ...lines].join("\n");
}
