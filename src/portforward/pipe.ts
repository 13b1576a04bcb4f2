// Joins two byte streams both ways, passing half-closes through and tearing both down together.

import type { ByteStream } from "./byte_stream.ts";

/**
 * Copies bytes a→b and b→a. An end on one side ends the other's write direction; when both
 * directions have ended, or either side closes, both are destroyed, so nothing outlives the tunnel.
 */
export function pipeBoth(a: ByteStream, b: ByteStream): Promise<void> {
  return new Promise((resolve) => {
    let ended = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      a.destroy();
      b.destroy();
      resolve();
    };
    const halfClose = (to: ByteStream) => () => {
      to.end();
      if (++ended === 2) finish();
    };
    a.onData((bytes) => b.write(bytes));
    b.onData((bytes) => a.write(bytes));
    a.onEnd(halfClose(b));
    b.onEnd(halfClose(a));
    a.onClose(finish);
    b.onClose(finish);
  });
}
