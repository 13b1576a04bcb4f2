// Streams a watch as kube-apiserver does over HTTP: JSON documents, one per line, written as they come.

import type { KubeObject } from "../store/mod.ts";
import type { Watch, WatchEvent } from "../watch/mod.ts";
import { objectJson } from "./json_body.ts";
import { UNCACHEABLE } from "./json_text.ts";

const encoder = new TextEncoder();
/** At most this many queued events go out in one write; a busy watch then costs one write per batch. */
const MAX_BATCH = 64;

/**
 * A streaming 200 response for `watch`: each event becomes `{"type":…,"object":…}\n`, where the
 * object is what `encodeEvent` returns (type meta added, a Table row, …; `index` counts events, so
 * a Table can carry its column definitions on the first only). Pull-based: an event is taken from
 * the watch only when the client reads, so a slow client makes the watch overflow instead of the
 * server buffering; cancelling the body closes the watch.
 */
export function watchResponse(
  watch: Watch,
  encodeEvent: (event: WatchEvent, index: number) => unknown,
): Response {
  const events = watch[Symbol.asyncIterator]();
  let index = 0;
  let cancelled = false;
  const line = (event: WatchEvent) =>
    `{"type":"${event.type}","object":${eventObjectJson(event, encodeEvent(event, index++))}}\n`;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const result = await events.next();
        if (cancelled) return;
        if (result.done) return controller.close();
        let text = line(result.value);
        // Take the events that are already waiting, so a burst leaves in one write.
        for (const event of watch.takeReady(MAX_BATCH - 1)) text += line(event);
        controller.enqueue(encoder.encode(text));
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
  return new Response(body, {
    status: 200,
    headers: { ...UNCACHEABLE, "content-type": "application/json" },
  });
}

/** JSON of an event's object; shared across watchers when the encoder passed the stored object through. */
function eventObjectJson(event: WatchEvent, object: unknown): string {
  if (object !== event.object || typeof object !== "object" || object === null) {
    return JSON.stringify(object);
  }
  return objectJson(object as KubeObject);
}
