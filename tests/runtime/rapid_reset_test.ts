// HTTP/2 rapid reset (CVE-2023-44487): reset streams are not executed, and resets are bounded.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ConnectionLimits, startTlsEndpoint } from "../../src/runtime/mod.ts";
import { ResetAllowance } from "../../src/runtime/reset_allowance.ts";
import { createTestPki } from "./_certs.ts";
import { connectHttp2, http2Request } from "./_clients.ts";
import { rapidResetBytes, sendRawHttp2 } from "./_h2_frames.ts";

const pki = await createTestPki();
const ENHANCE_YOUR_CALM = 0xb;

async function countingEndpoint(limits: Partial<ConnectionLimits> = {}) {
  const counter = { executed: 0 };
  const endpoint = await startTlsEndpoint({
    host: "127.0.0.1",
    port: 0,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    clientCaPem: pki.ca.certPem,
    limits,
    fetch: () => {
      counter.executed++;
      return new Response("ok");
    },
  });
  return { endpoint, counter };
}

describe("HTTP/2 rapid reset", () => {
  it("does not run the handler of a stream reset in the same write as its HEADERS", async () => {
    const { endpoint, counter } = await countingEndpoint();
    const outcome = await sendRawHttp2(endpoint.port, pki.ca.certPem, rapidResetBytes(200), 500);
    assert.equal(counter.executed, 0);
    assert.deepEqual(outcome.goawayCodes, []);
    // The same frames without the resets are served: the requests were well formed.
    await sendRawHttp2(endpoint.port, pki.ca.certPem, rapidResetBytes(20, false), 300);
    assert.equal(counter.executed, 20);
    await endpoint.close();
  });

  it("closes a connection past its reset allowance with GOAWAY ENHANCE_YOUR_CALM", async () => {
    const { endpoint, counter } = await countingEndpoint({
      http2ResetBurst: 10,
      http2ResetsPerSecond: 1,
    });
    const outcome = await sendRawHttp2(endpoint.port, pki.ca.certPem, rapidResetBytes(200), 3000);
    assert.deepEqual(outcome.goawayCodes, [ENHANCE_YOUR_CALM]);
    assert.equal(outcome.closed, true);
    assert.equal(counter.executed, 0);
    await endpoint.close();
  });

  it("keeps serving a client that cancels a few streams", async () => {
    const { endpoint } = await countingEndpoint({ http2ResetBurst: 10, http2ResetsPerSecond: 1 });
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    for (let i = 0; i < 5; i++) {
      const stream = session.request({ ":path": "/cancelled" });
      stream.on("error", () => {});
      stream.close(0x8);
    }
    for (let i = 0; i < 20; i++) assert.equal((await http2Request(session)).body, "ok");
    assert.equal(session.closed, false);
    // Not closeHttp2: on Deno a session with cancelled streams never finishes a graceful close
    // (it did not before these limits either); the idle timeout now ends it server-side.
    session.destroy();
    await endpoint.close();
  });
});

describe("ResetAllowance", () => {
  it("allows a burst, then refills at the given rate", () => {
    const allowance = new ResetAllowance({ http2ResetBurst: 3, http2ResetsPerSecond: 2 });
    const at = 1_000_000;
    assert.deepEqual([1, 2, 3, 4].map(() => allowance.take(at)), [true, true, true, false]);
    assert.equal(allowance.take(at + 400), false); // 0.8 of a reset refilled
    assert.equal(allowance.take(at + 600), true); // 1.2
    assert.equal(allowance.take(at + 10_000), true);
    assert.equal(allowance.take(at + 10_000), true);
    assert.equal(allowance.take(at + 10_000), true); // refilled to the burst, never above
    assert.equal(allowance.take(at + 10_000), false);
  });
});
