import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CloseCode,
  encodeWebSocketFrame,
  Opcode,
  webSocketAccept,
  WebSocketFrameParser,
  WebSocketProtocolError,
} from "../../src/portforward/mod.ts";

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const unhex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
const hello = new TextEncoder().encode("Hello");
const key = unhex("37fa213d");

function protocolError(bytes: Uint8Array, code: number, expectMasked = true, max = 1 << 20) {
  assert.throws(
    () => new WebSocketFrameParser(expectMasked, max).push(bytes),
    (error: unknown) => error instanceof WebSocketProtocolError && error.code === code,
  );
}

describe("RFC 6455 §5.7 examples", () => {
  it("a single-frame unmasked text message", () => {
    const bytes = encodeWebSocketFrame({ fin: true, opcode: Opcode.text, payload: hello });
    assert.equal(hex(bytes), "810548656c6c6f");
    assert.deepEqual(new WebSocketFrameParser(false, 1024).push(bytes), [
      { fin: true, opcode: Opcode.text, payload: hello },
    ]);
  });

  it("a single-frame masked text message", () => {
    const bytes = encodeWebSocketFrame({ fin: true, opcode: Opcode.text, payload: hello }, key);
    assert.equal(hex(bytes), "818537fa213d7f9f4d5158");
    assert.deepEqual(new WebSocketFrameParser(true, 1024).push(bytes)[0].payload, hello);
  });

  it("a fragmented unmasked text message", () => {
    const frames = new WebSocketFrameParser(false, 1024).push(unhex("010348656c" + "80026c6f"));
    assert.deepEqual(frames.map((f) => [f.fin, f.opcode, new TextDecoder().decode(f.payload)]), [
      [false, Opcode.text, "Hel"],
      [true, Opcode.continuation, "lo"],
    ]);
  });

  it("an unmasked ping and a masked pong", () => {
    assert.equal(
      hex(encodeWebSocketFrame({ fin: true, opcode: Opcode.ping, payload: hello })),
      "890548656c6c6f",
    );
    const pong = encodeWebSocketFrame({ fin: true, opcode: Opcode.pong, payload: hello }, key);
    assert.equal(hex(pong), "8a8537fa213d7f9f4d5158");
    assert.deepEqual(new WebSocketFrameParser(true, 1024).push(pong)[0].opcode, Opcode.pong);
  });

  it("256 bytes of binary data use the 16-bit length form", () => {
    const payload = new Uint8Array(256).fill(7);
    const bytes = encodeWebSocketFrame({ fin: true, opcode: Opcode.binary, payload });
    assert.equal(hex(bytes.subarray(0, 4)), "827e0100");
    assert.equal(bytes.length, 4 + 256);
    assert.deepEqual(new WebSocketFrameParser(false, 1024).push(bytes)[0].payload, payload);
  });

  it("64 KiB of binary data use the 64-bit length form, parsed as it trickles in", () => {
    const payload = new Uint8Array(65536).map((_, i) => i & 0xff);
    const bytes = encodeWebSocketFrame({ fin: true, opcode: Opcode.binary, payload }, key);
    assert.equal(hex(bytes.subarray(0, 10)), "82ff0000000000010000");
    const parser = new WebSocketFrameParser(true, 1 << 20);
    const frames = [];
    for (let at = 0; at < bytes.length; at += 1000) {
      frames.push(...parser.push(bytes.subarray(at, at + 1000)));
    }
    // The payload comes out in pieces as it arrives: a frame read like a fragmented message.
    assert.equal(frames[0].opcode, Opcode.binary);
    assert.ok(frames.slice(1).every((f) => f.opcode === Opcode.continuation));
    assert.deepEqual(frames.map((f) => f.fin), frames.map((_, i) => i === frames.length - 1));
    const joined = new Uint8Array(65536);
    frames.reduce((at, f) => (joined.set(f.payload, at), at + f.payload.length), 0);
    assert.deepEqual(joined, payload);
  });
});

describe("WebSocket frame rules", () => {
  it("rejects unmasked client frames and masked server frames", () => {
    protocolError(unhex("810548656c6c6f"), CloseCode.protocolError, true);
    protocolError(unhex("818537fa213d7f9f4d5158"), CloseCode.protocolError, false);
  });

  it("rejects reserved bits, reserved opcodes and long or fragmented control frames", () => {
    protocolError(unhex("c180" + "00000000"), CloseCode.protocolError);
    protocolError(unhex("8380" + "00000000"), CloseCode.protocolError);
    protocolError(unhex("89fe007e" + "00000000"), CloseCode.protocolError);
    protocolError(unhex("0980" + "00000000"), CloseCode.protocolError);
  });

  it("answers 1009 to a frame over the size limit before it arrives", () => {
    protocolError(unhex("82ff0000000000100000"), CloseCode.tooBig, true, 65536);
  });
});

describe("the opening handshake", () => {
  it("computes Sec-WebSocket-Accept for the RFC 6455 sample nonce", async () => {
    assert.equal(await webSocketAccept("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  });
});
