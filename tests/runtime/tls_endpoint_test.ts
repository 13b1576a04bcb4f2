import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import tls from "node:tls";
import { type Peer, startTlsEndpoint, type TlsEndpoint } from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";
import { closeHttp2, connectHttp2, http2Request, https1Request } from "./_clients.ts";

const pki = await createTestPki();

function startEcho(
  fetch?: (request: Request, peer: Peer, target: string) => Response | Promise<Response>,
) {
  return startTlsEndpoint({
    host: "127.0.0.1",
    port: 0,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    clientCaPem: pki.ca.certPem,
    fetch: fetch ?? (async (request, peer, target) =>
      Response.json({
        method: request.method,
        url: request.url,
        target,
        body: await request.text(),
        peer,
      })),
    onError: () => {},
  });
}

describe("startTlsEndpoint over HTTP/1.1", () => {
  let endpoint: TlsEndpoint;
  before(async () => endpoint = await startEcho());
  after(() => endpoint.close());

  it("reports a verified client certificate's CN and O values", async () => {
    const response = await https1Request(endpoint.port, pki.ca.certPem, pki.client, {
      path: "/api?x=1",
    });
    assert.equal(response.status, 200);
    const seen = JSON.parse(response.body);
    assert.equal(seen.url, `https://127.0.0.1:${endpoint.port}/api?x=1`);
    // The certificate's SHA-256, kube-apiserver's X509SHA256 credential ID.
    const body = pki.client.certPem.replace(/-----[^-]+-----|\s+/g, "");
    const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
    const sha256 = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
    assert.deepEqual(seen.peer, {
      authorized: true,
      commonName: "kubernetes-admin",
      organizations: ["system:masters", "kubeadm:cluster-admins"],
      certificateSha256: sha256,
      alpn: "http/1.1",
      remoteAddress: "127.0.0.1",
    });
  });

  it("serves a client without a certificate as unauthorized", async () => {
    const response = await https1Request(endpoint.port, pki.ca.certPem);
    assert.equal(response.status, 200);
    const { peer } = JSON.parse(response.body);
    assert.equal(peer.authorized, false);
    assert.deepEqual(peer.organizations, []);
    assert.equal(peer.commonName, undefined);
  });

  it("serves a certificate from a different CA as unauthorized", async () => {
    const response = await https1Request(endpoint.port, pki.ca.certPem, pki.strangerClient);
    const { peer } = JSON.parse(response.body);
    assert.equal(peer.authorized, false);
  });

  it("hands the handler the request-target as sent, which the URL resolves", async () => {
    const path = "/api/v1/namespaces/../configmaps/%2e%2e?x=1";
    const response = await https1Request(endpoint.port, pki.ca.certPem, pki.client, { path });
    const seen = JSON.parse(response.body);
    assert.equal(seen.target, path);
    assert.equal(seen.url, `https://127.0.0.1:${endpoint.port}/api/v1/?x=1`);
  });

  it("passes request bodies to the handler", async () => {
    const response = await https1Request(endpoint.port, pki.ca.certPem, pki.client, {
      method: "POST",
      body: "x".repeat(100_000),
    });
    assert.equal(JSON.parse(response.body).body.length, 100_000);
  });
});

describe("startTlsEndpoint over HTTP/2", () => {
  let release = () => {};
  const released = new Promise<void>((resolve) => release = resolve);
  let endpoint: TlsEndpoint;
  before(async () =>
    endpoint = await startEcho(async (request, peer, target) => {
      if (new URL(request.url).pathname !== "/stream") {
        return Response.json({ method: request.method, target, body: await request.text(), peer });
      }
      const encoder = new TextEncoder();
      return new Response(
        new ReadableStream({
          async start(controller) {
            controller.enqueue(encoder.encode("first;"));
            await released; // the client has to see the first chunk before the rest exists
            controller.enqueue(encoder.encode("second"));
            controller.close();
          },
        }),
      );
    })
  );
  after(() => endpoint.close());

  it("serves GET and POST with a body, with the client's identity", async () => {
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    const get = JSON.parse((await http2Request(session)).body);
    assert.equal(get.method, "GET");
    assert.equal(get.peer.authorized, true);
    assert.equal(get.peer.alpn, "h2");
    assert.equal(get.peer.commonName, "kubernetes-admin");
    const post = await http2Request(session, { method: "POST", body: "hello" });
    assert.equal(post.status, 200);
    assert.equal(JSON.parse(post.body).body, "hello");
    await closeHttp2(session);
  });

  it("hands the handler the :path as sent", async () => {
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    const path = "/api/v1/namespaces/../configmaps";
    assert.equal(JSON.parse((await http2Request(session, { path })).body).target, path);
    await closeHttp2(session);
  });

  it("streams response bodies", async () => {
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    const response = await http2Request(session, {
      path: "/stream",
      onData: (chunk) => chunk.includes("first") && release(),
    });
    assert.equal(response.body, "first;second");
    await closeHttp2(session);
  });
});

describe("startTlsEndpoint errors and lifecycle", () => {
  it("answers 500 when the handler throws or rejects", async () => {
    const endpoint = await startEcho((request) => {
      if (request.url.endsWith("/sync")) throw new Error("boom");
      return Promise.reject(new Error("boom"));
    });
    assert.equal(
      (await https1Request(endpoint.port, pki.ca.certPem, pki.client, { path: "/sync" })).status,
      500,
    );
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal((await http2Request(session)).status, 500);
    await closeHttp2(session);
    await endpoint.close();
  });

  it("survives garbage, plain-text HTTP and resets", async () => {
    const endpoint = await startEcho();
    for (
      const bytes of ["GET / HTTP/1.1\r\n\r\n", "\x16\x03\x01\x00\x05hello", "\x00".repeat(1000)]
    ) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(endpoint.port, "127.0.0.1", () => socket.end(bytes));
        socket.on("error", () => resolve());
        socket.on("close", () => resolve());
        socket.resume();
      });
    }
    const response = await https1Request(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal(response.status, 200);
    await endpoint.close();
  });

  it("rejects binding a used port with the original code", async () => {
    const endpoint = await startEcho();
    await assert.rejects(
      startTlsEndpoint({
        host: "127.0.0.1",
        port: endpoint.port,
        certPem: pki.server.certPem,
        keyPem: pki.server.keyPem,
        clientCaPem: pki.ca.certPem,
        fetch: () => new Response(),
      }),
      (error: Error & { code?: string }) => {
        assert.match(
          error.message,
          new RegExp(`^Cannot listen on 127\\.0\\.0\\.1:${endpoint.port}: `),
        );
        assert.equal(error.code, "EADDRINUSE");
        assert.ok(error.cause);
        return true;
      },
    );
    await endpoint.close();
  });

  it("keeps HTTP/1.1 connections alive, and close() ends them and HTTP/2 sessions, idempotently", async () => {
    const endpoint = await startEcho(() => new Response("hi"));
    const socket = tls.connect({
      host: "127.0.0.1",
      port: endpoint.port,
      servername: "localhost",
      ca: pki.ca.certPem,
    });
    socket.on("error", () => {});
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => received += chunk);
    const socketClosed = new Promise((resolve) => socket.on("close", resolve));
    // Wait for each answer, not a fixed time: on a loaded machine the handshake can take longer.
    const answers = () => received.split("HTTP/1.1 200 OK").length - 1;
    for (const [n, path] of ["/a", "/b"].entries()) {
      socket.write(`GET ${path} HTTP/1.1\r\nhost: localhost\r\n\r\n`);
      const deadline = Date.now() + 5_000;
      while (answers() <= n && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    assert.equal(answers(), 2);
    assert.equal(socket.destroyed, false);
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    await http2Request(session);
    const sessionClosed = new Promise((resolve) => session.on("close", resolve));
    const first = endpoint.close();
    assert.equal(endpoint.close(), first);
    await first;
    await socketClosed;
    await sessionClosed;
    await assert.rejects(https1Request(endpoint.port, pki.ca.certPem));
  });

  it("close() does not wait for connections stuck before the TLS handshake", async () => {
    const endpoint = await startEcho();
    const socket = net.connect(endpoint.port, "127.0.0.1");
    socket.on("error", () => {});
    await new Promise((resolve) => socket.on("connect", resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await endpoint.close();
    socket.destroy();
  });
});
