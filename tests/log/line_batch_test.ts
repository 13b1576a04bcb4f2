// Batched log lines: one write per scheduled flush, in order; urgent lines and big bursts at once.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { batchLines } from "../../src/log/mod.ts";

function fixture() {
  const writes: string[] = [];
  const flushes: (() => void)[] = [];
  const batch = batchLines((text) => writes.push(text), (flush) => flushes.push(flush));
  return { writes, flushes, batch };
}

describe("batchLines", () => {
  it("writes the lines of one turn in one write, in order, when the scheduled flush runs", () => {
    const { writes, flushes, batch } = fixture();
    batch.write("a\n");
    batch.write("b\n");
    batch.write("c\n");
    assert.deepEqual(writes, []);
    assert.equal(flushes.length, 1, "one flush is scheduled per batch");
    flushes[0]();
    assert.deepEqual(writes, ["a\nb\nc\n"]);
    batch.write("d\n");
    assert.equal(flushes.length, 2);
    flushes[1]();
    assert.deepEqual(writes, ["a\nb\nc\n", "d\n"]);
  });

  it("writes an urgent line at once, after the lines queued before it", () => {
    const { writes, flushes, batch } = fixture();
    batch.write("info\n");
    batch.write("error\n", true);
    assert.deepEqual(writes, ["info\nerror\n"]);
    flushes[0](); // the flush scheduled for the first line finds nothing left
    assert.deepEqual(writes, ["info\nerror\n"]);
  });

  it("writes a burst past 64 KiB at once, and flush() writes what waits", () => {
    const { writes, batch } = fixture();
    const line = `${"x".repeat(1023)}\n`;
    for (let i = 0; i < 64; i++) batch.write(line);
    assert.equal(writes.length, 1);
    assert.equal(writes[0].length, 64 * 1024);
    batch.write("tail\n");
    batch.flush();
    assert.deepEqual(writes.slice(1), ["tail\n"]);
  });
});
