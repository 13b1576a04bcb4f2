import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  Informer,
  type InformerListing,
  type InformerOptions,
  listingMessage,
} from "../../src/management/informer.ts";
import type { ObjectList, WatchEvent } from "../../src/management/management_client.ts";
import type { KubeObject } from "../../src/store/mod.ts";

// Calls the informer made and the test has not answered yet, in order.
class Calls<T> {
  readonly #waiting: T[] = [];
  readonly #takers: ((call: T) => void)[] = [];

  push(call: T): void {
    const taker = this.#takers.shift();
    if (taker) taker(call);
    else this.#waiting.push(call);
  }

  get size(): number {
    return this.#waiting.length;
  }

  /** The next call, or a failure naming `what` when none comes. */
  next(what: string): Promise<T> {
    const call = this.#waiting.shift();
    if (call) return Promise.resolve(call);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#takers.splice(this.#takers.indexOf(take), 1);
        reject(new Error(`expected ${what}, but the informer made no such call`));
      }, 2_000);
      const take = (value: T) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.#takers.push(take);
    });
  }
}

/** A list call the test answers. */
interface ListCall {
  resolve(list: ObjectList): void;
  reject(error: unknown): void;
}

/** An open watch the test drives. */
interface WatchCall {
  readonly resourceVersion: string;
  /** Whether the informer stopped it. */
  stopped: boolean;
  emit(type: WatchEvent["type"], object: KubeObject): void;
  /** The server closes the stream. */
  end(): void;
  /** The stream breaks (done rejects). */
  fail(error: unknown): void;
}

const object = (name: string, resourceVersion: string, namespace = "default"): KubeObject => ({
  apiVersion: "cluster.x-k8s.io/v1beta2",
  kind: "Machine",
  metadata: { namespace, name, resourceVersion },
});
const list = (resourceVersion: string, ...items: KubeObject[]): ObjectList => ({
  items,
  resourceVersion,
});
const status = (code: number, message = "") =>
  ({ kind: "Status", apiVersion: "v1", metadata: {}, code, message }) as unknown as KubeObject;

// Lets pending promise chains of the informer run.
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function harness(overrides: Partial<InformerOptions> = {}) {
  const log: string[] = [];
  const lists = new Calls<ListCall>();
  const watches = new Calls<WatchCall>();
  const sleeps: number[] = [];
  const problems: { message: string; fields: Record<string, unknown> }[] = [];
  const refusals: unknown[] = [];
  const clock = { now: 0 };
  const id = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  const informer = new Informer({
    name: "machines.cluster.x-k8s.io",
    list() {
      log.push("list");
      const answer = Promise.withResolvers<ObjectList>();
      lists.push({ resolve: answer.resolve, reject: answer.reject });
      return answer.promise;
    },
    watch(resourceVersion, onEvent) {
      log.push(`watch ${resourceVersion}`);
      if (refusals.length) return Promise.reject(refusals.shift());
      const done = Promise.withResolvers<void>();
      const call: WatchCall = {
        resourceVersion,
        stopped: false,
        emit: (type, object) => onEvent({ type, object }),
        end: () => done.resolve(),
        fail: (error) => done.reject(error),
      };
      // Events arrive later than the answer that opened the watch, as from a socket.
      setTimeout(() => watches.push(call), 0);
      return Promise.resolve({
        done: done.promise,
        stop() {
          call.stopped = true;
          done.resolve(); // as the transport: an aborted stream just ends
        },
      });
    },
    handler: {
      upsert: (o) => log.push(`upsert ${id(o)}@${o.metadata.resourceVersion}`),
      remove: (o) => log.push(`remove ${id(o)}`),
    },
    sleep(ms) {
      sleeps.push(ms);
      log.push(`sleep ${ms}`);
      return Promise.resolve();
    },
    random: () => 0,
    now: () => clock.now,
    onProblem: (message, fields) => problems.push({ message, fields }),
    ...overrides,
  });
  return {
    informer,
    log,
    lists,
    watches,
    sleeps,
    problems,
    clock,
    /** Makes the next watch call reject with `error` instead of opening. */
    refuseNextWatch: (error: unknown) => refusals.push(error),
    /** The log entries after the first `from` of them. */
    since: (from: number) => log.slice(from),
  };
}

describe("Informer", () => {
  it("upserts each listed object, resolves whenSynced, and watches from the list's resourceVersion", async () => {
    const h = harness();
    h.informer.start();
    let synced = false;
    h.informer.whenSynced().then(() => synced = true);
    const first = await h.lists.next("the first list");
    await settle();
    assert.equal(synced, false, "not synced before the list answers");
    first.resolve(list("100", object("a", "7"), object("b", "9", "other")));
    const watch = await h.watches.next("a watch after the list");
    await h.informer.whenSynced();
    assert.equal(watch.resourceVersion, "100");
    assert.deepEqual(h.log, ["list", "upsert default/a@7", "upsert other/b@9", "watch 100"]);
    assert.equal(h.informer.lists, 1);
    assert.deepEqual([...h.informer.objects].map((o) => o.metadata.name), ["a", "b"]);
    await stopAndCheck(h);
  });

  it("passes ADDED, MODIFIED and DELETED to the handler, but not an unchanged resourceVersion", async () => {
    const h = harness();
    h.informer.start();
    (await h.lists.next("the first list")).resolve(list("10", object("a", "5")));
    const watch = await h.watches.next("a watch");
    const from = h.log.length;
    watch.emit("ADDED", object("b", "11"));
    watch.emit("MODIFIED", object("a", "12"));
    watch.emit("MODIFIED", object("a", "12")); // a resync of the same version
    watch.emit("ADDED", object("b", "11"));
    watch.emit("DELETED", object("a", "13"));
    assert.deepEqual(h.since(from), [
      "upsert default/b@11",
      "upsert default/a@12",
      "remove default/a",
    ]);
    assert.deepEqual([...h.informer.objects].map((o) => o.metadata.name), ["b"]);
    assert.equal(h.informer.get("default", "b")?.metadata.resourceVersion, "11");
    assert.equal(h.informer.get("default", "a"), undefined, "deleted from the cache");
    assert.equal(h.informer.get("other", "b"), undefined, "namespaces are apart");
    await stopAndCheck(h);
  });

  it("starts the next watch from the last event's or bookmark's resourceVersion, without re-listing", async () => {
    const h = harness();
    h.informer.start();
    (await h.lists.next("the first list")).resolve(list("10"));
    const first = await h.watches.next("a watch");
    first.emit("ADDED", object("a", "11"));
    first.emit("BOOKMARK", object("", "50"));
    first.end();
    const second = await h.watches.next("a second watch");
    assert.equal(second.resourceVersion, "50");
    second.emit("MODIFIED", object("a", "60"));
    second.end();
    const third = await h.watches.next("a third watch");
    assert.equal(third.resourceVersion, "60");
    assert.deepEqual(h.log, [
      "list",
      "watch 10",
      "upsert default/a@11",
      "watch 50",
      "upsert default/a@60",
      "watch 60",
    ]);
    assert.deepEqual(h.sleeps, [], "a watch that saw events is no failure");
    await stopAndCheck(h);
  });

  it("re-lists after an ERROR 410 event and removes what the new list lacks", async () => {
    const listings: InformerListing[] = [];
    const h = harness({ onListed: (listing) => listings.push(listing) });
    h.informer.start();
    (await h.lists.next("the first list")).resolve(
      list("10", object("kept", "1"), object("changed", "2"), object("gone", "3")),
    );
    const watch = await h.watches.next("a watch");
    const from = h.log.length;
    watch.emit("ERROR", status(410, "too old resource version: 10 (20)"));
    assert.equal(watch.stopped, true, "the expired watch is closed");
    const relist = await h.lists.next("a re-list");
    relist.resolve(list("30", object("kept", "1"), object("changed", "25"), object("new", "26")));
    const next = await h.watches.next("a watch after the re-list");
    assert.equal(next.resourceVersion, "30");
    assert.deepEqual(h.since(from), [
      "list",
      "upsert default/changed@25",
      "upsert default/new@26",
      "remove default/gone",
      "watch 30",
    ]);
    assert.equal(h.informer.lists, 2);
    assert.deepEqual(listings, [
      { informer: "machines.cluster.x-k8s.io", objects: 3, lists: 1 },
      { informer: "machines.cluster.x-k8s.io", objects: 3, lists: 2 },
    ]);
    assert.deepEqual(listings.map(listingMessage), [
      "management informer connected",
      "management informer re-listed",
    ]);
    assert.deepEqual(h.sleeps, []);
    assert.deepEqual(h.problems.map((p) => p.message), ["watch expired (410 Gone), listing again"]);
    assert.deepEqual(
      [...h.informer.objects].map((o) => o.metadata.name).sort(),
      ["changed", "kept", "new"],
    );
    await stopAndCheck(h);
  });

  it("re-lists when opening the watch fails with status 410", async () => {
    const h = harness();
    h.informer.start();
    h.refuseNextWatch(Object.assign(new Error("410 Gone"), { status: 410 }));
    (await h.lists.next("the first list")).resolve(list("10", object("a", "1")));
    const relist = await h.lists.next("a re-list");
    relist.resolve(list("20", object("a", "1")));
    const watch = await h.watches.next("a watch after the re-list");
    assert.equal(watch.resourceVersion, "20");
    assert.deepEqual(h.log, ["list", "upsert default/a@1", "watch 10", "list", "watch 20"]);
    assert.deepEqual(h.sleeps, []);
    await stopAndCheck(h);
  });

  it("never spins when every watch is refused with 410: re-lists after the first wait longer", async () => {
    const h = harness();
    h.informer.start();
    for (let i = 0; i < 4; i++) {
      h.refuseNextWatch(Object.assign(new Error("410 Gone"), { status: 410 }));
      (await h.lists.next(`list ${i}`)).resolve(list("1"));
    }
    await h.lists.next("the fifth list");
    assert.deepEqual(h.sleeps, [500, 1000, 2000]);
    await stopAndCheck(h);
  });

  it("stop() ends a backoff sleep at once", async () => {
    const never = () => new Promise<void>(() => {});
    const h = harness({ sleep: never });
    h.informer.start();
    (await h.lists.next("the first list")).reject(new Error("connection refused"));
    await settle();
    let stopped = false;
    const stopping = h.informer.stop().then(() => stopped = true);
    await settle();
    assert.equal(stopped, true);
    await stopping;
  });

  it("re-watches from the same resourceVersion, backed off, after an ERROR event other than 410", async () => {
    const h = harness();
    h.informer.start();
    (await h.lists.next("the first list")).resolve(list("10"));
    const watch = await h.watches.next("a watch");
    watch.emit("ERROR", status(500, "etcd is sad"));
    assert.equal(watch.stopped, true);
    const again = await h.watches.next("another watch");
    assert.equal(again.resourceVersion, "10");
    assert.deepEqual(h.log, ["list", "watch 10", "sleep 500", "watch 10"]);
    assert.deepEqual(h.problems, [{
      message: "watch ended",
      fields: {
        informer: "machines.cluster.x-k8s.io",
        delayMs: 500,
        error: "watch error 500: etcd is sad",
      },
    }]);
    await stopAndCheck(h);
  });

  it("backs off failing lists with growing delays capped at 30 s, never listing without a sleep", async () => {
    const h = harness();
    h.informer.start();
    for (let i = 0; i < 9; i++) {
      (await h.lists.next(`list attempt ${i + 1}`)).reject(new Error(`refused ${i + 1}`));
    }
    (await h.lists.next("list attempt 10")).resolve(list("5"));
    await h.watches.next("a watch once the list succeeds");
    await h.informer.whenSynced();
    assert.deepEqual(h.sleeps, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    const calls = h.log.filter((entry) => entry === "list" || entry.startsWith("sleep"));
    for (let i = 1; i < calls.length; i++) {
      if (calls[i] === "list") {
        assert.match(calls[i - 1], /^sleep/, `list #${i} came without a sleep`);
      }
    }
    assert.equal(h.informer.lists, 1, "only successful lists count");
    assert.deepEqual(h.problems[0], {
      message: "list failed",
      fields: { informer: "machines.cluster.x-k8s.io", delayMs: 500, error: "refused 1" },
    });
    await stopAndCheck(h);
  });

  it("adds jitter from random to each delay", async () => {
    const h = harness({ random: () => 0.5 });
    h.informer.start();
    for (let i = 0; i < 3; i++) (await h.lists.next("a list")).reject(new Error("no"));
    (await h.lists.next("a fourth list")).resolve(list("1"));
    await h.watches.next("a watch");
    assert.deepEqual(h.sleeps, [525, 1050, 2100]);
    await stopAndCheck(h);
  });

  it("backs off a watch that ends at once without events, and a long healthy watch resets the backoff", async () => {
    const h = harness();
    h.informer.start();
    (await h.lists.next("the first list")).resolve(list("10"));
    (await h.watches.next("watch 1")).end();
    (await h.watches.next("watch 2")).end();
    (await h.watches.next("watch 3")).fail(new Error("socket hang up"));
    const healthy = await h.watches.next("watch 4");
    assert.deepEqual(h.sleeps, [500, 1000, 2000]);
    assert.equal(h.problems[0].fields.error, "closed at once");
    assert.equal(h.problems[2].fields.error, "socket hang up");
    h.clock.now += 5_000; // an idle but healthy watch the server closes at its timeout
    healthy.end();
    (await h.watches.next("watch 5")).end();
    await h.watches.next("watch 6");
    assert.deepEqual(h.sleeps, [500, 1000, 2000, 500]);
    assert.equal(h.informer.lists, 1, "a closed watch is re-opened, not re-listed");
    assert.ok(h.log.filter((e) => e.startsWith("watch")).every((e) => e === "watch 10"));
    await stopAndCheck(h);
  });

  it("reports a throwing handler via onProblem and keeps going", async () => {
    const seen: string[] = [];
    const h = harness({
      handler: {
        upsert(o) {
          if (o.metadata.name === "bad") throw new Error("cannot map bad");
          seen.push(`upsert ${o.metadata.name}`);
        },
        remove(o) {
          if (o.metadata.name === "bad") throw new Error("cannot forget bad");
          seen.push(`remove ${o.metadata.name}`);
        },
      },
    });
    h.informer.start();
    (await h.lists.next("the first list")).resolve(
      list("10", object("bad", "1"), object("a", "2")),
    );
    const watch = await h.watches.next("a watch despite the handler failing");
    watch.emit("DELETED", object("bad", "3"));
    watch.emit("ADDED", object("b", "4"));
    assert.deepEqual(seen, ["upsert a", "upsert b"]);
    assert.deepEqual(h.problems, [
      {
        message: "handler failed",
        fields: { informer: "machines.cluster.x-k8s.io", error: "cannot map bad" },
      },
      {
        message: "handler failed",
        fields: { informer: "machines.cluster.x-k8s.io", error: "cannot forget bad" },
      },
    ]);
    assert.deepEqual([...h.informer.objects].map((o) => o.metadata.name), ["a", "b"]);
    assert.equal(watch.stopped, false);
    await stopAndCheck(h);
  });

  it("stop() stops the open watch and ends the loop without backing off or calling again", async () => {
    const h = harness();
    h.informer.start();
    h.informer.start(); // a second start is a no-op
    (await h.lists.next("the first list")).resolve(list("10"));
    const watch = await h.watches.next("a watch");
    assert.equal(h.lists.size, 0, "one loop, one list");
    await h.informer.stop();
    assert.equal(watch.stopped, true);
    await settle();
    assert.deepEqual(h.log, ["list", "watch 10"]);
    assert.deepEqual(h.problems, []);
  });

  it("stop() while a list fails ends the loop after that attempt", async () => {
    const h = harness();
    h.informer.start();
    const pending = await h.lists.next("the first list");
    const stopped = h.informer.stop();
    pending.reject(new Error("connection refused"));
    await stopped;
    await settle();
    assert.deepEqual(h.log.filter((e) => e === "list" || e.startsWith("watch")), ["list"]);
  });
});

// Stops the informer and checks it made no call afterwards.
async function stopAndCheck(h: ReturnType<typeof harness>): Promise<void> {
  await h.informer.stop();
  const calls = h.log.length;
  await settle();
  assert.equal(h.log.length, calls, "no calls after stop()");
}
