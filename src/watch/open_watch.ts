// One watch on a cluster's store: initial state or replay, then filtered live changes, bookmarks, timeout.

import type { KubeObject, ObjectStore, StoreChange, StoredResource } from "../store/mod.ts";
import { convertChange } from "./convert_change.ts";
import { EventQueue } from "./event_queue.ts";
import { bookmarkEvent, expiredEvent, tooLargeEvent } from "./status_events.ts";
import type { WatchClock } from "./watch_clock.ts";
import { validateWatchSpec, WatchError } from "./watch_error.ts";
import {
  DEFAULT_WATCH_TIMEOUT_SECONDS,
  type Watch,
  type WatchEndReason,
  type WatchEvent,
  type WatchSpec,
} from "./watch_event.ts";

/** Timers and limits of a watch. */
export interface WatchOptions {
  clock: WatchClock;
  /** Live events a consumer may leave unread before the watch is closed as "overflow" (default 1,000). */
  maxQueuedEvents?: number;
  /** Period of BOOKMARK events when the client allows them (default 60 s, as the cacher). */
  bookmarkIntervalMs?: number;
}

/** The longest delay a runtime's setTimeout takes as asked (a signed 32-bit count of ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a watch-list waits for the store to reach a future resourceVersion (the cacher's `blockTimeout`). */
const TOO_LARGE_WAIT_MS = 3_000;
/** The cacher sends its last bookmark this long before the watch deadline (`nextBookmarkTime`). */
const PRE_TIMEOUT_BOOKMARK_MS = 2_000;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Opens a watch with kube-apiserver's watch-cache semantics; throws `WatchError` for option
 * combinations the apiserver rejects with 422 before streaming.
 */
export function openWatch(store: ObjectStore, spec: WatchSpec, options: WatchOptions): Watch {
  const errors = validateWatchSpec(spec);
  if (errors.length > 0) throw new WatchError(errors);
  return new StoreWatch(store, spec, options);
}

class StoreWatch implements Watch {
  readonly closed: Promise<WatchEndReason>;
  #resolveClosed!: (reason: WatchEndReason) => void;
  /** open: taking changes; draining: no more changes, queued events still readable; ended: done. */
  #state: "open" | "draining" | "ended" = "open";
  /** Initial state, replayed history or a final ERROR: not counted against `maxQueuedEvents`. */
  #initial: (WatchEvent | undefined)[] = [];
  #initialIndex = 0;
  readonly #live = new EventQueue();
  readonly #waiters: ((result: IteratorResult<WatchEvent>) => void)[] = [];
  /** The push reader's wake-up call (see `onReady`), instead of waiters. */
  #ready: (() => void) | undefined;
  readonly #passes: (object: KubeObject) => boolean;
  readonly #maxQueued: number;
  readonly #bookmarkIntervalMs: number;
  readonly #deadline: number;
  /** Live changes at or below this resourceVersion are already covered by what was sent. */
  #startRevision = 0;
  /** A watch-list waiting for the store to reach this resourceVersion. */
  #waitingFor: number | undefined;
  #unsubscribe: (() => void) | undefined;
  #timeoutTimer: unknown;
  #bookmarkTimer: unknown;
  #waitTimer: unknown;

  constructor(
    private readonly store: ObjectStore,
    private readonly spec: WatchSpec,
    private readonly options: WatchOptions,
  ) {
    this.closed = new Promise((resolve) => this.#resolveClosed = resolve);
    const namespace = spec.resource.namespaced ? spec.namespace || undefined : undefined;
    this.#passes = namespace === undefined
      ? spec.matches
      : (object) => object.metadata.namespace === namespace && spec.matches(object);
    this.#maxQueued = options.maxQueuedEvents ?? 1000;
    this.#bookmarkIntervalMs = options.bookmarkIntervalMs ?? 60_000;
    const timeoutMs = Math.max(0, spec.timeoutSeconds || DEFAULT_WATCH_TIMEOUT_SECONDS) * 1000;
    this.#deadline = options.clock.now() + timeoutMs;

    const requested = parseResourceVersion(spec.resourceVersion);
    if (spec.sendInitialEvents === true) {
      // NotOlderThan: the full current state once the store is at least at the requested version.
      if ((requested ?? 0) > store.revision) {
        this.#waitingFor = requested;
        this.#waitTimer = options.clock.setTimeout(() => this.#giveUpWaiting(), TOO_LARGE_WAIT_MS);
      } else this.#sendInitialState(true);
    } else if (requested === undefined || requested === 0) {
      // sendInitialEvents=false starts at the most recent version; unset sends the state first.
      if (spec.sendInitialEvents === false) this.#startRevision = store.revision;
      else this.#sendInitialState(false);
    } else if (!this.#replay(requested)) return;

    this.#unsubscribe = store.onChange((change) => this.#onChange(change));
    this.#armTimeout(timeoutMs);
    if (spec.allowWatchBookmarks) this.#scheduleBookmark();
  }

  // A timer fires after at most 2^31 - 1 ms (a longer delay fires at once on Node, Bun and Deno,
  // which ended a watch asking for 30 days at once, and its client watched again in a loop): a
  // longer timeout waits in steps.
  #armTimeout(remainingMs: number): void {
    const step = Math.min(remainingMs, MAX_TIMER_MS);
    this.#timeoutTimer = this.options.clock.setTimeout(
      () => remainingMs > step ? this.#armTimeout(remainingMs - step) : this.#end("timeout"),
      step,
    );
  }

  /** Ends the watch now; unread events are dropped. */
  close(): void {
    this.#end("closed");
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    return {
      next: () => this.#next(),
      return: () => {
        this.close();
        return Promise.resolve(DONE);
      },
    };
  }

  onReady(listener: () => void): void {
    this.#ready = listener;
  }

  get done(): boolean {
    if (this.#state === "ended") return true;
    if (this.#state === "open") return false;
    // Draining: done once the final events are taken.
    if (this.#initialIndex < this.#initial.length || this.#live.size > 0) return false;
    this.#state = "ended";
    return true;
  }

  takeReady(max: number): WatchEvent[] {
    const ready: WatchEvent[] = [];
    if (this.#state === "ended") return ready;
    while (ready.length < max) {
      const event = this.#take();
      if (!event) break;
      ready.push(event);
    }
    return ready;
  }

  #next(): Promise<IteratorResult<WatchEvent>> {
    if (this.#state === "ended") return Promise.resolve(DONE);
    const event = this.#take();
    if (event) return Promise.resolve({ done: false, value: event });
    if (this.#state === "draining") {
      this.#state = "ended";
      return Promise.resolve(DONE);
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Every current matching object as ADDED; a watch-list adds the initial-events-end bookmark. */
  #sendInitialState(watchList: boolean): void {
    const { resource, namespace } = this.spec;
    // `list` reads only the key and scope; generation tracking does not matter here.
    const stored: StoredResource = { ...resource, tracksGeneration: false };
    for (const object of this.store.list(stored, namespace || undefined)) {
      if (this.#passes(object)) this.#initial.push({ type: "ADDED", object });
    }
    this.#startRevision = this.store.revision;
    if (watchList && this.spec.allowWatchBookmarks) {
      this.#initial.push(bookmarkEvent(resource, this.#startRevision, true));
    }
  }

  /** Queues the changes after `requested`; false (after queuing 410 Expired) when they are gone. */
  #replay(requested: number): boolean {
    // A version from the future: the cacher starts there and sends only newer changes.
    if (requested >= this.store.revision) {
      this.#startRevision = requested;
      return true;
    }
    const since = this.store.changesSince(requested);
    if ("expired" in since) {
      this.#initial.push(expiredEvent(requested, this.store.oldestResumableRevision));
      this.#finish("expired");
      return false;
    }
    for (const change of since.changes) {
      if (change.resource !== this.spec.resource.key) continue;
      const event = convertChange(change, this.#passes);
      if (event) this.#initial.push(event);
    }
    this.#startRevision = this.store.revision;
    return true;
  }

  #onChange(change: StoreChange): void {
    if (this.#waitingFor !== undefined) {
      if (this.store.revision < this.#waitingFor) return;
      // The snapshot taken now already contains this change.
      this.options.clock.clearTimeout(this.#waitTimer);
      this.#waitTimer = this.#waitingFor = undefined;
      this.#sendInitialState(true);
      this.#wake();
      return;
    }
    if (change.resource !== this.spec.resource.key) return;
    if (change.resourceVersion <= this.#startRevision) return;
    const event = convertChange(change, this.#passes);
    if (event) this.#push(event);
  }

  #push(event: WatchEvent): void {
    const waiter = this.#waiters.shift();
    if (waiter) return waiter({ done: false, value: event });
    this.#live.push(event);
    // Never block the store: a consumer this far behind is cut off, as the cacher does.
    if (this.#live.size > this.#maxQueued) this.#end("overflow");
    else this.#ready?.();
  }

  #take(): WatchEvent | undefined {
    if (this.#initialIndex < this.#initial.length) {
      const event = this.#initial[this.#initialIndex];
      this.#initial[this.#initialIndex++] = undefined;
      if (this.#initialIndex === this.#initial.length) {
        this.#initial = [];
        this.#initialIndex = 0;
      }
      return event;
    }
    return this.#live.shift();
  }

  #wake(): void {
    this.#ready?.();
    while (this.#waiters.length > 0) {
      const event = this.#take();
      if (event) {
        this.#waiters.shift()!({ done: false, value: event });
        continue;
      }
      if (this.#state === "open") return;
      if (this.#state === "draining") this.#state = "ended";
      for (const waiter of this.#waiters.splice(0)) waiter(DONE);
    }
  }

  #scheduleBookmark(): void {
    const now = this.options.clock.now();
    const at = Math.min(now + this.#bookmarkIntervalMs, this.#deadline - PRE_TIMEOUT_BOOKMARK_MS);
    if (at <= now) return;
    this.#bookmarkTimer = this.options.clock.setTimeout(() => {
      this.#bookmarkTimer = undefined;
      this.#bookmark();
      this.#scheduleBookmark();
    }, at - now);
  }

  /** A periodic bookmark: only once the store moved past the start, and dropped if the queue is full. */
  #bookmark(): void {
    const revision = this.store.revision;
    if (this.#waitingFor !== undefined || revision <= this.#startRevision) return;
    if (this.#live.size >= this.#maxQueued) return;
    this.#push(bookmarkEvent(this.spec.resource, revision));
  }

  #giveUpWaiting(): void {
    this.#waitTimer = undefined;
    this.#initial.push(tooLargeEvent(this.#waitingFor!, this.store.revision));
    this.#waitingFor = undefined;
    this.#finish("tooLarge");
  }

  /** Stops taking changes but lets the consumer read what is queued (the final ERROR event). */
  #finish(reason: WatchEndReason): void {
    if (this.#state !== "open") return;
    this.#state = "draining";
    this.#release();
    this.#resolveClosed(reason);
    this.#wake();
  }

  /** Ends at once, dropping unread events, as the apiserver does when it closes a watch. */
  #end(reason: WatchEndReason): void {
    if (this.#state === "ended") return;
    const wasOpen = this.#state === "open";
    this.#state = "ended";
    this.#release();
    this.#initial = [];
    this.#initialIndex = 0;
    this.#live.clear();
    if (wasOpen) this.#resolveClosed(reason);
    for (const waiter of this.#waiters.splice(0)) waiter(DONE);
    this.#ready?.();
  }

  #release(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const { clock } = this.options;
    for (const timer of [this.#timeoutTimer, this.#bookmarkTimer, this.#waitTimer]) {
      if (timer !== undefined) clock.clearTimeout(timer);
    }
    this.#timeoutTimer = this.#bookmarkTimer = this.#waitTimer = undefined;
  }
}

function parseResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value)) {
    throw new RangeError(
      `Cannot open watch: resourceVersion "${value}" is not a non-negative integer`,
    );
  }
  return Number(value);
}
