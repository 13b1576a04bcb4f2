import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  decodeHeaderBlock,
  encodeFrame,
  encodeHeaderBlock,
  Flag,
  SPDY_DICTIONARY,
  type SpdyFrame,
  SpdyFrameParser,
  spdyHeaders,
  SpdyProtocolError,
} from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const unhex = (text: string) =>
  Uint8Array.from(text.replace(/\s/g, "").match(/../g) ?? [], (b) => parseInt(b, 16));

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// Two consecutive header blocks from one zlib stream with the SPDY dictionary (CPython zlib, level
// 9, Z_SYNC_FLUSH), as spdystream's framer writes them: {streamtype: error, port: 2379,
// requestid: 0}, then the same with streamtype data.
const firstBlock = unhex(
  "78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45e01c60646c6e09a4398b20d198094ade8c0600000000ffff",
);
const secondBlock = unhex("c2aa19540e2512d60b000000ffff");

const bytes = (text: string) => new TextEncoder().encode(text);

/** Joins consecutive DATA pieces of one frame (the parser emits them as bytes arrive). */
function joinData(frames: SpdyFrame[]): SpdyFrame[] {
  const out: SpdyFrame[] = [];
  for (const frame of frames) {
    const last = out.at(-1);
    if (
      frame.type === "data" && last?.type === "data" && last.flags === 0 &&
      last.streamId === frame.streamId
    ) {
      const data = new Uint8Array(last.data.length + frame.data.length);
      data.set(last.data);
      data.set(frame.data, last.data.length);
      out[out.length - 1] = { ...last, flags: frame.flags, data };
    } else out.push(frame);
  }
  return out;
}

const sampleFrames: SpdyFrame[] = [
  {
    type: "syn_stream",
    streamId: 1,
    associatedId: 0,
    priority: 3,
    slot: 0,
    flags: Flag.fin,
    headerBlock: unhex("aabb"),
  },
  { type: "syn_reply", streamId: 1, flags: 0, headerBlock: unhex("0102") },
  { type: "rst_stream", streamId: 3, status: 5 },
  { type: "settings", flags: 0, entries: [{ flags: 1, id: 7, value: 65536 }] },
  { type: "ping", id: 1 },
  { type: "goaway", lastGoodStreamId: 5, status: 0 },
  { type: "headers", streamId: 3, flags: Flag.fin, headerBlock: unhex("ff") },
  { type: "window_update", streamId: 3, delta: 1024 },
  { type: "data", streamId: 1, flags: Flag.fin, data: new TextEncoder().encode("hi") },
];

describe("SPDY/3.1 frames", () => {
  it("encodes a control frame header: control bit, version 3, type, flags, 24-bit length", () => {
    assert.equal(hex(encodeFrame({ type: "ping", id: 1 })), "800300060000000400000001");
    assert.equal(
      hex(encodeFrame({ type: "rst_stream", streamId: 3, status: 5 })),
      "80030003000000080000000300000005",
    );
    assert.equal(
      hex(encodeFrame({ type: "goaway", lastGoodStreamId: 5, status: 0 })),
      "80030007000000080000000500000000",
    );
    assert.equal(
      hex(encodeFrame({ type: "window_update", streamId: 3, delta: 1024 })),
      "80030009000000080000000300000400",
    );
    assert.equal(
      hex(encodeFrame(sampleFrames[3])),
      "800300040000000c00000001" + "01000007" + "00010000",
    );
  });

  it("lays out SYN_STREAM as ID, associated ID, priority<<5, slot, header block", () => {
    assert.equal(
      hex(encodeFrame(sampleFrames[0])),
      "800300010100000c" + "00000001" + "00000000" + "6000" + "aabb",
    );
    assert.equal(hex(encodeFrame(sampleFrames[1])), "8003000200000006" + "00000001" + "0102");
  });

  it("encodes a data frame: control bit 0, stream ID, flags, length, payload", () => {
    assert.equal(hex(encodeFrame(sampleFrames[8])), "00000001" + "01000002" + "6869");
  });

  it("parses every frame type back, whether bytes arrive one at a time or all at once", () => {
    const wire = sampleFrames.map(encodeFrame);
    const all = new Uint8Array(wire.reduce((n, w) => n + w.length, 0));
    wire.reduce((at, w) => (all.set(w, at), at + w.length), 0);
    assert.deepEqual(new SpdyFrameParser().push(all), sampleFrames);
    const parser = new SpdyFrameParser();
    const trickled = Array.from(all).flatMap((byte) => parser.push(Uint8Array.of(byte)));
    assert.deepEqual(joinData(trickled), sampleFrames);
  });

  it("passes DATA payloads on in pieces as they arrive, FIN on the last, buffering none", () => {
    const parser = new SpdyFrameParser();
    const wire = encodeFrame({ type: "data", streamId: 3, flags: Flag.fin, data: bytes("abcdef") });
    assert.deepEqual(parser.push(wire.subarray(0, 10)), [
      { type: "data", streamId: 3, flags: 0, data: bytes("ab") },
    ]);
    assert.deepEqual(parser.push(wire.subarray(10)), [
      { type: "data", streamId: 3, flags: Flag.fin, data: bytes("cdef") },
    ]);
    // A 16 MiB DATA frame's header alone yields an empty piece at most, never a wait for 16 MiB.
    const huge = unhex("00000005" + "00ffffff" + "7878");
    assert.deepEqual(parser.push(huge), [{
      type: "data",
      streamId: 5,
      flags: 0,
      data: bytes("xx"),
    }]);
    const empty = encodeFrame({
      type: "data",
      streamId: 7,
      flags: Flag.fin,
      data: new Uint8Array(),
    });
    assert.deepEqual(new SpdyFrameParser().push(empty), [
      { type: "data", streamId: 7, flags: Flag.fin, data: new Uint8Array() },
    ]);
  });

  it("refuses a control frame over the limit as soon as its 8-byte header arrives", () => {
    const parser = new SpdyFrameParser({ maxControlPayload: 1024 });
    assert.throws(() => parser.push(unhex("80030001" + "00ffffff")), SpdyProtocolError);
    const settings = unhex("80030004" + "00000404" + "00000080");
    assert.throws(
      () => new SpdyFrameParser({ maxControlPayload: 1024 }).push(settings),
      /1028 bytes/,
    );
  });

  it("skips unknown control frames and rejects other versions", () => {
    const credential = unhex("8003000a00000002abcd");
    assert.deepEqual(new SpdyFrameParser().push(credential), []);
    assert.throws(
      () => new SpdyFrameParser().push(unhex("800200060000000400000001")),
      SpdyProtocolError,
    );
    assert.throws(
      () => new SpdyFrameParser().push(unhex("80030006000000050000000100")),
      SpdyProtocolError,
    );
  });
});

describe("SPDY/3 header blocks", () => {
  it("uses the 1423-byte dictionary whose Adler-32 is e3c6a7c2", () => {
    assert.equal(SPDY_DICTIONARY.length, 1423);
    assert.equal(adler32(SPDY_DICTIONARY).toString(16), "e3c6a7c2");
    assert.equal(hex(SPDY_DICTIONARY.subarray(0, 11)), "000000076f7074696f6e73"); // "options"
    assert.equal(new TextDecoder().decode(SPDY_DICTIONARY.subarray(-6)), "enq=0.");
  });

  it("lays out the plaintext block as count, then length-prefixed names and values", () => {
    const block = encodeHeaderBlock(
      spdyHeaders({ streamtype: "error", port: "2379", requestid: "0" }),
    );
    assert.equal(
      hex(block),
      "00000003" + "0000000a" + hex(new TextEncoder().encode("streamtype")) + "00000005" +
        hex(new TextEncoder().encode("error")) + "00000004706f72740000000432333739" +
        "00000009726571756573746964" + "0000000130",
    );
    const multi = encodeHeaderBlock(spdyHeaders({ "X-Many": ["a", "b"] }));
    assert.equal(hex(multi), "00000001" + "00000006782d6d616e79" + "0000000361" + "0062");
    assert.deepEqual(decodeHeaderBlock(multi), new Map([["x-many", ["a", "b"]]]));
  });

  it("inflates a block zlib made with the dictionary (FDICT, DICTID e3c6a7c2, sync flush)", async () => {
    assert.equal(hex(firstBlock.subarray(0, 6)), "78f9e3c6a7c2");
    assert.equal(hex(firstBlock.subarray(-4)), "0000ffff");
    const compression = createHeaderCompression(SPDY_DICTIONARY);
    const plain = await compression.decompress(firstBlock);
    assert.deepEqual(
      decodeHeaderBlock(plain),
      spdyHeaders({ streamtype: "error", port: "2379", requestid: "0" }),
    );
    compression.close();
  });

  it("keeps one zlib context per direction for the whole connection", async () => {
    const shared = createHeaderCompression(SPDY_DICTIONARY);
    await shared.decompress(firstBlock);
    const second = decodeHeaderBlock(await shared.decompress(secondBlock));
    assert.deepEqual(second, spdyHeaders({ streamtype: "data", port: "2379", requestid: "0" }));
    shared.close();
    const fresh = createHeaderCompression(SPDY_DICTIONARY);
    // Not decodable on its own (Deno reports the zlib error only after the flush: empty output).
    await assert.rejects(async () => decodeHeaderBlock(await fresh.decompress(secondBlock)));
    fresh.close();
  });

  it("round-trips blocks through its own deflate and inflate contexts", async () => {
    const [out, back] = [
      createHeaderCompression(SPDY_DICTIONARY),
      createHeaderCompression(SPDY_DICTIONARY),
    ];
    for (const type of ["error", "data", "data"]) {
      const headers = spdyHeaders({ streamtype: type, port: "6443", requestid: "12" });
      const block = await out.compress(encodeHeaderBlock(headers));
      assert.equal(hex(block.subarray(-4)), "0000ffff");
      assert.deepEqual(decodeHeaderBlock(await back.decompress(block)), headers);
    }
    out.close();
    back.close();
  });
});
