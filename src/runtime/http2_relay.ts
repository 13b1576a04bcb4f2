// A JavaScript hop between a TLS socket and Deno's HTTP/2 session that drops the client's GOAWAY
// frames: Deno's nghttp2 binding can abort the process on a client GOAWAY after ~100 streams
// (denoland/deno#36788); without GOAWAY the session simply ends when its socket does.
import { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { GoawayFilter } from "./goaway_filter.ts";

/** Returns a duplex that carries `socket`'s bytes both ways, minus client GOAWAY frames. */
export function createGoawayRelay(socket: TLSSocket): Duplex {
  const filter = new GoawayFilter();
  const relay = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Uint8Array, _encoding, callback) {
      if (socket.destroyed) return callback();
      if (socket.write(chunk)) callback();
      else socket.once("drain", () => callback());
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy();
      callback(error);
    },
  });
  // The session reads these like a net.Socket's.
  Object.assign(relay, {
    remoteAddress: socket.remoteAddress,
    remotePort: socket.remotePort,
    remoteFamily: socket.remoteFamily,
    encrypted: true,
    alpnProtocol: socket.alpnProtocol,
    setNoDelay: () => relay,
    setKeepAlive: () => relay,
    setTimeout: () => relay,
  });
  socket.on("data", (chunk: Uint8Array) => {
    for (const part of filter.filter(chunk)) {
      if (!relay.push(part)) socket.pause();
    }
  });
  socket.on("end", () => relay.push(null));
  socket.on("close", () => relay.destroy());
  relay.on("error", () => socket.destroy());
  return relay;
}
