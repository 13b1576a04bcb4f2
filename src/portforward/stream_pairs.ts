// Pairs each forwarded connection's error and data streams, as kubelet's httpStreamHandler does.
import type { CancelTimer, Clock } from "./clock.ts";
import { firstHeader } from "./spdy_header_block.ts";
import type { SpdyStream } from "./spdy_stream.ts";

/** A complete pair: the error stream (messages for the client) and the data stream (the bytes). */
export interface StreamPair {
  requestId: string;
  error: SpdyStream;
  data: SpdyStream;
}

interface PendingPair {
  error?: SpdyStream;
  data?: SpdyStream;
  cancel: CancelTimer;
}

const encoder = new TextEncoder();

/** The pair key: the `requestid` header, else the error stream's ID or the data stream's ID − 2 (old clients). */
export function pairingKey(stream: SpdyStream, kind: "error" | "data"): string {
  const requestId = firstHeader(stream.headers, "requestid");
  if (requestId) return requestId;
  return String(kind === "error" ? stream.id : stream.id - 2);
}

/** Collects streams until both halves of a request are present or its timeout passes. */
export class StreamPairs {
  readonly #pending = new Map<string, PendingPair>();
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #onComplete: (pair: StreamPair) => void;

  /** `onComplete` runs once per finished pair; incomplete pairs expire after `timeoutMs`. */
  constructor(clock: Clock, timeoutMs: number, onComplete: (pair: StreamPair) => void) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
    this.#onComplete = onComplete;
  }

  /** The number of incomplete pairs (each holds one timer). */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Adds an accepted stream of the given kind. */
  add(stream: SpdyStream, kind: "error" | "data"): void {
    const requestId = pairingKey(stream, kind);
    let pair = this.#pending.get(requestId);
    if (!pair) {
      const cancel = this.#clock.setTimeout(() => this.#expire(requestId), this.#timeoutMs);
      pair = { cancel };
      this.#pending.set(requestId, pair);
    }
    if (pair[kind]) {
      // kubelet prints the error on the pair's error stream and keeps the first stream.
      const message =
        `error processing stream for request ${requestId}: ${kind} stream already assigned`;
      pair.error?.write(encoder.encode(message));
      stream.destroy();
      return;
    }
    pair[kind] = stream;
    // A stream reset or closed while it waits leaves its pair, and an empty pair goes with its
    // timer: otherwise SYN_STREAM + RST_STREAM with fresh request IDs would pile up pairs for 30 s.
    stream.onClose(() => this.#leave(requestId, kind, stream));
    if (pair.error && pair.data) {
      pair.cancel();
      this.#pending.delete(requestId);
      this.#onComplete({ requestId, error: pair.error, data: pair.data });
    }
  }

  /** Cancels every pending timer (the connection is closing; its streams are aborted elsewhere). */
  clear(): void {
    for (const pair of this.#pending.values()) pair.cancel();
    this.#pending.clear();
  }

  #leave(requestId: string, kind: "error" | "data", stream: SpdyStream): void {
    const pair = this.#pending.get(requestId);
    if (!pair || pair[kind] !== stream) return; // complete, expired, or a later stream's
    delete pair[kind];
    if (pair.error || pair.data) return;
    pair.cancel();
    this.#pending.delete(requestId);
  }

  #expire(requestId: string): void {
    const pair = this.#pending.get(requestId);
    if (!pair) return;
    this.#pending.delete(requestId);
    pair.error?.write(encoder.encode(`(request=${requestId}) timed out waiting for streams`));
    pair.error?.end();
    pair.data?.destroy();
  }
}
