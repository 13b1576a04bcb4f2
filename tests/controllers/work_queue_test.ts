import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { WorkQueue } from "../../src/controllers/work_queue.ts";

describe("WorkQueue", () => {
  it("runs `later` work only once nothing else is pending", () => {
    const tasks: (() => void)[] = [];
    const queue = new WorkQueue((task) => tasks.push(task), () => {});
    const order: string[] = [];
    queue.add("status", () => order.push("status"), true);
    queue.add("bind", () => {
      order.push("bind");
      queue.add("start", () => order.push("start"));
    });
    while (tasks.length > 0) tasks.shift()!();
    assert.deepEqual(order, ["bind", "start", "status"]);
  });

  it("hands the rest of a long burst to scheduleLater after `batch` items", () => {
    const soon: (() => void)[] = [];
    const later: (() => void)[] = [];
    const queue = new WorkQueue((t) => soon.push(t), () => {}, (t) => later.push(t), 2);
    let ran = 0;
    for (let i = 0; i < 5; i++) queue.add(`k${i}`, () => ran++);
    soon.shift()!();
    assert.equal(ran, 2);
    assert.equal(later.length, 1);
    later.shift()!();
    later.shift()!();
    assert.equal(ran, 5);
  });

  it("takes work again, deduplicated, after a burst drained", () => {
    const tasks: (() => void)[] = [];
    const queue = new WorkQueue((task) => tasks.push(task), () => {});
    const order: string[] = [];
    for (let i = 0; i < 5; i++) queue.add(`k${i}`, () => order.push(`k${i}`), i % 2 === 0);
    while (tasks.length > 0) tasks.shift()!();
    queue.add("after", () => order.push("after"));
    queue.add("after", () => order.push("twice"));
    queue.add("later", () => order.push("later"), true);
    while (tasks.length > 0) tasks.shift()!();
    assert.deepEqual(order, ["k1", "k3", "k0", "k2", "k4", "after", "later"]);
  });

  it("runs failed work again after 5 ms doubled at each failure in a row, starting over after a success", () => {
    const tasks: (() => void)[] = [];
    const timers: { delayMs: number; task: () => void }[] = [];
    const errors: unknown[] = [];
    const queue = new WorkQueue((task) => tasks.push(task), (e) => errors.push(e), undefined, 500, (
      delayMs,
      task,
    ) => {
      timers.push({ delayMs, task });
      return () => {};
    });
    let failing = 3;
    const work = () => {
      if (failing-- > 0) throw new Error("etcdserver: mvcc: database space exceeded");
    };
    const run = () => {
      while (tasks.length > 0) tasks.shift()!();
    };
    queue.add("rs", work);
    run();
    // Nothing runs in the meantime: no busy loop, one retry pending.
    assert.deepEqual(timers.map((t) => t.delayMs), [5]);
    for (const expected of [[5, 10], [5, 10, 20]]) {
      timers.at(-1)!.task();
      run();
      assert.deepEqual(timers.map((t) => t.delayMs), expected);
    }
    timers.at(-1)!.task();
    run();
    assert.equal(errors.length, 3);
    assert.equal(timers.length, 3);
    failing = 1;
    queue.add("rs", work);
    run();
    assert.deepEqual(timers.map((t) => t.delayMs), [5, 10, 20, 5]);
  });

  it("stop cancels the pending retries", () => {
    const tasks: (() => void)[] = [];
    let cancelled = 0;
    const queue = new WorkQueue((task) => tasks.push(task), () => {}, undefined, 500, () => () => {
      cancelled++;
    });
    queue.add("a", () => {
      throw new Error("no");
    });
    while (tasks.length > 0) tasks.shift()!();
    queue.stop();
    assert.equal(cancelled, 1);
  });
});
