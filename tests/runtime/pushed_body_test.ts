// A pushed body (a watch) written by fkas's servers straight to the HTTP/1.1 response or HTTP/2
// stream: the head at once, each write as written, the end, and the pusher told when the client goes.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import {
  type BodyPusher,
  type BodySink,
  startTlsEndpoint,
  type TlsEndpoint,
  withPushedBody,
} from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";
import { closeHttp2, connectHttp2, http2Request, https1Request } from "./_clients.ts";

const pki = await createTestPki();
const encoder = new TextEncoder();

/** A pusher that writes `lines` one per turn, then ends; it records whether it was told of a close. */
class LinePusher implements BodyPusher {
  closedByClient = false;
  sink?: BodySink;
  constructor(private readonly lines: string[], private readonly endAfter = true) {}
  start(sink: BodySink): void {
    this.sink = sink;
    let n = 0;
    const next = () => {
      if (n === this.lines.length) return this.endAfter ? sink.end() : undefined;
      sink.write(encoder.encode(this.lines[n++]));
      setTimeout(next, 5);
    };
    next();
  }
  drained(): void {}
  closed(): void {
    this.closedByClient = true;
  }
}

describe("pushed response bodies over TLS", () => {
  let endpoint: TlsEndpoint;
  let pushers: LinePusher[] = [];
  let nextPusher: () => LinePusher = () => new LinePusher(["a\n", "b\n", "c\n"]);
  before(async () => {
    endpoint = await startTlsEndpoint({
      host: "127.0.0.1",
      port: 0,
      certPem: pki.server.certPem,
      keyPem: pki.server.keyPem,
      clientCaPem: pki.ca.certPem,
      fetch: () => {
        const pusher = nextPusher();
        pushers.push(pusher);
        // The web body says something else: the server must write the pushed one.
        const response = new Response("not pushed", {
          headers: { "content-type": "application/json", "cache-control": "no-cache" },
        });
        return withPushedBody(response, pusher);
      },
      onError: () => {},
    });
  });
  after(() => endpoint.close());

  it("HTTP/1.1: the head and the pushed writes, chunked, then the end", async () => {
    const response = await https1Request(endpoint.port, pki.ca.certPem, pki.client);
    assert.equal(response.status, 200);
    assert.equal(response.headers["content-type"], "application/json");
    assert.equal(response.headers["cache-control"], "no-cache");
    assert.equal(response.headers["transfer-encoding"], "chunked");
    assert.equal(response.body, "a\nb\nc\n");
  });

  it("HTTP/2: the head and the pushed writes on each stream, then END_STREAM", async () => {
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    try {
      const responses = await Promise.all([http2Request(session), http2Request(session)]);
      for (const response of responses) {
        assert.equal(response.status, 200);
        assert.equal(response.headers["content-type"], "application/json");
        assert.equal(response.body, "a\nb\nc\n");
      }
    } finally {
      await closeHttp2(session);
    }
  });

  it("a client that goes away is reported to the pusher (HTTP/1.1 and HTTP/2)", async () => {
    pushers = [];
    nextPusher = () => new LinePusher(["first\n"], false);
    // HTTP/1.1: destroy the request once the first write arrived.
    await new Promise<void>((resolve, reject) => {
      const request = https.request({
        host: "127.0.0.1",
        port: endpoint.port,
        servername: "localhost",
        ca: pki.ca.certPem,
        cert: pki.client.certPem,
        key: pki.client.keyPem,
        agent: false,
      }, (response) => {
        response.once("data", () => {
          request.destroy();
          resolve();
        });
      });
      request.on("error", reject);
      request.end();
    });
    // HTTP/2: reset the stream once the first write arrived.
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    await new Promise<void>((resolve) => {
      const stream = session.request({ ":path": "/" });
      stream.on("error", () => {});
      stream.once("data", () => {
        stream.close();
        resolve();
      });
    });
    const deadline = Date.now() + 5_000;
    while (pushers.some((p) => !p.closedByClient) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await closeHttp2(session);
    assert.equal(pushers.length, 2);
    assert.deepEqual(pushers.map((p) => p.closedByClient), [true, true]);
  });
});
