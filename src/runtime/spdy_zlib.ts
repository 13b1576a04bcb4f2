// SPDY header-block compression: one streaming zlib context per direction, sync flush per block.
import zlib from "node:zlib";

/** Compresses and decompresses SPDY header blocks of one connection, in call order. */
export interface HeaderCompression {
  /** Deflates one plaintext header block (shared context, ends with a sync flush). */
  compress(block: Uint8Array): Promise<Uint8Array>;
  /** Inflates one compressed header block (shared context); rejects with RangeError past the limit. */
  decompress(block: Uint8Array): Promise<Uint8Array>;
  /** Frees both zlib contexts; later calls reject. */
  close(): void;
}

type ZlibStream = zlib.Deflate | zlib.Inflate;

// Compressed input is fed in pieces this large. Deflate expands at most ~1032:1, so one piece
// inflates to about 1 MiB at worst before the running count is checked again: a 509 KB block that
// would inflate to 512 MB stops after its first pieces instead of being inflated in full.
const INPUT_PIECE = 1024;

// One operation at a time per stream: write, sync flush, collect what the flush pushed out.
// Deno 2.9's deflate ignores `dictionary` (no FDICT in its header); that output is still valid,
// Go's zlib.NewReaderDict only applies the dictionary when FDICT is set.
function serialized(
  stream: ZlibStream,
  limit: number,
  piece: number,
): (input: Uint8Array) => Promise<Uint8Array> {
  let tail: Promise<unknown> = Promise.resolve();
  let failure: Error | undefined;
  stream.on("error", (error: Error) => failure ??= error);
  const flushPiece = (input: Uint8Array, onData: (chunk: Uint8Array) => void) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const onError = (error: Error) => finish(error);
      const finish = (error?: Error) => {
        stream.off("data", onData);
        stream.off("error", onError);
        if (error ?? failure) reject(error ?? failure);
        else resolve();
      };
      stream.on("data", onData);
      stream.once("error", onError);
      stream.write(input);
      stream.flush(zlib.constants.Z_SYNC_FLUSH, () => finish());
    });
  const run = async (input: Uint8Array) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Past the limit, chunks are counted but not kept: memory stays at the limit plus one chunk.
    const onData = (chunk: Uint8Array) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    };
    for (let at = 0; at === 0 || at < input.length; at += piece) {
      await flushPiece(input.subarray(at, at + piece), onData);
      if (size > limit) {
        // The shared context is now mid-block: nothing later on this connection can inflate.
        failure = new RangeError(`Cannot inflate SPDY header block: over ${limit} bytes`);
        throw failure;
      }
    }
    if (chunks.length === 1) { // a plain view of zlib's Buffer, without copying
      return new Uint8Array(chunks[0].buffer, chunks[0].byteOffset, chunks[0].length);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  };
  return (input) => {
    const result = tail.then(() => run(input));
    tail = result.catch(() => undefined);
    return result;
  };
}

/** Creates the zlib contexts of one SPDY connection; inflated blocks over `maxBlockSize` are refused. */
export function createHeaderCompression(
  dictionary: Uint8Array,
  maxBlockSize = 1 << 20,
): HeaderCompression {
  const deflate = zlib.createDeflate({ dictionary, level: zlib.constants.Z_BEST_COMPRESSION });
  const inflate = zlib.createInflate({ dictionary });
  const compress = serialized(deflate, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const decompress = serialized(inflate, maxBlockSize, INPUT_PIECE);
  let closed = false;
  const closedError = () => Promise.reject(new Error("Cannot use header compression: closed"));
  return {
    compress: (block) => closed ? closedError() : compress(block),
    decompress: (block) => closed ? closedError() : decompress(block),
    close() {
      if (closed) return;
      closed = true;
      deflate.close();
      inflate.close();
    },
  };
}
