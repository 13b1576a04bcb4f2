// The server side of a port-forward SPDY/3.1 connection: accept, pair and hand over streams.
import type { ByteStream } from "./byte_stream.ts";
import { type Clock, systemClock } from "./clock.ts";
import { encodeFrame, Flag, GoawayStatus, RstStatus } from "./spdy_frames.ts";
import { type HeaderCompression, SpdyFramer, type SpdyMessage } from "./spdy_framer.ts";
import { firstHeader, type SpdyHeaders } from "./spdy_header_block.ts";
import { SpdyStream } from "./spdy_stream.ts";
import { StreamPairs } from "./stream_pairs.ts";
import { type PortForwardHandler, startForwarding, streamHeaderProblem } from "./forwarding.ts";
import { DEFAULT_TUNNEL_LIMITS, maxControlPayload, type TunnelLimits } from "./tunnel_limits.ts";
import { concatBytes } from "../encoding/mod.ts";

// Unflushed output past this is written at once instead of at the end of the turn.
const FLUSH_AT = 64 * 1024;

/** Settings of one session; only `handler` and `compression` are required. */
export interface SpdySessionOptions {
  handler: PortForwardHandler;
  /** This connection's zlib contexts (closed with the session). */
  compression: HeaderCompression;
  clock?: Clock;
  /** Closes a connection without frames for this long (apiserver: 10 min); 0 disables. */
  idleTimeoutMs?: number;
  /** How long the first stream of a pair waits for the other (kubelet: 30 s). */
  pairTimeoutMs?: number;
  /** The largest DATA payload sent (32 KiB, kubelet's copy buffer). */
  maxDataFrameSize?: number;
  /** Header, buffer and stream bounds (defaults: DEFAULT_TUNNEL_LIMITS); `maxHeaderBytes` is the compression's. */
  limits?: Partial<TunnelLimits>;
  /** Rejected streams, broken framing, handler exceptions: for logging only. */
  onError?: (error: unknown) => void;
  /**
   * What accepted streams are for (exec and attach bring their own); by default port-forward's:
   * error and data streams paired by requestid, handed to `handler`.
   */
  streams?: SpdyStreamPolicy;
}

/** Which new streams a session accepts, and what becomes of them. */
export interface SpdyStreamPolicy {
  /** Why a stream with these headers is refused (reset with CANCEL), or undefined. */
  problem(headers: SpdyHeaders): string | undefined;
  /** Takes an accepted stream (its SYN_REPLY already sent). */
  accepted(stream: SpdyStream, headers: SpdyHeaders): void;
}

/** A running session. */
export interface SpdySession {
  /** Sends GOAWAY and tears down every stream and the connection. */
  close(): void;
  /** Resolves once the session has torn down (for any reason). */
  readonly closed: Promise<void>;
  /** Streams currently open. */
  readonly streamCount: number;
  /** Peer bytes that streams keep because nobody took them yet. */
  readonly bufferedBytes: number;
}

/** Runs the server side of SPDY port-forward on an upgraded connection; `head` holds bytes already read. */
export function serveSpdyPortForward(
  conn: ByteStream,
  head: Uint8Array,
  options: SpdySessionOptions,
): SpdySession {
  const clock = options.clock ?? systemClock;
  const idleTimeoutMs = options.idleTimeoutMs ?? 10 * 60_000;
  const limits = { ...DEFAULT_TUNNEL_LIMITS, ...options.limits };
  const streams = new Map<number, SpdyStream>();
  // Flow control: the connection is not read while a stream's reader is paused (its target is
  // slow) or while our own writes wait for the client to read (so unanswered PINGs and SYN_REPLYs
  // cannot pile up); peer bytes kept by streams are counted against the connection's budget.
  const pausedStreams = new Set<number>();
  let writesBlocked = false;
  let connPaused = false;
  let bufferedBytes = 0;
  const outgoing: Uint8Array[] = [];
  let outgoingBytes = 0;
  let lastStreamId = 0;
  let goingAway = false;
  let closed = false;
  let lastActivity = clock.now();
  let cancelIdle = () => {};
  let resolveClosed = () => {};
  const closedPromise = new Promise<void>((resolve) => resolveClosed = resolve);

  const touch = () => lastActivity = clock.now();
  const framer = new SpdyFramer({
    write(bytes) {
      touch();
      // Frames written in one turn go out as one write: a chunk of 5,000 PINGs costs one socket
      // write of their replies, not 5,000 (each with the runtime's own per-write overhead).
      if (outgoing.push(bytes) === 1) queueMicrotask(flush);
      outgoingBytes += bytes.length;
      if (outgoingBytes >= FLUSH_AT) flush(); // so that a full socket pauses reading at once
    },
    compression: options.compression,
    onMessage: (message) => handle(message),
    onError: (error) => abandon(GoawayStatus.protocolError, error),
    maxControlPayload: maxControlPayload(limits.maxHeaderBytes),
    maxHeaderCount: limits.maxHeaderCount,
  });
  const send = (message: SpdyMessage) => framer.send(message);
  const link = {
    send,
    maxDataFrameSize: options.maxDataFrameSize ?? 32 * 1024,
    maxBufferedBytes: limits.maxStreamBufferBytes,
    onClosed(stream: SpdyStream) {
      streams.delete(stream.id);
      if (goingAway && streams.size === 0) teardown("end");
    },
    writable: () => !writesBlocked,
    buffered(delta: number) {
      bufferedBytes += delta;
      return delta <= 0 || bufferedBytes <= limits.maxConnectionBufferBytes;
    },
    paused(stream: SpdyStream, paused: boolean) {
      if (paused) pausedStreams.add(stream.id);
      else if (!pausedStreams.delete(stream.id)) return;
      updateFlow();
    },
  };

  function flush(): void {
    if (outgoing.length === 0) return;
    const bytes = outgoing.length === 1 ? outgoing[0] : concatBytes(outgoing);
    outgoing.length = 0;
    outgoingBytes = 0;
    if (conn.write(bytes) === false && !writesBlocked) (writesBlocked = true, updateFlow());
  }

  function updateFlow(): void {
    const pause = !closed && (writesBlocked || pausedStreams.size > 0);
    if (pause === connPaused) return;
    connPaused = pause;
    if (pause) (conn.pause(), framer.pause());
    else (conn.resume(), framer.resume());
  }
  const pairs = new StreamPairs(
    clock,
    options.pairTimeoutMs ?? 30_000,
    (pair) => startForwarding(pair, options.handler, options.onError),
  );
  const policy: SpdyStreamPolicy = options.streams ?? {
    problem: streamHeaderProblem,
    accepted(stream, headers) {
      const kind = firstHeader(headers, "streamtype") as "error" | "data";
      if (kind === "error") stream.onData(() => {}); // clients never write here; drop, do not buffer
      pairs.add(stream, kind);
    },
  };

  function accept(message: Extract<SpdyMessage, { type: "syn_stream" }>): void {
    const { streamId, headers } = message;
    const reset = (status: number) => send({ type: "rst_stream", streamId, status });
    if (goingAway) return reset(RstStatus.refusedStream);
    if (streamId % 2 === 0 || streamId <= lastStreamId) return reset(RstStatus.protocolError);
    lastStreamId = streamId;
    if (streams.size >= limits.maxConcurrentStreams) return reset(RstStatus.refusedStream);
    const problem = policy.problem(headers);
    if (problem) {
      options.onError?.(new Error(`Cannot accept SPDY stream ${streamId}: ${problem}`));
      return reset(RstStatus.cancel); // apimachinery rejects with stream.Reset(): CANCEL
    }
    const stream = new SpdyStream(streamId, headers, link, (message.flags & Flag.fin) !== 0);
    streams.set(streamId, stream);
    send({ type: "syn_reply", streamId, flags: 0, headers: new Map() });
    policy.accepted(stream, headers);
  }

  function handle(message: SpdyMessage): void {
    touch();
    switch (message.type) {
      case "syn_stream":
        return accept(message);
      case "data":
        return streams.get(message.streamId)?.receiveData(
          message.data,
          (message.flags & Flag.fin) !== 0,
        );
      case "headers":
        if (message.flags & Flag.fin) streams.get(message.streamId)?.receiveFin();
        return;
      case "rst_stream":
        return streams.get(message.streamId)?.abort(); // unknown IDs are harmless
      case "ping":
        if (message.id % 2 === 1) send(message); // echo client pings (odd IDs); ours would be even
        return;
      case "goaway":
        goingAway = true;
        if (streams.size === 0) teardown("end");
        return;
      default:
        return; // SYN_REPLY (we open no streams), SETTINGS and WINDOW_UPDATE: no flow control
    }
  }

  function abandon(status: number, cause?: unknown): void {
    if (closed) return;
    if (cause !== undefined) options.onError?.(cause);
    // Written directly: frames still waiting on zlib are dropped anyway.
    flush();
    conn.write(encodeFrame({ type: "goaway", lastGoodStreamId: lastStreamId, status }));
    teardown("end");
  }

  function teardown(mode: "end" | "destroy" | "none"): void {
    if (closed) return;
    closed = true;
    framer.stop();
    cancelIdle();
    pairs.clear();
    for (const stream of [...streams.values()]) stream.abort();
    streams.clear();
    options.compression.close();
    if (mode === "end") (flush(), conn.end());
    if (mode !== "end") outgoing.length = 0;
    if (mode === "destroy") conn.destroy();
    resolveClosed();
  }

  function armIdle(delay: number): void {
    cancelIdle = clock.setTimeout(() => {
      const idle = clock.now() - lastActivity;
      if (idle >= idleTimeoutMs) teardown("destroy");
      else armIdle(idleTimeoutMs - idle);
    }, delay);
  }

  if (idleTimeoutMs > 0) armIdle(idleTimeoutMs);
  conn.onData((bytes) => (touch(), framer.receive(bytes)));
  conn.onDrain(() => {
    if (closed || !writesBlocked) return;
    writesBlocked = false;
    updateFlow();
    for (const stream of [...streams.values()]) if (!writesBlocked) stream.drained();
  });
  conn.onEnd(() => teardown("end"));
  conn.onClose(() => teardown("none"));
  if (head.length > 0) framer.receive(head);
  return {
    close: () => abandon(GoawayStatus.ok),
    closed: closedPromise,
    get streamCount() {
      return streams.size;
    },
    get bufferedBytes() {
      return bufferedBytes;
    },
  };
}
