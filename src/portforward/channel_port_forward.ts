// Port-forward over the kubelet's own WebSocket protocol (`v4.channel.k8s.io`, no SPDY), as
// kube-apiserver's TunnelingHandler hands a WebSocket upgrade without a `SPDY/3.1+` subprotocol to
// the kubelet (pkg/kubelet/cri/streaming/portforward/websocket.go): two channels per requested
// port, data (2i) and error (2i+1), each opened by the port as two little-endian bytes. The
// Python and JavaScript clients speak it.

import type { ByteStream } from "./byte_stream.ts";
import type { PortForwardHandler } from "./forwarding.ts";
import { rawResponse, statusResponse, textResponse } from "./raw_response.ts";
import {
  type ChannelConnection,
  negotiateChannelProtocol,
  webSocketChannels,
} from "./websocket_channels.ts";
import { webSocketAccept, webSocketHandshakeProblem } from "./websocket_handshake.ts";

/** The subprotocols the kubelet's port-forward accepts ("" when none is offered). */
export const PORT_FORWARD_CHANNEL_PROTOCOLS = [
  "",
  "v4.channel.k8s.io",
  "v4.base64.channel.k8s.io",
] as const;

const encoder = new TextEncoder();

/**
 * The ports of `?ports=` as kube-apiserver decodes them (`Convert_Slice_string_To_Slice_int32`:
 * repeated or comma-separated, each a uint16) then the kubelet checks them (`NewV4Options`):
 * the ports, or the error text with its HTTP status.
 */
export function channelPorts(
  query: URLSearchParams,
): { ports: number[] } | { message: string; source: "apiserver" | "kubelet" } {
  const ports: number[] = [];
  const values = query.getAll("ports");
  for (const value of values) {
    for (const text of value.split(",")) {
      if (!/^\d+$/.test(text) || Number(text) > 65535) {
        const why = /^\d+$/.test(text) ? "value out of range" : "invalid syntax";
        return {
          source: "apiserver",
          message: `cannot convert to []int32: strconv.ParseUint: parsing ${
            JSON.stringify(text)
          }: ${why}`,
        };
      }
      ports.push(Number(text));
    }
  }
  if (ports.length === 0) {
    return { source: "kubelet", message: 'query parameter "port" is required' };
  }
  const zero = ports.indexOf(0);
  if (zero !== -1) {
    return { source: "kubelet", message: `port "0" must be > 0` };
  }
  return { ports };
}

/**
 * Answers a WebSocket port-forward upgrade without SPDY tunnelling and serves it: each port's
 * forward goes to `handler` with a data stream; the connection closes once every forward ended.
 */
export async function serveChannelPortForward(
  request: Request,
  conn: ByteStream,
  head: Uint8Array,
  handler: PortForwardHandler,
  onError?: (error: unknown) => void,
): Promise<ChannelConnection | undefined> {
  const refuse = (bytes: Uint8Array) => {
    conn.write(bytes);
    conn.end();
    return undefined;
  };
  const parsed = channelPorts(new URL(request.url).searchParams);
  if ("message" in parsed) {
    // The apiserver's own decoding fails as a Status; the kubelet's checks come back as text.
    return refuse(
      parsed.source === "apiserver"
        ? statusResponse(400, parsed.message)
        : textResponse(400, parsed.message),
    );
  }
  const problem = webSocketHandshakeProblem(request);
  if (problem) return refuse(textResponse(problem.status, problem.message));
  const protocol = negotiateChannelProtocol(request, PORT_FORWARD_CHANNEL_PROTOCOLS);
  if (protocol === undefined) {
    // x/net/websocket answers a refused handshake with a bare 403.
    return refuse(rawResponse(403, "Forbidden", []));
  }
  const accept = await webSocketAccept(request.headers.get("sec-websocket-key")!.trim());
  conn.write(rawResponse(101, "Switching Protocols", [
    ["Upgrade", "websocket"],
    ["Connection", "Upgrade"],
    ["Sec-WebSocket-Accept", accept],
    ...(protocol === "" ? [] : [["Sec-WebSocket-Protocol", protocol]] as [string, string][]),
  ]));
  const channels = webSocketChannels(conn, head, protocol);
  const streams = parsed.ports.map((_port, index) => channelStream(channels, index * 2));
  let open = streams.length;
  channels.onMessage((channel, data) => {
    // Only data channels are readable; what a client sends on an error channel is dropped.
    if (channel % 2 === 0) streams[channel / 2]?.receive(data);
  });
  channels.onClose(() => streams.forEach((stream) => stream.gone()));
  parsed.ports.forEach((port, index) => {
    const portBytes = new Uint8Array([port & 0xff, port >> 8]);
    channels.send(index * 2, portBytes);
    channels.send(index * 2 + 1, portBytes);
    const stream = streams[index];
    // Once every port's forward returned, the kubelet's handler returns and closes the socket.
    stream.stream.onClose(() => {
      if (--open === 0) channels.close();
    });
    const fail = (message: string) => {
      channels.send(index * 2 + 1, encoder.encode(message));
      stream.stream.destroy();
    };
    try {
      handler({ port, requestId: String(index), data: stream.stream, fail });
    } catch (cause) {
      onError?.(cause);
      fail(`error forwarding port ${port}: ${cause instanceof Error ? cause.message : cause}`);
    }
  });
  return channels;
}

// One data channel as a ByteStream. wsstream channels cannot half-close: an end from either side
// finishes the forward.
function channelStream(channels: ChannelConnection, channel: number) {
  const dataListeners: ((bytes: Uint8Array) => void)[] = [];
  const endListeners: (() => void)[] = [];
  const closeListeners: (() => void)[] = [];
  let held: Uint8Array[] = [];
  let paused = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
  };
  const stream: ByteStream = {
    write: (bytes) => closed ? true : channels.send(channel, bytes),
    end: close,
    destroy: close,
    onData(listener) {
      dataListeners.push(listener);
      // Bytes that came before anyone listened (the target is still being dialled) go first.
      if (dataListeners.length === 1 && !paused) stream.resume();
    },
    onEnd: (listener) => void endListeners.push(listener),
    onClose: (listener) => void closeListeners.push(listener),
    onDrain: (listener) => channels.onDrain(listener),
    // A slow target stops the whole connection being read, as wsstream's single reader blocks on
    // a channel's pipe: nothing queues beyond the chunk already parsed.
    pause() {
      paused = true;
      channels.pause();
    },
    resume() {
      paused = false;
      channels.resume();
      const kept = held;
      held = [];
      for (const bytes of kept) for (const listener of dataListeners) listener(bytes);
    },
  };
  return {
    stream,
    receive(bytes: Uint8Array) {
      if (closed) return;
      if (!paused && dataListeners.length > 0) {
        for (const listener of dataListeners) listener(bytes);
        return;
      }
      // Nobody reads yet: keep the bytes and stop reading the connection until someone does.
      held.push(bytes);
      channels.pause();
    },
    gone() {
      for (const listener of endListeners) listener();
      close();
    },
  };
}
