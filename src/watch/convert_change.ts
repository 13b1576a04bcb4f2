// Turns one store change into what one watcher sees, as the cacher's `convertToWatchEvent` does.

import type { KubeObject, StoreChange } from "../store/mod.ts";
import type { WatchEvent } from "./watch_event.ts";

/**
 * The event a watcher with filter `passes` gets for `change`, or undefined. An update that makes an
 * object match is ADDED; one that makes it stop matching is DELETED and carries the previous content
 * with the change's resourceVersion (`cache_watcher.go`: "return a delete event with the previous
 * object content, but with the event's resource version").
 */
export function convertChange(
  change: StoreChange,
  passes: (object: KubeObject) => boolean,
): WatchEvent | undefined {
  if (change.type === "DELETED") {
    return passes(change.previous ?? change.object)
      ? { type: "DELETED", object: change.object }
      : undefined;
  }
  const now = passes(change.object);
  const before = change.previous !== undefined && passes(change.previous);
  if (now) return { type: before ? "MODIFIED" : "ADDED", object: change.object };
  if (!before) return undefined;
  const previous = change.previous!;
  return {
    type: "DELETED",
    object: {
      ...previous,
      metadata: { ...previous.metadata, resourceVersion: String(change.resourceVersion) },
    },
  };
}
