// Messages between threads go in batches: what one turn posts leaves as one array, in order.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { batchedPost } from "../../src/runtime/mod.ts";

describe("batchedPost", () => {
  const never = () => false;

  it("sends the messages of one turn as one batch, in order, when the flush runs", () => {
    const sent: number[][] = [];
    const flushes: (() => void)[] = [];
    const post = batchedPost<number>(
      (batch) => sent.push(batch),
      never,
      (flush) => flushes.push(flush),
    );
    post(1);
    post(2);
    post(3);
    assert.deepEqual(sent, []);
    assert.equal(flushes.length, 1, "one flush per batch");
    flushes[0]();
    post(4);
    assert.equal(flushes.length, 2);
    flushes[1]();
    assert.deepEqual(sent, [[1, 2, 3], [4]]);
  });

  it("sends the others one by one when one message cannot be sent, then throws its failure", () => {
    const sent: string[][] = [];
    const flushes: (() => void)[] = [];
    const post = batchedPost<string>(
      (batch) => {
        if (batch.includes("bad")) throw new Error("cannot clone");
        sent.push(batch);
      },
      never,
      (flush) => flushes.push(flush),
    );
    post("a");
    post("bad");
    post("b");
    assert.throws(() => flushes[0](), /cannot clone/);
    assert.deepEqual(sent, [["a"], ["b"]]);
  });

  it("flushes on the event loop by default", async () => {
    const sent: string[][] = [];
    const post = batchedPost<string>((batch) => sent.push(batch), never);
    post("x");
    post("y");
    assert.deepEqual(sent, []);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(sent, [["x", "y"]]);
  });

  it("sends an urgent message at once, behind those waiting, and a lone one without a flush", () => {
    const sent: string[][] = [];
    const flushes: (() => void)[] = [];
    const post = batchedPost<string>(
      (batch) => sent.push(batch),
      (message) => message.startsWith("answer"),
      (flush) => flushes.push(flush),
    );
    post("event 1");
    post("event 2");
    post("answer 1");
    assert.deepEqual(sent, [["event 1", "event 2", "answer 1"]]);
    post("answer 2");
    assert.deepEqual(sent.at(-1), ["answer 2"]);
    assert.equal(flushes.length, 1, "only news waits for a flush");
    flushes[0](); // finds nothing left: the answer took the events with it
    assert.equal(sent.length, 2);
  });
});
