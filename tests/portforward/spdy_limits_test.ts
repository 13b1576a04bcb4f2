import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
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
import { memoryPipe, settle } from "./_memory_pipe.ts";
import { SpdyTestClient } from "./_spdy_client.ts";
import { eventually } from "./_upgrade_client.ts";

const KiB = 1024;

/** A session whose handler keeps each request (and does not read it unless told). */
function start(options: Partial<SpdySessionOptions> = {}, maxHeaderBytes = 1 << 20) {
  const clock = new FakeClock();
  const [clientRaw, serverRaw] = memoryPipe();
  const seen: PortForwardRequest[] = [];
  const errors: unknown[] = [];
  const session = serveSpdyPortForward(serverRaw, new Uint8Array(), {
    handler: (request) => seen.push(request),
    compression: createHeaderCompression(SPDY_DICTIONARY, maxHeaderBytes),
    clock,
    onError: (error) => errors.push(error),
    ...options,
  });
  const client = new SpdyTestClient(clientRaw);
  const goaway = async () => {
    await session.closed;
    await eventually(() => client.messages.some((m) => m.type === "goaway"), "GOAWAY");
    const frame = client.messages.find((m) => m.type === "goaway");
    return frame?.type === "goaway" ? frame.status : undefined;
  };
  return { clock, clientRaw, serverRaw, session, client, seen, errors, goaway };
}

const filler = (size: number) => new Uint8Array(size).fill(0x61);

describe("SPDY session limits: header blocks", () => {
  it("ends the connection with GOAWAY(PROTOCOL_ERROR) on a header block over the limit", async () => {
    const { client, goaway, errors } = start({}, 4 * KiB);
    client.open({ streamtype: "error", port: "80", "x-big": "a".repeat(8 * KiB) });
    assert.equal(await goaway(), GoawayStatus.protocolError);
    assert.match(String(errors[0]), /over 4096 bytes/);
  });

  it("ends the connection on more headers than the limit", async () => {
    const { client, goaway, errors } = start({ limits: { maxHeaderCount: 4 } });
    const headers = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`x-${i}`, "v"]));
    client.open({ ...headers, streamtype: "error", port: "80" });
    assert.equal(await goaway(), GoawayStatus.protocolError);
    assert.match(String(errors[0]), /7 headers, over the limit of 4/);
  });

  it("ends the connection when a control frame's length is over the limit, before it arrives", async () => {
    const { clientRaw, goaway } = start({}, 4 * KiB);
    // A SYN_STREAM header claiming 16 MiB: nothing of it is waited for or buffered.
    clientRaw.write(Uint8Array.of(0x80, 3, 0, 1, 0, 0xff, 0xff, 0xff));
    assert.equal(await goaway(), GoawayStatus.protocolError);
  });
});

describe("SPDY session limits: buffers and streams", () => {
  it("resets a never-paired stream flooded with DATA with FLOW_CONTROL_ERROR and drops its bytes", async () => {
    const { client, session, clientRaw } = start({ limits: { maxStreamBufferBytes: 64 * KiB } });
    const data = client.open({ streamtype: "data", port: "80", requestid: "0" });
    await data.replied;
    for (let i = 0; i < 4; i++) data.write(filler(32 * KiB));
    assert.equal(await data.reset, RstStatus.flowControlError);
    assert.equal(session.bufferedBytes, 0);
    assert.equal(session.streamCount, 0);
    data.write(filler(32 * KiB)); // more DATA for the reset stream is dropped
    await settle();
    assert.equal(session.bufferedBytes, 0);
    clientRaw.destroy();
  });

  it("resets the stream that takes a connection past its buffer budget", async () => {
    const { client, session, clientRaw } = start({
      limits: { maxStreamBufferBytes: 64 * KiB, maxConnectionBufferBytes: 96 * KiB },
    });
    const a = client.open({ streamtype: "data", port: "80", requestid: "a" });
    const b = client.open({ streamtype: "data", port: "80", requestid: "b" });
    await Promise.all([a.replied, b.replied]);
    a.write(filler(60 * KiB));
    b.write(filler(60 * KiB));
    assert.equal(await b.reset, RstStatus.flowControlError);
    assert.equal(session.bufferedBytes, 60 * KiB);
    assert.equal(session.streamCount, 1);
    clientRaw.destroy();
  });

  it("refuses streams past the concurrent limit with REFUSED_STREAM", async () => {
    const { client, clientRaw } = start({ limits: { maxConcurrentStreams: 2 } });
    await client.open({ streamtype: "error", port: "80", requestid: "0" }).replied;
    await client.open({ streamtype: "error", port: "80", requestid: "1" }).replied;
    const third = client.open({ streamtype: "error", port: "80", requestid: "2" });
    assert.equal(await third.reset, RstStatus.refusedStream);
    clientRaw.destroy();
  });

  it("stops reading the connection while a reader is paused, then delivers everything", async () => {
    const { client, serverRaw, seen, session, clientRaw } = start({
      limits: { maxStreamBufferBytes: 64 * KiB },
    });
    const [, data] = await client.forward(80, "0");
    await eventually(() => seen.length === 1);
    const received: Uint8Array[] = [];
    seen[0].data.onData((bytes) => received.push(bytes));
    seen[0].data.pause(); // the target is slow
    assert.ok(serverRaw.paused);
    for (let i = 0; i < 64; i++) data.write(filler(32 * KiB)); // 2 MiB, 32 times the stream's buffer
    await settle();
    assert.equal(received.length, 0);
    assert.equal(session.bufferedBytes, 0); // held back by the transport, not by the session
    seen[0].data.resume();
    assert.equal(serverRaw.paused, false);
    await eventually(() => received.reduce((n, b) => n + b.length, 0) === 2048 * KiB, "2 MiB");
    assert.equal(session.streamCount, 2); // nothing was reset
    clientRaw.destroy();
  });

  it("tells writers to wait while the client does not read, and stops reading it meanwhile", async () => {
    const { client, serverRaw, seen, clientRaw } = start();
    const [, data] = await client.forward(80, "0");
    await eventually(() => seen.length === 1);
    serverRaw.congested = true;
    let drained = 0;
    seen[0].data.onDrain(() => drained++);
    assert.equal(seen[0].data.write(filler(10)), true); // frames of one turn go out together
    await settle(1);
    assert.equal(seen[0].data.write(filler(10)), false);
    assert.ok(serverRaw.paused); // PINGs and SYN_STREAMs cannot pile up unanswered replies
    serverRaw.drain();
    assert.equal(drained, 1);
    assert.equal(serverRaw.paused, false);
    assert.equal(seen[0].data.write(filler(10)), true);
    await eventually(() => data.received.length === 3);
    clientRaw.destroy();
  });

  it("answers a PING flood only as fast as the client reads the answers", async () => {
    const { client, clientRaw, serverRaw } = start();
    await client.forward(80, "0"); // the connection is up
    serverRaw.congested = true; // the client reads nothing from now on
    const ping = encodeFrame({ type: "ping", id: 1 });
    const flood = new Uint8Array(ping.length * 10_000);
    for (let at = 0; at < flood.length; at += ping.length) flood.set(ping, at);
    clientRaw.write(flood); // one chunk: 10,000 PINGs, 120 KB
    await settle();
    const pongs = () => client.messages.filter((m) => m.type === "ping").length;
    assert.ok(pongs() < 10_000, `${pongs()} replies written to a client that reads none`);
    assert.ok(serverRaw.paused);
    serverRaw.drain();
    await eventually(() => pongs() === 10_000, "every PING answered once the client reads");
    clientRaw.destroy();
  });

  it("forgets a waiting stream that is reset, so pairs and timers cannot pile up", async () => {
    const { client, clock, clientRaw } = start();
    for (let i = 0; i < 200; i++) {
      const error = client.open({ streamtype: "error", port: "80", requestid: `r${i}` });
      await error.replied;
      client.send({ type: "rst_stream", streamId: error.id, status: RstStatus.cancel });
    }
    await settle();
    assert.equal(clock.pending, 1); // the idle timer only, no pair waiting 30 s
    clientRaw.destroy();
  });
});
