// An upgraded node-style socket (the runtime's UpgradeSocket) seen as a ByteStream.
import type { UpgradeSocket } from "../runtime/mod.ts";
import type { ByteStream } from "./byte_stream.ts";
import { StreamEvents } from "./stream_events.ts";

/** Wraps the raw socket of an upgrade request; bytes that arrive before a listener are kept. */
export function socketByteStream(socket: UpgradeSocket): ByteStream {
  const events = new StreamEvents();
  let ended = false;
  socket.on("data", (chunk) => events.data(chunk));
  socket.on("end", () => events.end());
  socket.on("error", () => socket.destroy()); // "close" follows and tells the listeners
  socket.on("close", () => events.close());
  return {
    write(bytes) {
      return ended || events.closed || socket.write(bytes);
    },
    end() {
      if (ended || events.closed) return;
      ended = true;
      socket.end();
    },
    destroy() {
      ended = true;
      socket.destroy();
      events.close();
    },
    onData: (listener) => events.onData(listener),
    onEnd: (listener) => events.onEnd(listener),
    onClose: (listener) => events.onClose(listener),
    onDrain: (listener) => socket.on("drain", listener),
    // The socket stops reading, so TCP flow control reaches the client.
    pause: () => socket.pause(),
    resume: () => socket.resume(),
  };
}
