import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CloseCode,
  encodeWebSocketFrame,
  Opcode,
  webSocketByteStream,
  type WebSocketFrame,
  WebSocketFrameParser,
} from "../../src/portforward/mod.ts";
import { memoryPipe, settle } from "./_memory_pipe.ts";

const key = new Uint8Array([1, 2, 3, 4]);
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (parts: Uint8Array[]) => parts.map((p) => new TextDecoder().decode(p)).join("");

/** A server-side stream over a memory pipe, with a raw client that writes masked frames by hand. */
function setup(maxFrameSize?: number) {
  const [client, server] = memoryPipe();
  const stream = webSocketByteStream(server, new Uint8Array(), { maxFrameSize });
  const received: Uint8Array[] = [];
  const events: string[] = [];
  stream.onData((b) => received.push(b));
  stream.onEnd(() => events.push("end"));
  stream.onClose(() => events.push("close"));
  const fromServer: WebSocketFrame[] = [];
  const parser = new WebSocketFrameParser(false, 1 << 20);
  client.onData((b) => fromServer.push(...parser.push(b)));
  const send = (frame: WebSocketFrame) => client.write(encodeWebSocketFrame(frame, key));
  const closeCode = () => {
    const close = fromServer.find((f) => f.opcode === Opcode.close);
    return close && new DataView(close.payload.buffer, close.payload.byteOffset).getUint16(0);
  };
  return { client, server, stream, received, events, fromServer, send, closeCode };
}

describe("WebSocket byte stream (server role)", () => {
  it("sends each write as one unmasked binary message", async () => {
    const { stream, fromServer } = setup();
    stream.write(bytes("one"));
    stream.write(bytes("two"));
    await settle();
    assert.deepEqual(fromServer.map((f) => [f.fin, f.opcode, text([f.payload])]), [
      [true, Opcode.binary, "one"],
      [true, Opcode.binary, "two"],
    ]);
  });

  it("delivers binary payloads, reassembling fragmented messages", async () => {
    const { send, received } = setup();
    send({ fin: true, opcode: Opcode.binary, payload: bytes("whole") });
    send({ fin: false, opcode: Opcode.binary, payload: bytes("fra") });
    send({ fin: true, opcode: Opcode.ping, payload: bytes("p") }); // control frames may interleave
    send({ fin: false, opcode: Opcode.continuation, payload: bytes("gmen") });
    send({ fin: true, opcode: Opcode.continuation, payload: bytes("ted") });
    await settle();
    assert.equal(text(received), "wholefragmented");
  });

  it("answers ping with pong carrying the same payload", async () => {
    const { send, fromServer } = setup();
    send({ fin: true, opcode: Opcode.ping, payload: bytes("are you there") });
    await settle();
    assert.deepEqual(fromServer.map((f) => [f.opcode, text([f.payload])]), [[
      Opcode.pong,
      "are you there",
    ]]);
  });

  it("echoes the peer's close status, then ends and closes", async () => {
    const { send, events, closeCode, server } = setup();
    const payload = new Uint8Array([0x03, 0xe8]); // 1000
    send({ fin: true, opcode: Opcode.close, payload });
    await settle();
    assert.equal(closeCode(), CloseCode.normal);
    assert.deepEqual(events, ["end", "close"]);
    assert.ok(server.ended);
  });

  it("end() sends close 1000 and stops writing; the peer's close completes it", async () => {
    const { stream, send, events, fromServer, closeCode } = setup();
    stream.end();
    stream.write(bytes("too late"));
    send({ fin: true, opcode: Opcode.close, payload: new Uint8Array([0x03, 0xe8]) });
    await settle();
    assert.equal(closeCode(), CloseCode.normal);
    assert.equal(fromServer.length, 1);
    assert.deepEqual(events, ["end", "close"]);
  });

  it("closes with 1003 on a text message, as client-go accepts only binary", async () => {
    const { send, events, closeCode } = setup();
    send({ fin: true, opcode: Opcode.text, payload: bytes("hi") });
    await settle();
    assert.equal(closeCode(), CloseCode.unsupportedData);
    assert.ok(events.includes("close"));
  });

  it("closes with 1002 on a continuation without a message and on unmasked frames", async () => {
    const a = setup();
    a.send({ fin: true, opcode: Opcode.continuation, payload: bytes("x") });
    const b = setup();
    b.client.write(encodeWebSocketFrame({ fin: true, opcode: Opcode.binary, payload: bytes("x") }));
    await settle();
    assert.equal(a.closeCode(), CloseCode.protocolError);
    assert.equal(b.closeCode(), CloseCode.protocolError);
  });

  it("passes each fragment on at once: messages are unlimited, as gorilla's reader", async () => {
    const { send, closeCode, received } = setup(8);
    send({ fin: false, opcode: Opcode.binary, payload: bytes("12345") });
    await settle();
    assert.equal(text(received), "12345"); // not held back until the message ends
    send({ fin: true, opcode: Opcode.continuation, payload: bytes("67890") });
    await settle();
    assert.equal(text(received), "1234567890");
    assert.equal(closeCode(), undefined);
  });

  it("passes a long frame's payload on as it arrives, holding none of it", async () => {
    const { client, closeCode, received } = setup();
    const payload = new Uint8Array(4 << 20).map((_, i) => i & 0xff);
    const frame = encodeWebSocketFrame({ fin: true, opcode: Opcode.binary, payload }, key);
    client.write(frame.subarray(0, 14 + 1000)); // header, masking key, first 1000 bytes of 4 MiB
    await settle();
    assert.deepEqual(received.map((b) => b.length), [1000]);
    assert.deepEqual(received[0], payload.subarray(0, 1000));
    client.write(frame.subarray(14 + 1000));
    await settle();
    assert.equal(received.reduce((n, b) => n + b.length, 0), 4 << 20);
    assert.deepEqual(received[1], payload.subarray(1000));
    assert.equal(closeCode(), undefined);
  });

  it("closes with 1009 on a frame over a configured limit, before its payload arrives", async () => {
    const { client, closeCode, received } = setup(8);
    const frame = encodeWebSocketFrame({
      fin: true,
      opcode: Opcode.binary,
      payload: bytes("123456789"),
    }, key);
    client.write(frame.subarray(0, 6)); // the header and masking key only
    await settle();
    assert.equal(closeCode(), CloseCode.tooBig);
    assert.deepEqual(received, []);
  });

  it("stops reading while paused and while its own writes wait for the peer", async () => {
    const { send, stream, server, received } = setup();
    stream.pause();
    assert.ok(server.paused);
    send({ fin: true, opcode: Opcode.binary, payload: bytes("held") });
    await settle();
    assert.deepEqual(received, []);
    stream.resume();
    assert.equal(server.paused, false);
    assert.equal(text(received), "held");
    server.congested = true;
    let drained = false;
    stream.onDrain(() => drained = true);
    assert.equal(stream.write(bytes("x")), false);
    send({ fin: true, opcode: Opcode.ping, payload: bytes("p") });
    assert.ok(server.paused); // a ping flood waits until the peer reads our pongs
    server.drain();
    assert.ok(drained);
    assert.equal(server.paused, false);
  });
});
