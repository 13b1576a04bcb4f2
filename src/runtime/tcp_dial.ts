// Opens a TCP connection as a plain byte stream (the port-forward tunnel's loopback hop).
import net from "node:net";

/** A connected TCP socket seen as bytes in and out (structurally a portforward ByteStream). */
export interface TcpStream {
  /** False when the socket buffers past its high-water mark (wait for `onDrain`). */
  write(bytes: Uint8Array): boolean;
  end(): void;
  destroy(): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  onEnd(listener: () => void): void;
  onClose(listener: () => void): void;
  onDrain(listener: () => void): void;
  /** Stops reading (TCP flow control reaches the peer) until `resume`. */
  pause(): void;
  resume(): void;
}

/** Connects to host:port with Nagle off; rejects with the socket error when the connection fails. */
export function dialTcp(host: string, port: number): Promise<TcpStream> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, allowHalfOpen: true });
    socket.setNoDelay(true);
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      socket.on("error", () => socket.destroy());
      resolve({
        write: (bytes) => socket.destroyed || !socket.writable || socket.write(bytes),
        end: () => socket.end(),
        destroy: () => socket.destroy(),
        onData: (listener) => socket.on("data", listener),
        onEnd: (listener) => socket.on("end", listener),
        onClose: (listener) => socket.once("close", listener),
        onDrain: (listener) => socket.on("drain", listener),
        pause: () => socket.pause(),
        resume: () => socket.resume(),
      });
    });
  });
}
