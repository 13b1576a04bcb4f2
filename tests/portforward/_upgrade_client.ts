// Test fixture: the client side of an upgrade: read the HTTP response head, keep the rest as a stream.
import type { ByteStream } from "../../src/portforward/mod.ts";
import { StreamEvents } from "../../src/portforward/stream_events.ts";

/** A parsed response head and the connection after it. */
export interface UpgradeResponse {
  status: number;
  headers: Headers;
  conn: ByteStream;
}

/** Waits for `\r\n\r\n` on `raw`; later bytes (tunnel or body) flow through `conn`. */
export function readResponseHead(raw: ByteStream): Promise<UpgradeResponse> {
  const rest = new StreamEvents();
  let pending = "";
  let done = false;
  return new Promise((resolve, reject) => {
    raw.onData((bytes) => {
      if (done) return rest.data(bytes);
      pending += String.fromCharCode(...bytes); // the head is ASCII; latin1 keeps byte offsets
      const at = pending.indexOf("\r\n\r\n");
      if (at < 0) return;
      done = true;
      const [statusLine, ...lines] = pending.slice(0, at).split("\r\n");
      const headers = new Headers(lines.map((l) => {
        const colon = l.indexOf(":");
        return [l.slice(0, colon).trim(), l.slice(colon + 1).trim()] as [string, string];
      }));
      const status = Number(statusLine.split(" ")[1]);
      const conn: ByteStream = {
        write: (b) => raw.write(b),
        end: () => raw.end(),
        destroy: () => raw.destroy(),
        onData: (l) => rest.onData(l),
        onEnd: (l) => rest.onEnd(l),
        onClose: (l) => rest.onClose(l),
        onDrain: (l) => raw.onDrain(l),
        pause: () => rest.pause(),
        resume: () => rest.resume(),
      };
      resolve({ status, headers, conn });
      rest.data(Uint8Array.from(pending.slice(at + 4), (c) => c.charCodeAt(0)));
    });
    raw.onEnd(() => rest.end());
    raw.onClose(() => (rest.close(), done || reject(new Error("closed before a response"))));
  });
}

/** Polls `condition` across macrotasks (zlib callbacks are real I/O) until it holds. */
export async function eventually(condition: () => boolean, what = "condition"): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
