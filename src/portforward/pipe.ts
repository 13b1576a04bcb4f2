// Joins two byte streams both ways, passing half-closes through and tearing both down together.

import type { ByteStream } from "./byte_stream.ts";

/**
 * Copies bytes a→b and b→a, pausing a reader while its writer is behind. An end on one side ends the other's write direction; when both
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
    // Backpressure: a side whose peer cannot keep up stops reading until that peer drains.
    const copy = (from: ByteStream, to: ByteStream) => {
      from.onData((bytes) => {
        if (!to.write(bytes)) from.pause();
      });
      to.onDrain(() => from.resume());
    };
    copy(a, b);
    copy(b, a);
    a.onEnd(halfClose(b));
    b.onEnd(halfClose(a));
    a.onClose(finish);
    b.onClose(finish);
  });
}
