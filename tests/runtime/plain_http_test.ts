// Plain HTTP on a cluster's TLS port: Go's clear-text 400, byte for byte, and TLS unharmed.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { startTlsEndpoint, type TlsEndpoint } from "../../src/runtime/mod.ts";
import { looksLikePlainHttp } from "../../src/runtime/plain_http.ts";
import { createTestPki } from "./_certs.ts";
import { https1Request } from "./_clients.ts";

const pki = await createTestPki();
// net/http server.go, (*conn).serve, on a tls.RecordHeaderError that looks like HTTP.
const GO_ANSWER =
  "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";

/** Writes `parts` (a pause between each) on a raw TCP connection and reads until it closes. */
async function exchange(port: number, parts: string[]): Promise<string> {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => {});
  let received = "";
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => received += chunk);
  const closed = new Promise((resolve) => socket.on("close", resolve));
  await new Promise((resolve) => socket.once("connect", resolve));
  for (const part of parts) {
    if (socket.destroyed) break;
    socket.write(part);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await closed;
  return received;
}

describe("plain HTTP on a TLS port", () => {
  let endpoint: TlsEndpoint;
  before(async () =>
    endpoint = await startTlsEndpoint({
      host: "127.0.0.1",
      port: 0,
      certPem: pki.server.certPem,
      keyPem: pki.server.keyPem,
      clientCaPem: pki.ca.certPem,
      limits: { headerTimeoutMs: 2000 },
      fetch: () => new Response("ok"),
    })
  );
  after(() => endpoint.close());

  for (
    const request of ["GET /version HTTP/1.1\r\nhost: x\r\n\r\n", "POST /api HTTP/1.1\r\n\r\n"]
  ) {
    it(`answers ${JSON.stringify(request.slice(0, 12))} with Go's clear-text 400, then closes`, async () => {
      assert.equal(await exchange(endpoint.port, [request]), GO_ANSWER);
    });
  }

  it("waits for five bytes before it decides, as Go reads a whole record header", async () => {
    assert.equal(
      await exchange(endpoint.port, ["GE", "T", " /healthz HTTP/1.1\r\n\r\n"]),
      GO_ANSWER,
    );
  });

  it("closes on other non-TLS bytes without a word, as Go's crypto/tls does", async () => {
    assert.equal(await exchange(endpoint.port, ["DELETE / HTTP/1.1\r\n\r\n"]), "");
    assert.equal(await exchange(endpoint.port, ["\x00".repeat(64)]), "");
  });

  it("still serves TLS afterwards", async () => {
    assert.equal((await https1Request(endpoint.port, pki.ca.certPem, pki.client)).body, "ok");
  });
});

describe("looksLikePlainHttp", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it("accepts exactly Go's five request starts", () => {
    for (const start of ["GET /", "HEAD ", "POST ", "PUT /", "OPTIONS * HTTP/1.1"]) {
      assert.equal(looksLikePlainHttp(bytes(start)), true, start);
    }
  });

  it("rejects other methods, TLS records and short input", () => {
    for (const start of ["DELETE /", "PATCH /", "PUT  ", "get /", "GET", "\x16\x03\x01\x02\x00"]) {
      assert.equal(looksLikePlainHttp(bytes(start)), false, start);
    }
  });
});
