import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { SPDY_DICTIONARY } from "../../src/portforward/mod.ts";
import { createHeaderCompression } from "../../src/runtime/spdy_zlib.ts";

/**
 * A header block that inflates to `mebibytes` MiB of zeros from about 1 KB per MiB: the first
 * MiB as zlib writes it, then the same compressed MiB repeated (it only refers back to zeros).
 */
async function zeroBomb(mebibytes: number): Promise<Uint8Array[]> {
  const deflate = createHeaderCompression(SPDY_DICTIONARY);
  const zeros = new Uint8Array(1 << 20);
  const first = await deflate.compress(zeros);
  const next = await deflate.compress(zeros);
  deflate.close();
  return [first, ...Array.from({ length: mebibytes - 1 }, () => next)];
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

describe("SPDY header compression limits", () => {
  it("stops inflating at the limit: a 64 MiB block is refused before its end is even read", async () => {
    // After the bomb comes a byte that is not deflate (BFINAL with the reserved BTYPE 11): inflating
    // the block in full would fail on it with a zlib error instead of the limit's RangeError.
    const block = join([...await zeroBomb(64), Uint8Array.of(0xff, 0xff, 0xff, 0xff)]);
    assert.ok(block.length < 100_000, `the bomb is ${block.length} bytes`);
    const inflate = createHeaderCompression(SPDY_DICTIONARY, 1 << 20);
    await assert.rejects(inflate.decompress(block), (error: unknown) => {
      assert.ok(error instanceof RangeError, String(error));
      assert.match(error.message, /^Cannot inflate SPDY header block: over 1048576 bytes$/);
      return true;
    });
    // The shared context is mid-block: the connection's later blocks are refused too.
    await assert.rejects(inflate.decompress(Uint8Array.of(0x03, 0x00)), RangeError);
    inflate.close();
  });

  it("still inflates blocks up to the limit, in one piece or many", async () => {
    const deflate = createHeaderCompression(SPDY_DICTIONARY);
    const inflate = createHeaderCompression(SPDY_DICTIONARY, 1 << 20);
    const text = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) % 251);
    const block = await deflate.compress(text);
    assert.ok(block.length > 1024); // more than one input piece
    assert.deepEqual(await inflate.decompress(block), text);
    const small = await deflate.compress(Uint8Array.of(1, 2, 3));
    assert.deepEqual(await inflate.decompress(small), Uint8Array.of(1, 2, 3));
    deflate.close();
    inflate.close();
  });
});
