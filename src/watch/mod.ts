// Kubernetes watch semantics over a cluster's ObjectStore: replay, filtering, bookmarks, timeouts.

export {
  DEFAULT_WATCH_TIMEOUT_SECONDS,
  type Watch,
  type WatchEndReason,
  type WatchEvent,
  type WatchResource,
  type WatchSpec,
} from "./watch_event.ts";
export { systemClock, type WatchClock } from "./watch_clock.ts";
export { validateWatchSpec, WatchError, type WatchFieldError } from "./watch_error.ts";
export { bookmarkEvent, INITIAL_EVENTS_END_ANNOTATION } from "./status_events.ts";
export { openWatch, type WatchOptions } from "./open_watch.ts";
