// What a watch is asked for and what it yields: the shapes shared by the watch core and the REST layer.

import type { KubeObject } from "../store/mod.ts";

/** One event of a watch stream, as kube-apiserver frames it: `{"type":…,"object":…}`. */
export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: unknown;
}

/** The resource a watch follows: its storage key and the type meta its bookmarks carry. */
export interface WatchResource {
  key: string;
  kind: string;
  apiVersion: string;
  namespaced: boolean;
}

/** A watch request after query parsing: scope, selectors and the `ListOptions` watch fields. */
export interface WatchSpec {
  resource: WatchResource;
  /** Undefined (or "") watches all namespaces, and always for cluster-scoped resources. */
  namespace?: string;
  /** Label and field selector together, built by the caller. */
  matches: (object: KubeObject) => boolean;
  /** Unset/"" or "0" start from the current state; "N" resumes after N. */
  resourceVersion?: string;
  /** "NotOlderThan" with `sendInitialEvents`, otherwise empty (see `validateWatchSpec`). */
  resourceVersionMatch?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks: boolean;
  /** Undefined or 0 means the default of 1800 s (see `DEFAULT_WATCH_TIMEOUT_SECONDS`). */
  timeoutSeconds?: number;
}

/** Why a watch ended: its timeout, a close by either side, a slow consumer, or a start it could not make. */
export type WatchEndReason = "timeout" | "closed" | "overflow" | "expired" | "tooLarge";

/** A running watch: iterate it once for its events; `close()` ends it and frees everything it holds. */
export interface Watch extends AsyncIterable<WatchEvent> {
  close(): void;
  /** Up to `max` events that are already waiting, taken at once (none when the watch has ended). */
  takeReady(max: number): WatchEvent[];
  /**
   * Read by pushing instead of iterating: `listener` is called (synchronously, so it should only
   * schedule work) whenever events become ready or the watch ends; the reader then drains it with
   * `takeReady` until `done`. Only one listener; set it before reading.
   */
  onReady(listener: () => void): void;
  /** True once the watch has ended and every event it will give has been taken. */
  readonly done: boolean;
  /** Resolves once the watch stops taking changes (events already queued may still be read). */
  readonly closed: Promise<WatchEndReason>;
}

/**
 * kube-apiserver picks a random timeout in [min-request-timeout, 2 × min-request-timeout]
 * (1800–3600 s by default) when none is asked for; fkas uses the fixed lower bound.
 */
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 1800;
