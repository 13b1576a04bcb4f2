// Request bodies still arriving and answers clients leave unread are bounded per endpoint and in
// total: past the bound the endpoint's requests get kube-apiserver's in-flight 429 until its
// clients send, read or go away, and an endpoint holding nothing is served whatever others hold.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import http2 from "node:http2";
import tls from "node:tls";
import { BufferBudget, runtimeName, startTlsEndpoint } from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";
import { https1Request } from "./_clients.ts";

const pki = await createTestPki();
// Far more than loopback's socket buffers take (a few MB), so most of it waits for a reader.
const BIG = "x".repeat(40 << 20);

function startEndpoint(buffers: BufferBudget) {
  return startTlsEndpoint({
    host: "127.0.0.1",
    port: 0,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    clientCaPem: pki.ca.certPem,
    buffers,
    // As the kube app does, a write reads its whole body before it answers.
    fetch: async (request) => {
      if (request.method === "POST") await request.arrayBuffer();
      return new Response(new URL(request.url).pathname === "/big" ? BIG : "ok");
    },
  });
}

/** An admin's HTTP/1.1 connection, written to by hand. */
async function http1Connection(port: number): Promise<tls.TLSSocket> {
  const socket = tls.connect({
    host: "127.0.0.1",
    port,
    servername: "localhost",
    ca: pki.ca.certPem,
    cert: pki.client.certPem,
    key: pki.client.keyPem,
    ALPNProtocols: ["http/1.1"],
  });
  socket.on("error", () => {});
  await new Promise((resolve) => socket.once("secureConnect", resolve));
  return socket;
}

/** Asks for the big answer over HTTP/1.1 and reads only its first bytes, then nothing. */
async function unreadBigAnswer(port: number): Promise<tls.TLSSocket> {
  const socket = await http1Connection(port);
  const head = new Promise<string>((resolve) =>
    socket.once("data", (chunk: Buffer) => {
      socket.pause();
      resolve(chunk.toString("latin1").split("\r\n")[0]);
    })
  );
  socket.write("GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n");
  assert.equal(await head, "HTTP/1.1 200 OK");
  return socket;
}

/** Starts a POST over HTTP/1.1 declaring `length` bytes and sends all but the last. */
async function stalledBody(port: number, length: number): Promise<tls.TLSSocket> {
  const socket = await http1Connection(port);
  socket.write(`POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${length}\r\n\r\n`);
  socket.write("x".repeat(length - 1));
  return socket;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
// Deno's node:http hands a whole answer to its own socket buffers at once and reports it sent
// ("close", nothing writable left) while the client reads nothing: the bytes wait there, out of
// fkas's sight, so the budget bounds Bun's answers only (README "Limits").
const heldUnseen = runtimeName() === "deno" &&
  "Deno reports an unread answer sent at once: the budget cannot see it";

describe("buffer budget", () => {
  it("refuses an endpoint's requests while its unread answers hold the bound, until they go", {
    skip: heldUnseen,
  }, async () => {
    const budget = new BufferBudget({
      perEndpoint: 60 << 20,
      total: 1 << 30,
      largestBody: 3 << 20,
    });
    const endpoint = await startEndpoint(budget);
    const held = [await unreadBigAnswer(endpoint.port)];
    // 40 MiB held: under the bound, still served.
    assert.equal((await https1Request(endpoint.port, pki.ca.certPem, pki.client)).body, "ok");
    held.push(await unreadBigAnswer(endpoint.port));
    const refused = await https1Request(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers["retry-after"], "1");
    assert.equal(refused.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(refused.body, "Too many requests, please try again later.\n");
    for (const socket of held) socket.destroy();
    await settle();
    assert.equal(budget.held, 0);
    assert.equal((await https1Request(endpoint.port, pki.ca.certPem, pki.client)).body, "ok");
    await endpoint.close();
  });

  it("past the total, refuses endpoints holding answers and serves those holding none", {
    skip: heldUnseen,
  }, async () => {
    const budget = new BufferBudget({
      perEndpoint: 1 << 30,
      total: 60 << 20,
      largestBody: 3 << 20,
    });
    const busy = await startEndpoint(budget);
    const idle = await startEndpoint(budget);
    const held = [await unreadBigAnswer(busy.port), await unreadBigAnswer(busy.port)];
    assert.equal((await https1Request(busy.port, pki.ca.certPem, pki.client)).status, 429);
    assert.equal((await https1Request(idle.port, pki.ca.certPem, pki.client)).body, "ok");
    for (const socket of held) socket.destroy();
    await settle();
    assert.equal((await https1Request(busy.port, pki.ca.certPem, pki.client)).body, "ok");
    await Promise.all([busy.close(), idle.close()]);
  });

  it("counts nothing once an answer is read", async () => {
    const budget = new BufferBudget({ perEndpoint: 1, total: 1, largestBody: 3 << 20 });
    const endpoint = await startEndpoint(budget);
    for (let i = 0; i < 2; i++) {
      const read = await https1Request(endpoint.port, pki.ca.certPem, pki.client, { path: "/big" });
      assert.equal(read.body.length, BIG.length);
      await settle();
    }
    assert.equal(budget.held, 0);
    await endpoint.close();
  });

  it("refuses only endpoints holding answers: past their own bound, or once the total is reached", () => {
    const budget = new BufferBudget({ perEndpoint: 10, total: 15, largestBody: 4 });
    const a = {}, b = {}, c = {};
    assert.equal(budget.refuses(a), false);
    const first = budget.hold(a, 9);
    assert.equal(budget.refuses(a), false);
    const second = budget.hold(a, 1);
    assert.equal(budget.refuses(a), true, "at its own bound");
    budget.hold(b, 5);
    assert.equal(budget.refuses(b), true, "the total reached, and b holds some");
    assert.equal(budget.refuses(c), false, "c holds nothing: always served");
    second();
    second();
    assert.equal(budget.held, 14, "given back once, however often called");
    assert.equal(budget.refuses(a), false);
    first();
    assert.equal(budget.held, 5);
  });

  it("counts a body while it arrives: declared lengths up to the largest body, unknown ones as it", async () => {
    const budget = new BufferBudget({ perEndpoint: 5 << 20, total: 1 << 30, largestBody: 3 << 20 });
    const endpoint = await startEndpoint(budget);
    const first = await stalledBody(endpoint.port, 2 << 20);
    await settle();
    assert.equal(budget.held, 2 << 20);
    assert.equal((await https1Request(endpoint.port, pki.ca.certPem, pki.client)).body, "ok");
    // An HTTP/2 body of unknown length counts as the largest: 5 MiB held, the bound.
    const session = http2.connect(`https://127.0.0.1:${endpoint.port}`, {
      ca: pki.ca.certPem,
      cert: pki.client.certPem,
      key: pki.client.keyPem,
      servername: "localhost",
    });
    session.on("error", () => {});
    const open = session.request({ ":method": "POST", ":path": "/" });
    open.on("error", () => {});
    open.write("partial");
    await settle();
    assert.equal(budget.held, 5 << 20);
    const refused = await https1Request(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal(refused.status, 429);
    assert.equal(refused.body, "Too many requests, please try again later.\n");
    first.destroy();
    session.destroy();
    await settle();
    assert.equal(budget.held, 0);
    assert.equal((await https1Request(endpoint.port, pki.ca.certPem, pki.client)).body, "ok");
    await endpoint.close();
  });

  it("counts a declared length no more than the largest body, and a body-less request not at all", () => {
    const budget = new BufferBudget({ perEndpoint: 1, total: 1, largestBody: 100 });
    assert.equal(budget.bodyBytes("10", true), 10);
    assert.equal(budget.bodyBytes("1000000000000", true), 100);
    assert.equal(budget.bodyBytes("0", true), 0);
    assert.equal(budget.bodyBytes(undefined, true), 100);
    assert.equal(budget.bodyBytes(undefined, false), 0);
  });
});
