// The baseline: a bare node:tls + node:http/node:http2 hello-world with fkas's mTLS setup, on this runtime.
// Usage: baseline_server.ts CERT_DIR  (reads ca.crt, server.crt, server.key; prints {"port":N,...})
import { readFileSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import { join } from "node:path";
import process from "node:process";
import tls from "node:tls";
import { runtimeVersion } from "./_runtimes.ts";

const dir = process.argv.at(-1)!;
const read = (name: string) => readFileSync(join(dir, name), "utf8");
const BODY = JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Success", code: 200 });
const connectionKey = Symbol("connection");
/** What the server knows about one TLS connection. */
interface ConnectionInfo {
  authorized: boolean;
  session?: http2.Http2Session;
}
type Tagged = { [connectionKey]?: ConnectionInfo };
const infoOf = (holder: unknown) => (holder as Tagged | undefined)?.[connectionKey];

type Incoming = http.IncomingMessage | http2.Http2ServerRequest;
type Outgoing = http.ServerResponse | http2.Http2ServerResponse;

/** Drains the request body, then answers the fixed JSON (or 401 without a verified client cert). */
function answer(authorized: boolean | undefined, request: Incoming, response: Outgoing): void {
  request.resume();
  request.on("end", () => {
    const status = authorized ? 200 : 401;
    // The two response types' writeHead overloads do not unify; the plain (status, headers) form fits both.
    (response as http.ServerResponse).writeHead(status, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(BODY)),
    });
    response.end(BODY);
  });
}

const http1 = http.createServer((request, response) =>
  answer(infoOf(request.socket)?.authorized, request, response)
);
// As in fkas: Deno's HTTP/1.1 server closes keep-alive connections when it is not `listening`.
Object.defineProperty(http1, "listening", { get: () => true });
const h2 = http2.createServer();
h2.on(
  "request",
  (request: http2.Http2ServerRequest, response: http2.Http2ServerResponse) =>
    answer(infoOf(request.stream.session)?.authorized, request, response),
);
h2.on("session", (session: http2.Http2Session) => {
  session.on("error", () => {});
  const info = infoOf(session.socket); // read through the session's socket proxy
  if (info) info.session = session;
  (session as Tagged)[connectionKey] = info;
});

const server = tls.createServer({
  cert: read("server.crt"),
  key: read("server.key"),
  ca: read("ca.crt"),
  ALPNProtocols: ["h2", "http/1.1"],
  requestCert: true,
  rejectUnauthorized: false, // as fkas: the HTTP layer answers 401 to clients without a cert
});
server.on("secureConnection", (socket: tls.TLSSocket) => {
  socket.on("error", () => {});
  socket.setNoDelay(true);
  socket.getPeerCertificate(); // fkas reads the client identity once per connection
  const info: ConnectionInfo = { authorized: socket.authorized === true };
  (socket as Tagged)[connectionKey] = info;
  // A session outliving its socket trips Deno's nghttp2 binding (runtime-notes); end it with the socket.
  socket.on("close", () => info.session?.destroy());
  (socket.alpnProtocol === "h2" ? h2 : http1).emit("connection", socket);
});
server.on("tlsClientError", (_error: Error, socket: tls.TLSSocket) => socket.destroy());
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  console.log(JSON.stringify({ port, runtime: runtimeVersion() }));
});
process.on("SIGTERM", () => process.exit(0));
