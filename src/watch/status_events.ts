// The synthetic events a watch makes itself: bookmarks and the ERROR events that end a watch early.

import type { WatchEvent, WatchResource } from "./watch_event.ts";

/** The annotation on the bookmark that ends the initial events of a watch-list (KEP-3157). */
export const INITIAL_EVENTS_END_ANNOTATION = "k8s.io/initial-events-end";

/** A BOOKMARK at `resourceVersion`; `initialEventsEnd` marks the end of the initial events. */
export function bookmarkEvent(
  resource: WatchResource,
  resourceVersion: number,
  initialEventsEnd = false,
): WatchEvent {
  const metadata: Record<string, unknown> = { resourceVersion: String(resourceVersion) };
  if (initialEventsEnd) metadata.annotations = { [INITIAL_EVENTS_END_ANNOTATION]: "true" };
  return {
    type: "BOOKMARK",
    object: { kind: resource.kind, apiVersion: resource.apiVersion, metadata },
  };
}

/** The 410 Expired ERROR a resume from a resourceVersion older than the history gets (`watch_cache.go`). */
export function expiredEvent(requested: number, oldestResumable: number): WatchEvent {
  return errorEvent({
    message: `too old resource version: ${requested} (${oldestResumable})`,
    reason: "Expired",
    code: 410,
  });
}

/**
 * The 504 ERROR a watch-list gets when the store does not reach the requested resourceVersion in
 * time (`storage.NewTooLargeResourceVersionError`, retry after 1 s).
 */
export function tooLargeEvent(requested: number, current: number): WatchEvent {
  return errorEvent({
    message: `Timeout: Too large resource version: ${requested}, current: ${current}`,
    reason: "Timeout",
    details: {
      causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
      retryAfterSeconds: 1,
    },
    code: 504,
  });
}

function errorEvent(status: Record<string, unknown>): WatchEvent {
  return {
    type: "ERROR",
    object: { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", ...status },
  };
}
