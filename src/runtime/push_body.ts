// A response body the HTTP server lets its producer write straight to the connection: a watch with
// hundreds of streams pays per event for a ReadableStream pull, a reader promise and the adapter's
// copy loop when it goes through the web body; pushed, an event costs one write per stream.

/** Where a pushed body writes: one HTTP/1.1 response or one HTTP/2 stream. */
export interface BodySink {
  /**
   * Queues `bytes` (which the sink may keep: pass a buffer of the stream's own); false when the
   * connection's buffer is full, and then `drained` is called once it has room again.
   */
  write(bytes: Uint8Array): boolean;
  /** Ends the body (a chunked terminator, or END_STREAM). */
  end(): void;
}

/** What a pushed body is told by its sink. */
export interface BodyPusher {
  /** Starts writing to `sink`; called once, after the response head is sent. */
  start(sink: BodySink): void;
  /** The sink's buffer has room again after `write` returned false. */
  drained(): void;
  /** The client went away (or the stream was reset): stop and free everything. */
  closed(): void;
}

const pushers = new WeakMap<Response, BodyPusher>();

/**
 * Marks `response` (which keeps its web body for any other consumer: app.request in tests, a
 * wrapper that rebuilds the response) as writable by `pusher` when served by fkas's own servers.
 */
export function withPushedBody(response: Response, pusher: BodyPusher): Response {
  pushers.set(response, pusher);
  return response;
}

/** The pusher of a response marked by `withPushedBody`, if any. */
export function pushedBodyOf(response: Response): BodyPusher | undefined {
  return pushers.get(response);
}
