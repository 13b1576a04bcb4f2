// Port-forward tunnels: SPDY/3.1 and SPDY-over-WebSocket, pure codecs plus one tunnel function.
export type { ByteStream } from "./byte_stream.ts";
export { type CancelTimer, type Clock, systemClock } from "./clock.ts";
export { SPDY_DICTIONARY } from "./spdy_dictionary.ts";
export {
  encodeFrame,
  Flag,
  FrameType,
  GoawayStatus,
  MAX_FRAME_PAYLOAD,
  RstStatus,
  type SettingsEntry,
  type SpdyFrame,
} from "./spdy_frames.ts";
export { SpdyFrameParser, SpdyProtocolError } from "./spdy_parser.ts";
export {
  decodeHeaderBlock,
  encodeHeaderBlock,
  firstHeader,
  type SpdyHeaders,
  spdyHeaders,
} from "./spdy_header_block.ts";
export { type HeaderCompression, SpdyFramer, type SpdyMessage } from "./spdy_framer.ts";
export type { PortForwardHandler, PortForwardRequest } from "./forwarding.ts";
export {
  serveSpdyPortForward,
  type SpdySession,
  type SpdySessionOptions,
  type SpdyStreamPolicy,
} from "./spdy_session.ts";
export type { SpdyStream } from "./spdy_stream.ts";
export {
  CloseCode,
  encodeWebSocketFrame,
  Opcode,
  type WebSocketFrame,
  WebSocketFrameParser,
  WebSocketProtocolError,
} from "./websocket_frames.ts";
export { webSocketAccept } from "./websocket_handshake.ts";
export { webSocketByteStream, type WebSocketByteStreamOptions } from "./websocket_byte_stream.ts";
export {
  PORT_FORWARD_PROTOCOL,
  portForwardUpgradeAnswer,
  SPDY_TUNNEL_PREFIX,
  spdyUpgradeAnswer,
  type UpgradeAnswer,
  webSocketUpgradeAnswer,
} from "./upgrade_answers.ts";
export { socketByteStream } from "./socket_byte_stream.ts";
export { type PortForwardTunnelOptions, servePortForward } from "./port_forward_tunnel.ts";
export { pipeBoth } from "./pipe.ts";
export { DEFAULT_TUNNEL_LIMITS, type TunnelLimits } from "./tunnel_limits.ts";
export {
  type ApiserverAnswer,
  apiserverStatusResponse,
  refusalStatus,
  statusResponse,
} from "./raw_response.ts";
export {
  channelPorts,
  PORT_FORWARD_CHANNEL_PROTOCOLS,
  serveChannelPortForward,
} from "./channel_port_forward.ts";
export {
  type ChannelConnection,
  negotiateChannelProtocol,
  webSocketChannels,
} from "./websocket_channels.ts";
export { rawResponse, textResponse } from "./raw_response.ts";
