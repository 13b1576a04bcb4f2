// Tests the management client's transport against a real local HTTP server.

import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { httpsStream, httpsText } from "../../src/runtime/mod.ts";

describe("httpsStream / httpsText (over plain HTTP)", () => {
  let server: http.Server;
  let base = "";

  before(async () => {
    server = http.createServer((request, response) => {
      if (request.url === "/echo") {
        let body = "";
        request.on("data", (chunk) => body += chunk);
        request.on("end", () => {
          response.writeHead(201, { "Content-Type": "text/plain" });
          response.end(`${request.method} ${request.headers["content-type"]} ${body}`);
        });
        return;
      }
      response.writeHead(200);
      response.write('{"type":"ADDED"}\n');
      setTimeout(() => response.end("<html>proxy error</html>\n"), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends a body with its length and answers the status and text", async () => {
    const answer = await httpsText({
      url: `${base}/echo`,
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: '{"ü":1}',
      idleTimeoutMs: 5_000,
    });
    assert.deepEqual(answer, {
      status: 201,
      text: 'PATCH application/merge-patch+json {"ü":1}',
    });
  });

  it("a consumer that throws on a chunk rejects read() instead of crashing the process", async () => {
    const answer = await httpsStream({ url: `${base}/watch`, method: "GET", idleTimeoutMs: 5_000 });
    const lines: string[] = [];
    await assert.rejects(
      answer.read((chunk) => {
        const text = new TextDecoder().decode(chunk);
        if (text.startsWith("<")) throw new Error("not a watch event");
        lines.push(text);
      }),
      /not a watch event/,
    );
    assert.deepEqual(lines, ['{"type":"ADDED"}\n']);
  });
});
