import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type ByteStream,
  encodeFrame,
  GoawayStatus,
  type PortForwardRequest,
  RstStatus,
  serveSpdyPortForward,
  SPDY_DICTIONARY,
  type SpdySessionOptions,
} from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";
import { FakeClock } from "./_fake_clock.ts";
import { type MemoryEnd, memoryPipe } from "./_memory_pipe.ts";
import { SpdyTestClient } from "./_spdy_client.ts";
import { eventually } from "./_upgrade_client.ts";

/** Splits everything the client writes into `size`-byte pieces (frames cut at every boundary). */
function rechunk(conn: MemoryEnd, size: number): ByteStream {
  return {
    ...conn,
    write(bytes) {
      for (let at = 0; at < bytes.length; at += size) conn.write(bytes.subarray(at, at + size));
      return true;
    },
  };
}

function start(
  options: Partial<SpdySessionOptions> = {},
  head: Uint8Array = new Uint8Array(),
  chunk = 0,
) {
  const clock = new FakeClock();
  const [clientRaw, serverRaw] = memoryPipe();
  const seen: PortForwardRequest[] = [];
  const errors: unknown[] = [];
  const session = serveSpdyPortForward(serverRaw, head, {
    handler: (request) => {
      seen.push(request);
      request.data.onData((bytes) => request.data.write(bytes));
      request.data.onEnd(() => request.data.end());
    },
    compression: createHeaderCompression(SPDY_DICTIONARY),
    clock,
    onError: (error) => errors.push(error),
    ...options,
  });
  const client = new SpdyTestClient(chunk ? rechunk(clientRaw, chunk) : clientRaw);
  return { clock, clientRaw, serverRaw, session, client, seen, errors };
}

describe("SPDY port-forward session", () => {
  it("accepts frames cut at every byte boundary", async () => {
    const { client, clientRaw } = start({}, new Uint8Array(), 1);
    const [, data] = await client.forward(80, "0");
    data.write("split");
    await eventually(() => data.text() === "split");
    clientRaw.destroy();
  });

  it("reads frames the client sent along with the upgrade request (head)", async () => {
    const ping = encodeFrame({ type: "ping", id: 7 });
    const { client, clientRaw } = start({}, ping);
    await eventually(() => client.messages.some((m) => m.type === "ping" && m.id === 7));
    clientRaw.destroy();
  });

  it("resets streams without a valid streamtype or port with CANCEL, as apimachinery does", async () => {
    const { client, clientRaw, errors } = start();
    const cases: Record<string, string>[] = [
      { port: "80" },
      { streamtype: "bogus", port: "80" },
      { streamtype: "data" },
      { streamtype: "data", port: "0" },
      { streamtype: "data", port: "http" },
    ];
    for (const headers of cases) {
      assert.equal(await client.open(headers).reset, RstStatus.cancel, JSON.stringify(headers));
    }
    assert.equal(errors.length, cases.length);
    clientRaw.destroy();
  });

  it("resets even or reused stream IDs with PROTOCOL_ERROR", async () => {
    const { client, clientRaw } = start();
    await client.open({ streamtype: "error", port: "80" }, 5).replied;
    assert.equal(
      await client.open({ streamtype: "data", port: "80" }, 2).reset,
      RstStatus.protocolError,
    );
    assert.equal(
      await client.open({ streamtype: "data", port: "80" }, 3).reset,
      RstStatus.protocolError,
    );
    clientRaw.destroy();
  });

  it("pairs old clients' streams without requestid by stream ID (error N, data N+2)", async () => {
    const { client, clientRaw, seen } = start();
    await client.open({ streamtype: "error", port: "80" }).replied;
    const data = client.open({ streamtype: "data", port: "80" });
    await data.replied;
    await eventually(() => seen.length === 1);
    assert.equal(seen[0].requestId, "1");
    clientRaw.destroy();
  });

  it("writes a timeout to the error stream when the data stream never comes (30 s)", async () => {
    const { client, clock, clientRaw } = start();
    const error = client.open({ streamtype: "error", port: "80", requestid: "4" });
    await error.replied;
    clock.advance(29_999);
    assert.equal(error.text(), "");
    clock.advance(1);
    await error.ended;
    assert.match(error.text(), /timed out waiting for streams/);
    assert.equal(clock.pending, 1); // only the idle timer is left
    clientRaw.destroy();
  });

  it("splits large writes into DATA frames of at most 32 KiB", async () => {
    const { client, clientRaw, seen } = start();
    const [, data] = await client.forward(80, "0");
    await eventually(() => seen.length === 1);
    seen[0].data.write(new Uint8Array(100 * 1024).fill(1));
    await eventually(() => data.received.reduce((n, c) => n + c.length, 0) === 100 * 1024);
    assert.deepEqual(data.received.map((c) => c.length), [32768, 32768, 32768, 4096]);
    clientRaw.destroy();
  });

  it("turns a handler exception into a message on the error stream", async () => {
    const { client, clientRaw } = start({
      handler: () => {
        throw new Error("no such pod");
      },
    });
    const [error, data] = await client.forward(80, "0");
    await data.ended;
    await error.ended;
    assert.equal(error.text(), "error forwarding port 80: no such pod");
    clientRaw.destroy();
  });

  it("refuses new streams after GOAWAY and ends the connection when the last stream closes", async () => {
    const { client, serverRaw, session } = start();
    const [error, data] = await client.forward(80, "0");
    client.send({ type: "goaway", lastGoodStreamId: 0, status: GoawayStatus.ok });
    assert.equal(
      await client.open({ streamtype: "error", port: "80" }).reset,
      RstStatus.refusedStream,
    );
    assert.ok(!serverRaw.ended);
    data.end();
    await Promise.all([data.ended, error.ended]);
    await session.closed;
    assert.ok(serverRaw.ended);
  });

  it("closes an idle connection after 10 minutes; traffic postpones it", async () => {
    const { client, clock, serverRaw, session } = start();
    clock.advance(9 * 60_000);
    await client.ping(1);
    clock.advance(9 * 60_000);
    assert.ok(!serverRaw.closed);
    clock.advance(60_000);
    await session.closed;
    await eventually(() => serverRaw.closed, "the connection destroyed");
    assert.equal(clock.pending, 0);
  });

  it("close() sends GOAWAY and ends the connection", async () => {
    const { client, session, serverRaw, clock } = start();
    await client.forward(80, "0");
    session.close();
    await session.closed;
    await eventually(() => client.messages.some((m) => m.type === "goaway"));
    assert.ok(serverRaw.ended);
    assert.equal(clock.pending, 0);
  });

  it("ends the session on broken framing with GOAWAY(PROTOCOL_ERROR)", async () => {
    const { client, clientRaw, session, errors } = start();
    clientRaw.write(new Uint8Array([0x80, 0x02, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1])); // SPDY/2 PING
    await session.closed;
    await eventually(() => client.messages.some((m) => m.type === "goaway"));
    const goaway = client.messages.find((m) => m.type === "goaway");
    assert.equal(goaway?.type === "goaway" && goaway.status, GoawayStatus.protocolError);
    assert.equal(errors.length, 1);
  });
});
