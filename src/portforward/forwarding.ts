// Hands a complete error+data pair to the handler, as kubelet's httpStreamHandler.portForward does.
import type { ByteStream } from "./byte_stream.ts";
import { firstHeader, type SpdyHeaders } from "./spdy_header_block.ts";
import type { StreamPair } from "./stream_pairs.ts";

/** One forwarded connection, handed to the handler once its error and data streams are both open. */
export interface PortForwardRequest {
  /** The data stream's `port` header (the client's remote port). */
  port: number;
  requestId: string;
  /** The tunnelled bytes: writes become DATA frames, `end()` sends FIN. */
  data: ByteStream;
  /** Reports a failure as kubelet does: the text on the error stream, then both streams end. */
  fail(message: string): void;
}

/** Serves one forwarded connection. */
export type PortForwardHandler = (request: PortForwardRequest) => void;

const encoder = new TextEncoder();

/** Why a new stream must be reset (kubelet's httpStreamReceived checks), or undefined. */
export function streamHeaderProblem(headers: SpdyHeaders): string | undefined {
  const port = firstHeader(headers, "port");
  if (!port) return `"port" header is required`;
  if (!/^\d+$/.test(port) || Number(port) > 65535) return `unable to parse "${port}" as a port`;
  if (Number(port) < 1) return `port "${port}" must be > 0`;
  const type = firstHeader(headers, "streamtype");
  if (!type) return `"streamtype" header is required`;
  if (type !== "error" && type !== "data") return `invalid stream type "${type}"`;
}

/** Calls the handler with the data stream; the error stream ends when the data stream closes. */
export function startForwarding(
  { requestId, error, data }: StreamPair,
  handler: PortForwardHandler,
  onError?: (error: unknown) => void,
): void {
  data.onClose(() => error.end()); // kubelet closes the error stream when forwarding returns
  const fail = (message: string) => {
    error.write(encoder.encode(message));
    error.end();
    data.end();
  };
  const port = Number(firstHeader(data.headers, "port"));
  try {
    handler({ port, requestId, data, fail });
  } catch (cause) {
    onError?.(cause);
    fail(`error forwarding port ${port}: ${cause instanceof Error ? cause.message : cause}`);
  }
}
