import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { GoawayFilter } from "../../src/runtime/goaway_filter.ts";

const preface = new TextEncoder().encode("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

function frame(type: number, streamId: number, payloadLength: number): Uint8Array {
  const bytes = new Uint8Array(9 + payloadLength);
  bytes.set([payloadLength >> 16, (payloadLength >> 8) & 0xff, payloadLength & 0xff, type, 0]);
  new DataView(bytes.buffer).setUint32(5, streamId);
  for (let i = 9; i < bytes.length; i++) bytes[i] = (i * 7 + type) & 0xff;
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function run(input: Uint8Array, chunkSize: number): { output: Uint8Array; dropped: number } {
  const filter = new GoawayFilter();
  const parts: Uint8Array[] = [];
  for (let i = 0; i < input.length; i += chunkSize) {
    parts.push(...filter.filter(input.subarray(i, i + chunkSize)).map((p) => p.slice()));
  }
  return { output: concat(parts), dropped: filter.dropped };
}

describe("GoawayFilter", () => {
  const settings = frame(0x4, 0, 18);
  const headers = frame(0x1, 1, 40);
  const goaway = frame(0x7, 0, 8);
  const data = frame(0x0, 1, 300);
  const ping = frame(0x6, 0, 8);
  const input = concat([preface, settings, headers, goaway, data, ping, goaway, frame(0x0, 3, 0)]);
  const expected = concat([preface, settings, headers, data, ping, frame(0x0, 3, 0)]);

  for (const chunkSize of [1, 2, 5, 9, 10, 24, 33, 100, input.length]) {
    it(`removes GOAWAY frames and keeps every other byte (chunks of ${chunkSize})`, () => {
      const { output, dropped } = run(input, chunkSize);
      assert.deepEqual(output, expected);
      assert.equal(dropped, 2);
    });
  }

  it("passes a stream without GOAWAY through unchanged, without copying whole chunks", () => {
    const clean = concat([preface, settings, headers, data]);
    const parts = new GoawayFilter().filter(clean);
    assert.equal(parts.length, 1);
    assert.equal(parts[0].buffer, clean.buffer);
  });
});
