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
