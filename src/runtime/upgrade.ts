// The seam for HTTP/1.1 upgrade requests (SPDY/WebSocket port-forward): raw socket plus head bytes.
import type { IncomingMessage } from "node:http";
import type { Peer } from "./peer.ts";

/** The raw byte connection of an upgraded request: a structural subset of a node socket, so callers need no node types. */
export interface UpgradeSocket {
  write(chunk: Uint8Array | string): boolean;
  end(chunk?: Uint8Array | string): void;
  destroy(): void;
  pause(): unknown;
  resume(): unknown;
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end" | "close" | "drain", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** Takes over a connection after an `Upgrade` request; `head` holds bytes the client sent after the request. */
export type UpgradeHandler = (
  request: Request,
  socket: UpgradeSocket,
  head: Uint8Array,
  peer: Peer,
) => void | Promise<void>;

/** Builds the web Request (no body) of an upgrade request. */
export function upgradeRequestOf(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
  }
  const host = incoming.headers.host ?? "localhost";
  return new Request(new URL(incoming.url ?? "/", `https://${host}`), {
    method: incoming.method,
    headers,
  });
}

/** Refuses an upgrade when the endpoint has no upgrade handler. */
export function refuseUpgrade(socket: UpgradeSocket): void {
  socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
}
