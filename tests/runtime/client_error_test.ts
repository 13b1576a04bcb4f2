import { describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { startHttpEndpoint } from "../../src/runtime/mod.ts";

function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.on("data", (chunk) => answer += chunk);
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
    socket.setTimeout(
      5000,
      () => socket.destroy(new Error(`no answer; got ${JSON.stringify(answer)}`)),
    );
  });
}

describe("malformed HTTP/1.1", () => {
  it("gets a 400 response instead of a dropped connection, and the server keeps serving", async () => {
    const endpoint = await startHttpEndpoint({
      host: "127.0.0.1",
      port: 0,
      fetch: () => new Response("ok"),
    });
    try {
      assert.match(await rawExchange(endpoint.port, "GARBAGE\r\n\r\n"), /^HTTP\/1\.1 400 /);
      const huge = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`;
      assert.match(await rawExchange(endpoint.port, huge), /^HTTP\/1\.1 4\d\d /);
      const response = await fetch(`http://127.0.0.1:${endpoint.port}/`);
      assert.equal(await response.text(), "ok");
    } finally {
      await endpoint.close();
    }
  });
});
