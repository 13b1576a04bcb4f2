// Turns one store change into what one watcher sees, as the cacher's `convertToWatchEvent` does.

import type { KubeObject, StoreChange } from "../store/mod.ts";
import type { WatchEvent } from "./watch_event.ts";

/**
 * The events of the change every watcher is being told about: a store tells all its watchers of
 * one change before the next, so the watchers of a change share its few possible events instead
 * of each building its own (events are never changed once made).
 */
let current: StoreChange | undefined;
let events: { added?: WatchEvent; modified?: WatchEvent; deleted?: WatchEvent; gone?: WatchEvent } =
  {};

function eventsOf(change: StoreChange) {
  if (change !== current) {
    current = change;
    events = {};
  }
  return events;
}

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
    if (!passes(change.previous ?? change.object)) return undefined;
    const shared = eventsOf(change);
    return shared.deleted ??= { type: "DELETED", object: change.object };
  }
  const now = passes(change.object);
  const before = change.previous !== undefined && passes(change.previous);
  if (now) {
    const shared = eventsOf(change);
    return before
      ? shared.modified ??= { type: "MODIFIED", object: change.object }
      : shared.added ??= { type: "ADDED", object: change.object };
  }
  if (!before) return undefined;
  const previous = change.previous!;
  return eventsOf(change).gone ??= {
    type: "DELETED",
    object: {
      ...previous,
      metadata: { ...previous.metadata, resourceVersion: String(change.resourceVersion) },
    },
  };
}
