// Streams a watch as kube-apiserver does over HTTP: JSON documents one per line, or length-prefixed
// protobuf frames, written as they come.

import type { KubeObject } from "../store/mod.ts";
import type { Watch, WatchEvent } from "../watch/mod.ts";
import { objectJson } from "./json_body.ts";
import { UNCACHEABLE } from "./json_text.ts";
import { PROTOBUF_MEDIA_TYPE } from "./negotiation.ts";
import { beginRound, endRound, joinParts } from "./watch_batches.ts";
import { type BodyPusher, type BodySink, withPushedBody } from "../runtime/mod.ts";

const encoder = new TextEncoder();
/** At most this many queued events go out in one write; a busy watch then costs one write per batch. */
const MAX_BATCH = 64;

/**
 * Undefined when every change so far is durable, else a promise that settles when it is (and
 * rejects when the journal failed): the data dir's hold on what clients may see.
 */
export type DurabilityGate = () => Promise<void> | undefined;

/** How a watch stream writes its events. */
export interface WatchEncoding {
  /** The response Content-Type. */
  readonly contentType: string;
  /**
   * The bytes of a batch of events; `index` counts events written before the batch. `shared`:
   * the writer never keeps or hands over the bytes, so one event's bytes may be the same buffer
   * for every watcher; otherwise each stream gets its own (an HTTP adapter that takes ownership
   * of a chunk must not take it from the others).
   */
  encode(events: readonly WatchEvent[], index: number, shared?: boolean): Uint8Array;
}

/**
 * JSON lines: each event becomes `{"type":…,"object":…}\n`, where the object is what
 * `encodeEvent` returns (type meta added, a Table row, …; `index` counts events, so a Table can
 * carry its column definitions on the first only).
 */
export function jsonWatchEncoding(
  encodeEvent: (event: WatchEvent, index: number) => unknown,
): WatchEncoding {
  // Every watcher of the same change sends the same line of a stored object: encoded once.
  const line = (event: WatchEvent, index: number) => {
    const object = encodeEvent(event, index);
    if (object === event.object && typeof object === "object" && object !== null) {
      return sharedEventLine(event.type, object as KubeObject);
    }
    return encoder.encode(`{"type":"${event.type}","object":${JSON.stringify(object)}}\n`);
  };
  return {
    contentType: "application/json",
    encode: (events, index, shared) => concatenated(events, index, line, shared),
  };
}

/**
 * Protobuf frames (`frame` gives each event's length-prefixed WatchEvent, shared by every watcher
 * of an object). kube-apiserver adds `;stream=watch` to every watch media type but JSON's
 * (watch.go serveWatch).
 */
export function protobufWatchEncoding(frame: (event: WatchEvent) => Uint8Array): WatchEncoding {
  return {
    contentType: `${PROTOBUF_MEDIA_TYPE};stream=watch`,
    encode: (events, index, shared) => concatenated(events, index, frame, shared),
  };
}

/**
 * The bytes of each event one after the other; a lone event's own bytes when `shared`, and a
 * batch joined once per flush round for every watcher with the same events (watch_batches.ts).
 */
function concatenated(
  events: readonly WatchEvent[],
  index: number,
  bytesOf: (event: WatchEvent, index: number) => Uint8Array,
  shared = false,
): Uint8Array {
  if (events.length === 1) {
    const bytes = bytesOf(events[0], index);
    return shared ? bytes : bytes.slice();
  }
  const parts = new Array<Uint8Array>(events.length);
  for (let i = 0; i < events.length; i++) parts[i] = bytesOf(events[i], index + i);
  return joinParts(parts, shared);
}

/**
 * A streaming 200 response for `watch`. Pull-based: an event is taken from the watch only when
 * the client reads, so a slow client makes the watch overflow instead of the server buffering;
 * cancelling the body closes the watch. With `durable` (a data dir), a batch leaves only once
 * every change made so far is in the journal, so no watcher sees a change a crash could lose.
 */
export function watchResponse(
  watch: Watch,
  encoding: WatchEncoding,
  durable?: DurabilityGate,
): Response {
  const events = watch[Symbol.asyncIterator]();
  let index = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const result = await events.next();
        if (cancelled) return;
        if (result.done) return controller.close();
        // Take the events that are already waiting, so a burst leaves in one write.
        const batch = [result.value, ...watch.takeReady(MAX_BATCH - 1)];
        // The batch's changes were journaled when they were made, so this covers all of them.
        const pending = durable?.();
        if (pending) await pending;
        if (cancelled) return;
        const bytes = encoding.encode(batch, index);
        index += batch.length;
        controller.enqueue(bytes);
      } catch (error) {
        watch.close();
        if (!cancelled) controller.error(error);
      }
    },
    cancel() {
      cancelled = true;
      watch.close();
    },
  }, { highWaterMark: 0 });
  const response = new Response(body, {
    status: 200,
    headers: { ...UNCACHEABLE, "content-type": encoding.contentType },
  });
  return withPushedBody(response, watchPusher(watch, encoding, durable));
}

/**
 * The same stream written by pushing (fkas's own servers): the watch calls back when events are
 * ready, and every watch with something to send is flushed once at the end of the turn, so all
 * the watchers of a change write in the same turn (one TLS record per HTTP/2 session where the
 * runtime writes through the socket, see pushed_response.ts).
 */
function watchPusher(
  watch: Watch,
  encoding: WatchEncoding,
  durable?: DurabilityGate,
): BodyPusher {
  let sink: BodySink | undefined;
  let index = 0;
  /** Scheduled, waiting for durability, or held by a full buffer: no flush now. */
  let busy = false;
  let full = false;
  let stopped = false;
  const flush = () => {
    busy = false;
    if (stopped || full || !sink) return;
    for (;;) {
      const batch = watch.takeReady(MAX_BATCH);
      if (batch.length === 0) {
        if (watch.done) {
          stopped = true;
          sink.end();
        }
        return;
      }
      const pending = durable?.();
      if (pending) {
        busy = true;
        pending.then(() => write(batch), fail);
        return;
      }
      if (!write(batch)) return;
    }
  };
  const write = (batch: WatchEvent[]): boolean => {
    if (stopped) return false;
    // The sink only writes the bytes out: every watcher of a change writes the same buffer.
    const bytes = encoding.encode(batch, index, true);
    index += batch.length;
    if (sink!.write(bytes)) {
      if (busy) { // after a durability wait: go on with what came meanwhile
        busy = false;
        schedule();
      }
      return true;
    }
    busy = false;
    full = true;
    return false;
  };
  const fail = () => {
    stopped = true;
    watch.close();
    sink?.end();
  };
  const schedule = () => {
    if (full && !stopped && watch.done) {
      // Cut off while its buffer is full (overflow, timeout): end after what is buffered, as the
      // apiserver closes such a watch, instead of waiting for a client that may never read.
      stopped = true;
      return sink!.end();
    }
    if (busy || full || stopped) return;
    busy = true;
    scheduleFlush(flush);
  };
  return {
    start(s) {
      sink = s;
      watch.onReady(schedule);
      schedule();
    },
    drained() {
      full = false;
      schedule();
    },
    closed() {
      stopped = true;
      watch.close();
    },
  };
}

/**
 * Flushes due at the end of this turn of the event loop (setImmediate: after the turn's I/O), one
 * callback for all the watches woken: the changes made by every request read in the turn leave
 * together, one write per watcher, not one per change.
 */
let due: (() => void)[] = [];

function scheduleFlush(flush: () => void): void {
  if (due.length === 0) setImmediate(runDue);
  due.push(flush);
}

function runDue(): void {
  const flushes = due;
  due = [];
  beginRound();
  try {
    for (const flush of flushes) flush();
  } finally {
    endRound();
  }
}

/** The encoded JSON line of the last event type each stored object version was sent with. */
const sharedLines = new WeakMap<object, { type: string; bytes: Uint8Array }>();

/** `{"type":…,"object":…}\n` of a stored object, built once per object version and event type. */
function sharedEventLine(type: string, object: KubeObject): Uint8Array {
  const cached = sharedLines.get(object);
  if (cached?.type === type) return cached.bytes;
  const bytes = encoder.encode(`{"type":"${type}","object":${objectJson(object).slice(0, -1)}}\n`);
  sharedLines.set(object, { type, bytes });
  return bytes;
}
