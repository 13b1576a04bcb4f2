// Test fixture: a raw HTTP/2 client over TLS that writes hand-made frames, as an attacker would.
import tls from "node:tls";

const PREFACE = new TextEncoder().encode("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
const HEADERS = 0x1;
const RST_STREAM = 0x3;
const SETTINGS = 0x4;
const GOAWAY = 0x7;
const END_STREAM_AND_HEADERS = 0x5;
const CANCEL = 0x8;

/** One HTTP/2 frame: 9-byte header, then the payload. */
export function frame(type: number, flags: number, streamId: number, payload: number[]): number[] {
  const length = payload.length;
  return [
    (length >> 16) & 0xff,
    (length >> 8) & 0xff,
    length & 0xff,
    type,
    flags,
    (streamId >>> 24) & 0x7f,
    (streamId >> 16) & 0xff,
    (streamId >> 8) & 0xff,
    streamId & 0xff,
    ...payload,
  ];
}

// HPACK: :method GET, :scheme https, :path / (static table 2, 7, 4), :authority localhost.
const GET_ROOT = [0x82, 0x87, 0x84, 0x01, 0x09, ...new TextEncoder().encode("localhost")];

/** The preface, an empty SETTINGS, then `count` GET / requests, each reset (CANCEL) at once. */
export function rapidResetBytes(count: number, reset = true): Uint8Array {
  const bytes = [...PREFACE, ...frame(SETTINGS, 0, 0, [])];
  for (let i = 0; i < count; i++) {
    const id = 1 + 2 * i;
    bytes.push(...frame(HEADERS, END_STREAM_AND_HEADERS, id, GET_ROOT));
    if (reset) bytes.push(...frame(RST_STREAM, 0, id, [0, 0, 0, CANCEL]));
  }
  return new Uint8Array(bytes);
}

/** What a raw connection received by the time it closed or `waitMs` passed. */
export interface RawOutcome {
  /** Error codes of the GOAWAY frames received, in order. */
  goawayCodes: number[];
  closed: boolean;
}

/** Sends `bytes` on a fresh TLS connection (ALPN h2) and collects the server's GOAWAY frames. */
export async function sendRawHttp2(
  port: number,
  caPem: string,
  bytes: Uint8Array,
  waitMs: number,
): Promise<RawOutcome> {
  const socket = tls.connect({
    host: "127.0.0.1",
    port,
    servername: "localhost",
    ca: caPem,
    ALPNProtocols: ["h2"],
  });
  socket.on("error", () => {});
  const received: number[] = [];
  socket.on("data", (chunk: Uint8Array) => received.push(...chunk));
  let closed = false;
  const closing = new Promise<void>((resolve) =>
    socket.on("close", () => {
      closed = true;
      resolve();
    })
  );
  await new Promise((resolve) => socket.once("secureConnect", resolve));
  socket.write(bytes);
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, waitMs))]);
  socket.destroy();
  return { goawayCodes: goawayCodes(received), closed };
}

function goawayCodes(bytes: number[]): number[] {
  const codes: number[] = [];
  for (let i = 0; i + 9 <= bytes.length;) {
    const length = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    if (bytes[i + 3] === GOAWAY && i + 17 <= bytes.length) {
      codes.push(
        ((bytes[i + 13] << 24) | (bytes[i + 14] << 16) | (bytes[i + 15] << 8) | bytes[i + 16]) >>>
          0,
      );
    }
    i += 9 + length;
  }
  return codes;
}
