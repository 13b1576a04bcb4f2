// exec and attach over SPDY/3.1, as the kubelet's remotecommand server answers them: negotiate the
// protocol (`X-Stream-Protocol-Version`, the client's order wins), accept the streams the options
// call for (error; stdin, stdout, stderr; resize with a TTY from v3), then write the Status on the
// error stream (JSON from v4, its message before) and end every stream.

import {
  type ByteStream,
  type HeaderCompression,
  rawResponse,
  serveSpdyPortForward,
  type SpdyStream,
  statusResponse,
} from "../../portforward/mod.ts";
import { queryBool } from "../options_invalid.ts";
import { writesJsonStatus } from "./stream_answers.ts";

/** kubelet remotecommand `SupportedStreamingProtocols`, newest first. */
export const SPDY_STREAM_PROTOCOLS = [
  "v4.channel.k8s.io",
  "v3.channel.k8s.io",
  "v2.channel.k8s.io",
  "channel.k8s.io",
] as const;

const STREAM_TYPES = new Set(["error", "stdin", "stdout", "stderr", "resize"]);
const encoder = new TextEncoder();

/**
 * Upgrades to SPDY and ends with `status` on the error stream once every expected stream is
 * open; a client that offers no protocol the kubelet speaks gets httpstream's 403.
 */
export function serveSpdyStream(
  request: Request,
  conn: ByteStream,
  head: Uint8Array,
  status: Record<string, unknown>,
  compression: (maxHeaderBytes: number) => HeaderCompression,
): void {
  const offered = request.headers.get("x-stream-protocol-version")?.split(",")
    .map((p) => p.trim()).filter((p) => p) ?? [];
  const protocol = offered.find((p) => (SPDY_STREAM_PROTOCOLS as readonly string[]).includes(p));
  if (protocol === undefined) {
    const accepted = SPDY_STREAM_PROTOCOLS.join(" ");
    const message = offered.length === 0
      ? "unable to upgrade: X-Stream-Protocol-Version is required"
      : `unable to upgrade: unable to negotiate protocol: client supports [${
        offered.join(" ")
      }], server accepts [${accepted}]`;
    conn.write(statusResponse(403, message, [
      ["X-Accepted-Stream-Protocol-Versions", SPDY_STREAM_PROTOCOLS.join(", ")],
    ]));
    conn.end();
    return;
  }
  conn.write(rawResponse(101, "Switching Protocols", [
    ["Connection", "Upgrade"],
    ["Upgrade", "SPDY/3.1"],
    ["X-Stream-Protocol-Version", protocol],
  ]));
  const query = new URL(request.url).searchParams;
  const tty = queryBool(query.get("tty"));
  const resizes = tty && protocol !== "channel.k8s.io" && protocol !== "v2.channel.k8s.io";
  // remotecommand createStreams: the error stream, one per requested stream, resize with a TTY.
  const expected = 1 + (queryBool(query.get("stdin")) ? 1 : 0) +
    (queryBool(query.get("stdout")) ? 1 : 0) +
    (resizes ? 1 : (queryBool(query.get("stderr")) ? 1 : 0));
  const opened: SpdyStream[] = [];
  let error: SpdyStream | undefined;
  serveSpdyPortForward(conn, head, {
    compression: compression(64 * 1024),
    handler: () => {},
    streams: {
      problem(headers) {
        const type = headers.get("streamtype")?.[0] ?? "";
        return STREAM_TYPES.has(type) ? undefined : `invalid stream type "${type}"`;
      },
      accepted(stream, headers) {
        // Nothing runs: whatever the client sends is dropped, never buffered.
        stream.onData(() => {});
        opened.push(stream);
        if (headers.get("streamtype")?.[0] === "error") error = stream;
        if (opened.length < expected || !error) return;
        const payload = writesJsonStatus(protocol)
          ? JSON.stringify(status)
          : String(status.message);
        error.write(encoder.encode(payload));
        // The client closes the connection once the error stream ends; the session's idle
        // timeout is the backstop.
        for (const open of opened) open.end();
      },
    },
  });
}
