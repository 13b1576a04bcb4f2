import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import tls from "node:tls";
import { startTlsEndpoint, type TlsEndpoint } from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";

const pki = await createTestPki();
const encoder = new TextEncoder();
const EVENTS = 6;

/** A streamed body that yields one short line every 30 ms, as a watch with a slow trickle of changes. */
function trickle(): Response {
  let n = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      if (n === EVENTS) return controller.close();
      controller.enqueue(encoder.encode(`event-${n++}\n`));
    },
  }, { highWaterMark: 0 });
  return new Response(body, { headers: { "content-type": "application/json" } });
}

describe("HTTP/1.1 streamed bodies over TLS", () => {
  let endpoint: TlsEndpoint;
  before(async () => {
    endpoint = await startTlsEndpoint({
      host: "127.0.0.1",
      port: 0,
      certPem: pki.server.certPem,
      keyPem: pki.server.keyPem,
      clientCaPem: pki.ca.certPem,
      fetch: () => trickle(),
      onError: () => {},
    });
  });
  after(() => endpoint.close());

  it("sends each chunk with its chunked framing in one TLS record", async () => {
    // A relay between client and server counts the TLS records the server sends once the
    // request went out (record headers: type, version, 2-byte length; type 23: application data).
    let requestSent = false;
    let records = 0;
    const relay = net.createServer((inbound) => {
      const outbound = net.connect(endpoint.port, "127.0.0.1");
      let pending = new Uint8Array(0);
      outbound.on("data", (data: Uint8Array) => {
        inbound.write(data);
        const all = new Uint8Array(pending.length + data.length);
        all.set(pending);
        all.set(data, pending.length);
        let at = 0;
        while (all.length - at >= 5) {
          const length = (all[at + 3] << 8) | all[at + 4];
          if (all.length - at < 5 + length) break;
          if (requestSent && all[at] === 23) records++;
          at += 5 + length;
        }
        pending = all.slice(at);
      });
      inbound.on("data", (data: Uint8Array) => outbound.write(data));
      inbound.on("close", () => outbound.destroy());
      outbound.on("close", () => inbound.destroy());
      inbound.on("error", () => {});
      outbound.on("error", () => {});
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    const port = (relay.address() as net.AddressInfo).port;
    let body = "";
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = tls.connect({
          host: "127.0.0.1",
          port,
          ca: pki.ca.certPem,
          cert: pki.client.certPem,
          key: pki.client.keyPem,
          servername: "localhost",
          ALPNProtocols: ["http/1.1"],
        }, () => {
          // Let session tickets and other post-handshake records pass before counting.
          setTimeout(() => {
            requestSent = true;
            socket.write("GET /watch HTTP/1.1\r\nHost: localhost\r\n\r\n");
          }, 50);
        });
        socket.on("data", (data: Uint8Array) => {
          body += new TextDecoder().decode(data);
          if (body.endsWith("0\r\n\r\n")) {
            socket.destroy();
            resolve();
          }
        });
        socket.on("error", reject);
      });
    } finally {
      relay.close();
    }
    for (let n = 0; n < EVENTS; n++) assert.ok(body.includes(`8\r\nevent-${n}\n\r\n`));
    // The head, one record per event (two or more when the framing is written apart), the end.
    assert.ok(records <= EVENTS + 3, `${records} records for ${EVENTS} events`);
  });
});
