// A reflector: lists, then watches from the list's resourceVersion, keeps a cache, and tells its
// handler about every change. It re-watches after disconnects, re-lists after 410 Gone, and backs
// off on failures, so a broken management cluster never makes it spin.

import { backoffDelay } from "../retry/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ObjectList, OpenWatch, WatchEvent } from "./management_client.ts";

/** What a change means to the handler: the object exists now (`upsert`) or is gone (`remove`). */
export interface InformerHandler {
  upsert(object: KubeObject): void;
  remove(object: KubeObject): void;
}

/** The I/O and timing an informer needs; tests pass fakes. */
export interface InformerOptions {
  readonly name: string;
  list(): Promise<ObjectList>;
  watch(resourceVersion: string, onEvent: (event: WatchEvent) => void): Promise<OpenWatch>;
  readonly handler: InformerHandler;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  /** Hears about failures and re-lists (for logs). */
  readonly onProblem?: (message: string, fields: Record<string, unknown>) => void;
  /** Hears about each successful list (for logs). */
  readonly onListed?: (listing: InformerListing) => void;
}

/** One successful list of an informer: the first connects it, later ones re-list. */
export interface InformerListing {
  readonly informer: string;
  readonly objects: number;
  /** How many times it listed, this one included. */
  readonly lists: number;
}

/** The log line of a listing: "connected" the first time, "re-listed" after. */
export function listingMessage(listing: InformerListing): string {
  return listing.lists === 1 ? "management informer connected" : "management informer re-listed";
}

// A watch that ends sooner than this without any event counts as a failure and is backed off.
const HEALTHY_WATCH_MS = 5_000;

/** Keeps a cache of one resource in step with the management cluster until stopped. */
export class Informer {
  readonly #cache = new Map<string, KubeObject>();
  #running = false;
  #openWatch?: OpenWatch;
  #loop?: Promise<void>;
  #synced = Promise.withResolvers<void>();
  // Settles when stop() is called, so waits (a backoff sleep, a list in flight) end at once.
  #stopping = Promise.withResolvers<"stopped">();
  /** How many times it listed (the first list and each re-list). */
  lists = 0;

  constructor(private readonly options: InformerOptions) {}

  /** The cached objects (read-only view). */
  get objects(): Iterable<KubeObject> {
    return this.#cache.values();
  }

  /** One cached object by namespace and name. */
  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#cache.get(`${namespace ?? ""}/${name}`);
  }

  /** Resolves after the first successful list. */
  whenSynced(): Promise<void> {
    return this.#synced.promise;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping.resolve("stopped");
    this.#openWatch?.stop();
    await this.#loop;
  }

  async #run(): Promise<void> {
    let failures = 0;
    let expiredAtOnce = 0;
    const backOff = async (message: string, fields: Record<string, unknown>) => {
      const delayMs = backoffDelay(failures++, this.options.random);
      this.options.onProblem?.(message, { informer: this.options.name, delayMs, ...fields });
      await Promise.race([this.options.sleep(delayMs), this.#stopping.promise]);
    };
    while (this.#running) {
      let resourceVersion: string;
      try {
        const list = await Promise.race([this.options.list(), this.#stopping.promise]);
        if (list === "stopped") break;
        resourceVersion = this.#replace(list);
        this.lists++;
        this.#synced.resolve();
        this.options.onListed?.({
          informer: this.options.name,
          objects: this.#cache.size,
          lists: this.lists,
        });
      } catch (error) {
        await backOff("list failed", { error: (error as Error).message });
        continue;
      }
      while (this.#running) {
        const outcome = await this.#watchOnce(resourceVersion);
        resourceVersion = outcome.resourceVersion;
        if (outcome.gone) {
          this.options.onProblem?.("watch expired (410 Gone), listing again", {
            informer: this.options.name,
          });
          // One 410 right away is a list that aged fast; a server answering 410 again and again
          // must not make it spin.
          if (!outcome.sawEvents && outcome.lastedMs < HEALTHY_WATCH_MS) {
            if (expiredAtOnce++ > 0) await backOff("watch expired at once again", {});
          } else {
            expiredAtOnce = 0;
          }
          break;
        }
        if (outcome.error || (!outcome.sawEvents && outcome.lastedMs < HEALTHY_WATCH_MS)) {
          if (!this.#running) break;
          await backOff("watch ended", { error: outcome.error ?? "closed at once" });
        } else {
          failures = 0;
        }
      }
    }
  }

  async #watchOnce(resourceVersion: string) {
    const started = this.options.now();
    let sawEvents = false;
    let gone = false;
    let error: string | undefined;
    let current = resourceVersion;
    try {
      const open = await this.options.watch(resourceVersion, (event) => {
        if (gone || error) return;
        if (event.type === "ERROR") {
          const status = event.object as { code?: number; message?: string };
          if (status.code === 410) gone = true;
          else error = `watch error ${status.code}: ${status.message}`;
          this.#openWatch?.stop();
          return;
        }
        sawEvents = true;
        current = event.object.metadata.resourceVersion ?? current;
        if (event.type === "BOOKMARK") return;
        this.#apply(event);
      });
      this.#openWatch = open;
      if (!this.#running || gone || error) open.stop();
      await open.done;
    } catch (caught) {
      const status = (caught as { status?: number }).status;
      if (status === 410) gone = true;
      else error ??= (caught as Error).message;
    } finally {
      this.#openWatch = undefined;
    }
    return {
      resourceVersion: current,
      gone,
      error,
      sawEvents,
      lastedMs: this.options.now() - started,
    };
  }

  // A list replaces the cache: objects that vanished while fkas was not watching are removed.
  #replace(list: ObjectList): string {
    const seen = new Set<string>();
    for (const object of list.items) {
      const key = keyOf(object);
      seen.add(key);
      this.#set(key, object);
    }
    for (const [key, object] of [...this.#cache]) {
      if (!seen.has(key)) {
        this.#cache.delete(key);
        this.#handle(() => this.options.handler.remove(object));
      }
    }
    return list.resourceVersion;
  }

  #apply(event: WatchEvent): void {
    const key = keyOf(event.object);
    if (event.type === "DELETED") {
      this.#cache.delete(key);
      this.#handle(() => this.options.handler.remove(event.object));
    } else {
      this.#set(key, event.object);
    }
  }

  #set(key: string, object: KubeObject): void {
    const previous = this.#cache.get(key);
    this.#cache.set(key, object);
    if (previous?.metadata.resourceVersion === object.metadata.resourceVersion) return;
    this.#handle(() => this.options.handler.upsert(object));
  }

  // A handler failure is reported, never allowed to stop the informer.
  #handle(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.options.onProblem?.("handler failed", {
        informer: this.options.name,
        error: (error as Error).message,
      });
    }
  }
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}
