import { describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { startTlsEndpoint } from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";
import { closeHttp2, connectHttp2, http2Request } from "./_clients.ts";

const pki = await createTestPki();

describe("HTTP/2 client GOAWAY", () => {
  // Without the GOAWAY relay Deno's nghttp2 binding aborts the whole process here (segfault or
  // "Assertion `stream->closed_next == NULL' failed"; denoland/deno#36788).
  it("survives 20 sessions of 200 requests each, closed by the client", async () => {
    let served = 0;
    const endpoint = await startTlsEndpoint({
      host: "127.0.0.1",
      port: 0,
      certPem: pki.server.certPem,
      keyPem: pki.server.keyPem,
      clientCaPem: pki.ca.certPem,
      fetch: (request) => {
        served++;
        return new Response(`ok ${new URL(request.url).pathname}`);
      },
    });
    const started = performance.now();
    for (let round = 0; round < 20; round++) {
      const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
      let next = 0;
      const worker = async () => {
        while (next < 200) {
          const path = `/r${round}/${next++}`;
          const response = await http2Request(session, { path });
          assert.equal(response.body, `ok ${path}`);
        }
      };
      await Promise.all(Array.from({ length: 10 }, worker));
      // Like Go clients (kubectl, etcdctl): GOAWAY first, the connection goes a moment later.
      session.goaway(0);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await closeHttp2(session);
    }
    const seconds = (performance.now() - started) / 1000;
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal((await http2Request(session, { path: "/after" })).body, "ok /after");
    await closeHttp2(session);
    await endpoint.close();
    assert.equal(served, 4001);
    if (process.env.FKAS_REPORT_RATE) console.log(`${Math.round(4000 / seconds)} requests/s`);
  });
});
