// SPDY header-block compression: one streaming zlib context per direction, sync flush per block.
import zlib from "node:zlib";

/** Compresses and decompresses SPDY header blocks of one connection, in call order. */
export interface HeaderCompression {
  /** Deflates one plaintext header block (shared context, ends with a sync flush). */
  compress(block: Uint8Array): Promise<Uint8Array>;
  /** Inflates one compressed header block (shared context across the connection). */
  decompress(block: Uint8Array): Promise<Uint8Array>;
  /** Frees both zlib contexts; later calls reject. */
  close(): void;
}

type ZlibStream = zlib.Deflate | zlib.Inflate;

// One operation at a time per stream: write, sync flush, collect what the flush pushed out.
// Deno 2.9's deflate ignores `dictionary` (no FDICT in its header); that output is still valid,
// Go's zlib.NewReaderDict only applies the dictionary when FDICT is set.
function serialized(stream: ZlibStream, limit: number): (input: Uint8Array) => Promise<Uint8Array> {
  let tail: Promise<unknown> = Promise.resolve();
  let failure: Error | undefined;
  stream.on("error", (error: Error) => failure ??= error);
  const run = (input: Uint8Array) =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (failure) return reject(failure);
      const chunks: Uint8Array[] = [];
      let size = 0;
      const onData = (chunk: Uint8Array) => {
        chunks.push(chunk);
        size += chunk.length;
      };
      const onError = (error: Error) => finish(error);
      const finish = (error?: Error) => {
        stream.off("data", onData);
        stream.off("error", onError);
        if (error ?? failure) return reject(error ?? failure);
        if (size > limit) {
          return reject(new Error(`Cannot inflate header block: over ${limit} bytes`));
        }
        const out = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
          out.set(chunk, at);
          at += chunk.length;
        }
        resolve(out);
      };
      stream.on("data", onData);
      stream.once("error", onError);
      stream.write(input);
      stream.flush(zlib.constants.Z_SYNC_FLUSH, () => finish());
    });
  return (input) => {
    const result = tail.then(() => run(input));
    tail = result.catch(() => undefined);
    return result;
  };
}

/** Creates the zlib contexts of one SPDY connection with the given preset dictionary. */
export function createHeaderCompression(
  dictionary: Uint8Array,
  maxBlockSize = 1 << 20,
): HeaderCompression {
  const deflate = zlib.createDeflate({ dictionary, level: zlib.constants.Z_BEST_COMPRESSION });
  const inflate = zlib.createInflate({ dictionary });
  const compress = serialized(deflate, Number.MAX_SAFE_INTEGER);
  const decompress = serialized(inflate, maxBlockSize);
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
