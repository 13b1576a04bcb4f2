import { describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { startHttpEndpoint } from "../../src/runtime/mod.ts";

describe("startHttpEndpoint", () => {
  it("serves web requests on an ephemeral port and reports it", async () => {
    const endpoint = await startHttpEndpoint({
      host: "127.0.0.1",
      port: 0,
      fetch: async (request) =>
        Response.json({ method: request.method, body: await request.text() }),
    });
    assert.ok(endpoint.port > 0);
    const response = await fetch(`http://127.0.0.1:${endpoint.port}/register`, {
      method: "POST",
      body: "{}",
    });
    assert.deepEqual(await response.json(), { method: "POST", body: "{}" });
    await endpoint.close();
  });

  it("rejects binding a used port with the original code", async () => {
    const endpoint = await startHttpEndpoint({
      host: "127.0.0.1",
      port: 0,
      fetch: () => new Response(),
    });
    await assert.rejects(
      startHttpEndpoint({ host: "127.0.0.1", port: endpoint.port, fetch: () => new Response() }),
      (error: Error & { code?: string }) => {
        assert.equal(
          error.message.startsWith(`Cannot listen on 127.0.0.1:${endpoint.port}: `),
          true,
        );
        assert.equal(error.code, "EADDRINUSE");
        return true;
      },
    );
    await endpoint.close();
  });

  it("close() ends keep-alive connections and is idempotent", async () => {
    const endpoint = await startHttpEndpoint({
      host: "127.0.0.1",
      port: 0,
      fetch: () => new Response("hi"),
    });
    const socket = net.connect(endpoint.port, "127.0.0.1");
    socket.on("error", () => {});
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => received += chunk);
    const closed = new Promise((resolve) => socket.on("close", resolve));
    socket.write("GET / HTTP/1.1\r\nhost: localhost\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(received, /^HTTP\/1\.1 200 /);
    assert.equal(socket.destroyed, false);
    const first = endpoint.close();
    assert.equal(endpoint.close(), first);
    await first;
    await closed;
  });
});

describe("startHttpEndpoint with timeouts", () => {
  const HEADER_MS = 300;
  const IDLE_MS = 500;
  const start = (fetch: (request: Request) => Response | Promise<Response>) =>
    startHttpEndpoint({
      host: "127.0.0.1",
      port: 0,
      fetch,
      timeouts: { headerTimeoutMs: HEADER_MS, idleTimeoutMs: IDLE_MS },
    });
  const closedWithin = (socket: net.Socket, ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      socket.on("close", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  const connect = (port: number) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.on("data", () => {});
    return socket;
  };

  it("closes a connection that sends nothing, or half a request, after the header timeout", async () => {
    const endpoint = await start(() => new Response("hi"));
    const silent = connect(endpoint.port);
    const half = connect(endpoint.port);
    half.write("GET / HTTP/1.1\r\nhost: x\r\n");
    const [silentClosed, halfClosed] = await Promise.all([
      closedWithin(silent, HEADER_MS + 1_000),
      closedWithin(half, HEADER_MS + 1_000),
    ]);
    assert.equal(silentClosed, true, "a silent connection stays open");
    assert.equal(halfClosed, true, "a half-sent request stays open");
    await endpoint.close();
  });

  it("closes an idle keep-alive connection but never one with a request in flight", async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => release = resolve);
    const endpoint = await start(async (request) => {
      if (new URL(request.url).pathname === "/slow") await slow;
      return new Response("hi");
    });
    const idle = connect(endpoint.port);
    idle.write("GET / HTTP/1.1\r\nhost: x\r\n\r\n");
    const busy = connect(endpoint.port);
    busy.write("GET /slow HTTP/1.1\r\nhost: x\r\n\r\n");
    const busyClosed = closedWithin(busy, IDLE_MS * 3);
    const started = performance.now();
    assert.equal(await closedWithin(idle, IDLE_MS + 1_000), true, "an idle connection stays open");
    const idleMs = performance.now() - started;
    assert.ok(idleMs >= IDLE_MS * 0.8, `closed after ${idleMs} ms, before the idle timeout`);
    assert.equal(await busyClosed, false, "a request in flight was cut off");
    release();
    busy.destroy();
    await endpoint.close();
  });
});
