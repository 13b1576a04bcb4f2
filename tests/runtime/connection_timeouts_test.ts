// Header and idle timeouts of cluster ports: nothing that never sends a request, or sits idle,
// holds a descriptor forever; requests in flight (watches) and upgraded connections are kept.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import tls from "node:tls";
import { startTlsEndpoint, type TlsEndpoint } from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";
import { connectHttp2, http2Request } from "./_clients.ts";

const pki = await createTestPki();
const HEADER_MS = 300;
const IDLE_MS = 400;
// Long enough that any timeout would have fired by then, several times over.
const WELL_PAST_MS = 1500;

function startEndpoint(): Promise<TlsEndpoint> {
  return startTlsEndpoint({
    host: "127.0.0.1",
    port: 0,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    clientCaPem: pki.ca.certPem,
    limits: { headerTimeoutMs: HEADER_MS, idleTimeoutMs: IDLE_MS },
    fetch: (request) => {
      if (new URL(request.url).pathname !== "/watch") return new Response("ok");
      // A watch with no events: one chunk, then silence until the client goes.
      return new Response(
        new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{}\n")) }),
      );
    },
    onUpgrade: (_request, socket) => {
      socket.write(
        "HTTP/1.1 101 Switching Protocols\r\nupgrade: test\r\nconnection: upgrade\r\n\r\n",
      );
    },
  });
}

/** Resolves with the milliseconds until `socket` closes, or undefined if it is open after `limitMs`. */
function closedWithin(socket: net.Socket, limitMs: number): Promise<number | undefined> {
  const started = performance.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), limitMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
}

function tlsConnect(port: number, alpn: string[] = ["http/1.1"]): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca: pki.ca.certPem,
      ALPNProtocols: alpn,
    }, () => resolve(socket));
    socket.once("error", reject);
    socket.resume();
  });
}

describe("header timeout", () => {
  let endpoint: TlsEndpoint;
  before(async () => endpoint = await startEndpoint());
  after(() => endpoint.close());

  it("closes a TCP connection that never starts its TLS handshake", async () => {
    const socket = net.connect(endpoint.port, "127.0.0.1");
    socket.on("error", () => {});
    const ms = await closedWithin(socket, WELL_PAST_MS);
    assert.ok(ms !== undefined && ms >= HEADER_MS - 50, `closed after ${ms} ms`);
  });

  it("closes a TLS connection whose request headers never end", async () => {
    const socket = await tlsConnect(endpoint.port);
    socket.write("GET /version HTTP/1.1\r\nhost: localhost\r\n");
    assert.notEqual(await closedWithin(socket, WELL_PAST_MS), undefined);
  });

  it("closes an HTTP/2 connection that never sends its preface", async () => {
    const socket = await tlsConnect(endpoint.port, ["h2"]);
    assert.equal(socket.alpnProtocol, "h2");
    assert.notEqual(await closedWithin(socket, WELL_PAST_MS), undefined);
  });
});

describe("idle timeout", () => {
  let endpoint: TlsEndpoint;
  before(async () => endpoint = await startEndpoint());
  after(() => endpoint.close());

  it("closes an HTTP/1.1 keep-alive connection with no request in flight", async () => {
    const socket = await tlsConnect(endpoint.port);
    let received = "";
    socket.on("data", (chunk: Uint8Array) => received += new TextDecoder().decode(chunk));
    socket.write("GET /version HTTP/1.1\r\nhost: localhost\r\n\r\n");
    const ms = await closedWithin(socket, WELL_PAST_MS + IDLE_MS);
    assert.match(received, /^HTTP\/1\.1 200 OK/);
    assert.ok(ms !== undefined && ms >= IDLE_MS - 50, `closed after ${ms} ms`);
  });

  it("keeps an HTTP/1.1 connection open while a watch is in flight", async () => {
    const socket = await tlsConnect(endpoint.port);
    socket.write("GET /watch HTTP/1.1\r\nhost: localhost\r\n\r\n");
    assert.equal(await closedWithin(socket, WELL_PAST_MS), undefined);
    socket.destroy();
  });

  it("never closes an upgraded connection for idleness", async () => {
    const socket = await tlsConnect(endpoint.port);
    socket.write(
      "GET /upgrade HTTP/1.1\r\nhost: localhost\r\nconnection: upgrade\r\nupgrade: test\r\n\r\n",
    );
    assert.equal(await closedWithin(socket, WELL_PAST_MS), undefined);
    socket.destroy();
  });

  it("ends an idle HTTP/2 session with GOAWAY, but not one with an open watch stream", async () => {
    // The watch starts first: on a loaded machine the other session's set-up can outlast the idle
    // timeout, and a session idle that long is told GOAWAY before it asks.
    const watching = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    const watch = watching.request({ ":path": "/watch" });
    watch.on("error", () => {});
    watch.resume();
    const idle = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal((await http2Request(idle, { path: "/version" })).body, "ok");
    const goaway = new Promise<number>((resolve) => idle.once("goaway", resolve));
    const idleClosed = new Promise((resolve) => idle.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, WELL_PAST_MS));
    assert.equal(await goaway, 0); // NO_ERROR, as Go's http2 server says goodbye
    await idleClosed;
    assert.equal(watching.closed || watching.destroyed, false);
    watching.destroy();
  });
});
