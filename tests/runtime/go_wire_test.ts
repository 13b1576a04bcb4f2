import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import tls from "node:tls";
import { startTlsEndpoint, type TlsEndpoint } from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";

const pki = await createTestPki();
const DATE = /Date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n/;

// Sends raw bytes over TLS (ALPN http/1.1) and reads until the server closes or `wait` passes.
function exchange(port: number, request: string, wait = 400): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      rejectUnauthorized: false,
      ALPNProtocols: ["http/1.1"],
    }, () => socket.write(request));
    const timer = setTimeout(() => socket.destroy(), wait);
    socket.setEncoding("latin1");
    socket.on("data", (text: string) => answer += text);
    socket.on("error", reject);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

/** The answer with its Date value masked. */
const masked = (answer: string) => answer.replace(DATE, "Date: *\r\n");

describe("HTTP/1.1 answers of a TLS endpoint, byte for byte as Go's net/http", () => {
  let endpoint: TlsEndpoint;
  before(async () => {
    endpoint = await startTlsEndpoint({
      host: "127.0.0.1",
      port: 0,
      certPem: pki.server.certPem,
      keyPem: pki.server.keyPem,
      clientCaPem: pki.ca.certPem,
      fetch: (_request, _peer, target, headers) => {
        headers.setHeader("audit-id", "a1");
        headers.setHeader("x-kubernetes-pf-flowschema-uid", "f1");
        if (target === "/again") headers.setHeader("Audit-ID", "a2");
        if (target === "/bad") headers.setHeader("audit-id", "a3\r\nX-Injected: 1");
        const json = { "cache-control": "no-cache, private", "content-type": "application/json" };
        if (target === "/big") return new Response("x".repeat(3000), { headers: json });
        if (target === "/large") return new Response("{}", { status: 413, headers: json });
        return new Response('{"kind":"Status"}\n', { status: 404, headers: json });
      },
      onError: () => {},
    });
  });
  after(() => endpoint.close());

  it("a short body: canonical names sorted, Date, Content-Length, no Connection or Keep-Alive", async () => {
    const answer = await exchange(endpoint.port, "GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
    assert.equal(
      masked(answer),
      "HTTP/1.1 404 Not Found\r\nAudit-Id: a1\r\nCache-Control: no-cache, private\r\n" +
        "Content-Type: application/json\r\nX-Kubernetes-Pf-Flowschema-Uid: f1\r\nDate: *\r\n" +
        'Content-Length: 18\r\n\r\n{"kind":"Status"}\n',
    );
  });

  it("a body over 2 KiB leaves chunked, in one chunk", async () => {
    const answer = await exchange(endpoint.port, "GET /big HTTP/1.1\r\nHost: h\r\n\r\n");
    assert.equal(
      masked(answer),
      "HTTP/1.1 200 OK\r\nAudit-Id: a1\r\nCache-Control: no-cache, private\r\n" +
        "Content-Type: application/json\r\nX-Kubernetes-Pf-Flowschema-Uid: f1\r\nDate: *\r\n" +
        `Transfer-Encoding: chunked\r\n\r\nbb8\r\n${"x".repeat(3000)}\r\n0\r\n\r\n`,
    );
  });

  it("Connection: close is answered after the length, and the connection ends", async () => {
    const answer = await exchange(
      endpoint.port,
      "GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
      5000,
    );
    assert.match(answer, /Date: [^\r]+\r\nContent-Length: 18\r\nConnection: close\r\n\r\n/);
  });

  it("keeps the connection for the next request", async () => {
    const request = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";
    const answer = await exchange(endpoint.port, request + request);
    assert.equal(answer.match(/HTTP\/1\.1 404 Not Found/g)?.length, 2);
  });

  it("a header the handler sets again keeps its last value; one that cannot be sent fails the request", async () => {
    const again = await exchange(endpoint.port, "GET /again HTTP/1.1\r\nHost: h\r\n\r\n");
    assert.match(again, /^HTTP\/1\.1 404 Not Found\r\nAudit-Id: a2\r\nCache-Control: /);
    assert.equal(again.match(/Audit-Id/g)?.length, 1);
    const bad = await exchange(endpoint.port, "GET /bad HTTP/1.1\r\nHost: h\r\n\r\n");
    assert.match(bad, /^HTTP\/1\.1 500 Internal Server Error\r\nAudit-Id: a1\r\n/);
    assert.doesNotMatch(bad, /X-Injected|a3/);
  });

  it("HEAD tells a short body's length; 413 is worded as Go words it", async () => {
    const head = await exchange(endpoint.port, "HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n");
    assert.match(head, /Date: [^\r]+\r\nContent-Length: 18\r\n\r\n$/);
    const large = await exchange(endpoint.port, "GET /large HTTP/1.1\r\nHost: h\r\n\r\n");
    assert.match(large, /^HTTP\/1\.1 413 Request Entity Too Large\r\n/);
  });
});
