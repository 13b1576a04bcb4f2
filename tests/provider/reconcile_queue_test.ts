import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ReconcileQueue, type ReconcileResult } from "../../src/provider/reconcile_queue.ts";

type Reconcile = (key: string) => Promise<ReconcileResult | void>;
type QueueOptions = ConstructorParameters<typeof ReconcileQueue>[1];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds, failing with `what` after `timeoutMs`. */
async function until(what: string, check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Reconciles that block until the test releases them, with a record of what ran when. */
class Runs {
  readonly started: string[] = [];
  readonly running = new Set<string>();
  peak = 0;
  overlapping = false;
  readonly #gates = new Map<string, PromiseWithResolvers<void>[]>();

  readonly reconcile: Reconcile = async (key) => {
    if (this.running.has(key)) this.overlapping = true;
    this.started.push(key);
    this.running.add(key);
    this.peak = Math.max(this.peak, this.running.size);
    const gate = Promise.withResolvers<void>();
    this.#gates.set(key, [...(this.#gates.get(key) ?? []), gate]);
    try {
      await gate.promise;
    } finally {
      this.running.delete(key);
    }
  };

  /** Lets the oldest running reconcile of `key` finish. */
  release(key: string): void {
    const gates = this.#gates.get(key) ?? [];
    const gate = gates.shift();
    if (!gate) throw new Error(`${key} is not running`);
    gate.resolve();
  }

  count(key: string): number {
    return this.started.filter((k) => k === key).length;
  }
}

function queueFor(reconcile: Reconcile, overrides: Partial<QueueOptions> = {}) {
  const errors: { key: string; message: string; retryInMs: number }[] = [];
  const queue = new ReconcileQueue(reconcile, {
    concurrency: 4,
    random: () => 0,
    onError: (key, error, retryInMs) =>
      errors.push({ key, message: (error as Error).message, retryInMs }),
    ...overrides,
  });
  return { queue, errors };
}

describe("ReconcileQueue", () => {
  it("runs one reconcile per key at a time; adds during a run rerun it once afterwards", async () => {
    const runs = new Runs();
    const { queue } = queueFor(runs.reconcile);
    queue.add("ns/a");
    await until("the first run", () => runs.running.has("ns/a"));
    queue.add("ns/a");
    queue.add("ns/a");
    queue.add("ns/a");
    await sleep(10);
    assert.equal(runs.count("ns/a"), 1, "no second run while the first runs");
    runs.release("ns/a");
    await until("the rerun", () => runs.count("ns/a") === 2);
    runs.release("ns/a");
    await queue.whenIdle();
    await sleep(10);
    assert.equal(runs.count("ns/a"), 2, "three adds during a run make one rerun");
    assert.equal(runs.overlapping, false);
    queue.stop();
  });

  it("adds of a queued key that has not started yet are merged", async () => {
    const runs = new Runs();
    const { queue } = queueFor(runs.reconcile, { concurrency: 1 });
    queue.add("a");
    queue.add("b");
    queue.add("b");
    queue.add("b");
    runs.release("a");
    await until("b to run", () => runs.running.has("b"));
    runs.release("b");
    await queue.whenIdle();
    assert.deepEqual(runs.started, ["a", "b"]);
    queue.stop();
  });

  it("runs different keys concurrently, up to `concurrency`", async () => {
    const runs = new Runs();
    const { queue } = queueFor(runs.reconcile, { concurrency: 2 });
    for (const key of ["a", "b", "c", "d"]) queue.add(key);
    await until("two runs", () => runs.running.size === 2);
    await sleep(10);
    assert.deepEqual([...runs.running].sort(), ["a", "b"]);
    runs.release("a");
    await until("c to start", () => runs.running.has("c"));
    assert.equal(runs.running.size, 2);
    runs.release("b");
    runs.release("c");
    await until("d to start", () => runs.running.has("d"));
    runs.release("d");
    await queue.whenIdle();
    assert.deepEqual(runs.started, ["a", "b", "c", "d"]);
    assert.equal(runs.peak, 2);
    queue.stop();
  });

  it("whenIdle resolves at once when nothing runs", async () => {
    const { queue } = queueFor(() => Promise.resolve());
    await queue.whenIdle();
    queue.stop();
  });

  it("retries a failing reconcile with growing backoff; success resets the failures", async () => {
    let calls = 0;
    const outcomes = ["fail", "fail", "ok", "fail"];
    const { queue, errors } = queueFor(() => {
      const outcome = outcomes[calls++];
      return outcome === "ok" ? Promise.resolve() : Promise.reject(new Error(`failure ${calls}`));
    });
    const started = Date.now();
    queue.add("ns/x");
    await until("the retries to succeed", () => calls === 3, 4_000);
    const elapsed = Date.now() - started;
    // 500 ms, then 1000 ms (random = 0 adds no jitter).
    assert.ok(elapsed >= 1_450, `retried after ${elapsed} ms, expected about 1500`);
    await queue.whenIdle();
    queue.add("ns/x");
    await until("the next failure", () => errors.length === 3);
    assert.deepEqual(errors, [
      { key: "ns/x", message: "failure 1", retryInMs: 500 },
      { key: "ns/x", message: "failure 2", retryInMs: 1000 },
      { key: "ns/x", message: "failure 4", retryInMs: 500 },
    ]);
    queue.stop();
  });

  it("an add while a retry waits runs the key at once", async () => {
    let calls = 0;
    const { queue, errors } = queueFor(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error("once")) : Promise.resolve();
    });
    queue.add("k");
    await until("the failure", () => errors.length === 1);
    const added = Date.now();
    queue.add("k");
    await until("the second run", () => calls === 2);
    assert.ok(Date.now() - added < 400, "did not wait for the 500 ms retry");
    await sleep(600);
    assert.equal(calls, 2, "the retry timer was cancelled by the add");
    queue.stop();
  });

  it("requeueAfterMs runs the key again after that long", async () => {
    const times: number[] = [];
    const { queue } = queueFor(() => {
      times.push(Date.now());
      return Promise.resolve(times.length === 1 ? { requeueAfterMs: 40 } : undefined);
    });
    queue.add("k");
    await until("the requeue", () => times.length === 2);
    assert.ok(times[1] - times[0] >= 35, `requeued after ${times[1] - times[0]} ms`);
    await sleep(80);
    assert.equal(times.length, 2, "no further runs without a request");
    queue.stop();
  });

  it("stop() cancels requeue timers and pending work, and ignores later adds", async () => {
    const runs = new Runs();
    const { queue } = queueFor(runs.reconcile, { concurrency: 1 });
    queue.add("a");
    queue.add("b"); // waits for a
    await until("a to run", () => runs.running.has("a"));
    queue.stop();
    runs.release("a");
    await queue.whenIdle();
    queue.add("c");
    await sleep(20);
    assert.deepEqual(runs.started, ["a"]);

    let calls = 0;
    const timed = queueFor(() => {
      calls++;
      return Promise.resolve({ requeueAfterMs: 20 });
    });
    timed.queue.add("k");
    await until("the first run", () => calls === 1);
    await timed.queue.whenIdle();
    timed.queue.stop();
    await sleep(60);
    assert.equal(calls, 1, "the requeue timer was cancelled");
  });

  it("stop() during a run schedules nothing afterwards", async () => {
    const runs = new Runs();
    const { queue } = queueFor((key) => runs.reconcile(key).then(() => ({ requeueAfterMs: 10 })));
    queue.add("a");
    await until("a to run", () => runs.running.has("a"));
    queue.add("a"); // would rerun a afterwards
    queue.stop();
    runs.release("a");
    await sleep(40);
    assert.deepEqual(runs.started, ["a"]);
  });

  it("forget() drops a key's retry timer and its failure count", async () => {
    let calls = 0;
    const { queue, errors } = queueFor(() => {
      calls++;
      return Promise.reject(new Error("gone"));
    });
    queue.add("ns/gone");
    await until("the failure", () => errors.length === 1);
    await queue.whenIdle();
    queue.forget("ns/gone");
    await sleep(650);
    assert.equal(calls, 1, "the 500 ms retry did not run");
    queue.add("ns/gone");
    await until("the next failure", () => errors.length === 2);
    assert.equal(errors[1].retryInMs, 500, "counts failures afresh");
    queue.stop();
  });

  it(
    "paused: true collects adds and runs them only after resume()",
    async () => {
      const started: string[] = [];
      const options = {
        concurrency: 4,
        random: () => 0,
        onError: () => {},
        paused: true,
      };
      const queue = new ReconcileQueue((key) => {
        started.push(key);
        return Promise.resolve();
      }, options) as ReconcileQueue & { resume(): void };
      queue.add("a");
      queue.add("b");
      queue.add("a");
      await sleep(30);
      assert.deepEqual(started, [], "nothing runs while paused");
      queue.resume();
      await until("the collected keys to run", () => started.length === 2);
      await queue.whenIdle();
      await sleep(10);
      assert.deepEqual(started.sort(), ["a", "b"]);
      queue.stop();
    },
  );

  it("a requeue beyond a timer's range waits instead of firing at once (no spin)", async () => {
    const started: string[] = [];
    const { queue } = queueFor((key) => Promise.resolve(void started.push(key)));
    // An FkasMachine with startupDuration "1000000h" asks for this.
    queue.addAfter("a", 3_600_000_000_000);
    await sleep(30);
    assert.deepEqual(started, []);
    queue.stop();
  });
});
