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
});
