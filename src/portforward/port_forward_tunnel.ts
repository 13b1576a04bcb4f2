// The one tunnel function: answer the upgrade request, then run SPDY directly or inside WebSocket.
import type { ByteStream } from "./byte_stream.ts";
import type { HeaderCompression } from "./spdy_framer.ts";
import { serveSpdyPortForward, type SpdySession, type SpdySessionOptions } from "./spdy_session.ts";
import { DEFAULT_TUNNEL_LIMITS } from "./tunnel_limits.ts";
import {
  isWebSocketUpgrade,
  offersSpdyTunnel,
  portForwardUpgradeAnswer,
} from "./upgrade_answers.ts";
import { serveChannelPortForward } from "./channel_port_forward.ts";
import { webSocketByteStream, type WebSocketByteStreamOptions } from "./websocket_byte_stream.ts";

/** Session settings, with compression made per accepted connection. */
export interface PortForwardTunnelOptions extends Omit<SpdySessionOptions, "compression"> {
  /**
   * Creates one connection's zlib contexts, refusing inflated blocks over `maxHeaderBytes`
   * (e.g. `(max) => createHeaderCompression(SPDY_DICTIONARY, max)`).
   */
  compression: (maxHeaderBytes: number) => HeaderCompression;
  webSocket?: WebSocketByteStreamOptions;
}

/**
 * Answers a `.../portforward` upgrade on `conn` and serves it; the SPDY session, or undefined when
 * it was refused (and ended) or runs over the kubelet's WebSocket channels.
 */
export async function servePortForward(
  request: Request,
  conn: ByteStream,
  head: Uint8Array,
  options: PortForwardTunnelOptions,
): Promise<SpdySession | undefined> {
  // TunnelingHandler: a WebSocket upgrade offering no `SPDY/3.1+` subprotocol goes to the
  // kubelet's own WebSocket port-forward.
  if (isWebSocketUpgrade(request) && !offersSpdyTunnel(request)) {
    await serveChannelPortForward(request, conn, head, options.handler, options.onError);
    return undefined;
  }
  const answer = await portForwardUpgradeAnswer(request);
  conn.write(answer.bytes);
  if (answer.tunnel === null) {
    conn.end();
    return undefined;
  }
  const limits = { ...DEFAULT_TUNNEL_LIMITS, ...options.limits };
  const sessionOptions = { ...options, compression: options.compression(limits.maxHeaderBytes) };
  if (answer.tunnel === "spdy") return serveSpdyPortForward(conn, head, sessionOptions);
  const tunnel = webSocketByteStream(conn, head, options.webSocket);
  return serveSpdyPortForward(tunnel, new Uint8Array(), sessionOptions);
}
