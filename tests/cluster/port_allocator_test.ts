// PortAllocator: the lowest port neither handed out nor held by another process, released ports reused.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClusterError, PortAllocator } from "../../src/cluster/mod.ts";

const free = () => Promise.resolve(true);

describe("PortAllocator", () => {
  it("hands out the lowest free port and reuses a released one before higher ones", async () => {
    const ports = new PortAllocator(100, 105);
    assert.deepEqual([await ports.allocate(free), await ports.allocate(free)], [100, 101]);
    await ports.allocate(free);
    ports.release(101);
    assert.equal(await ports.allocate(free), 101);
    assert.equal(await ports.allocate(free), 103);
    ports.release(100);
    ports.release(102);
    assert.deepEqual([await ports.allocate(free), await ports.allocate(free)], [100, 102]);
    assert.equal(ports.size, 4);
  });

  it("skips a port another process holds, and offers it again later", async () => {
    let held = true;
    const ports = new PortAllocator(100, 105);
    const isFree = (port: number) => Promise.resolve(port !== 100 || !held);
    assert.equal(await ports.allocate(isFree), 101);
    held = false;
    assert.equal(await ports.allocate(isFree), 100);
  });

  it("gives concurrent callers distinct ports, and a port the OS refused to one of them stays offered", async () => {
    const ports = new PortAllocator(100, 105);
    let refuse100 = true;
    const isFree = async (port: number) => {
      await new Promise((resolve) => setTimeout(resolve, port === 100 ? 5 : 0));
      if (port === 100 && refuse100) {
        refuse100 = false;
        return false;
      }
      return true;
    };
    const got = await Promise.all([ports.allocate(isFree), ports.allocate(isFree)]);
    assert.deepEqual(got.sort(), [101, 102]);
    assert.equal(await ports.allocate(isFree), 100);
  });

  it("claims and holds given ports, even outside the range, without moving the lowest free one", async () => {
    const ports = new PortAllocator(100, 105);
    ports.hold(100);
    assert.equal(await ports.claim(101, free), true);
    assert.equal(await ports.claim(101, free), false);
    assert.equal(await ports.claim(99, free), true);
    ports.release(99);
    assert.equal(await ports.allocate(free), 102);
  });

  it("take: Conflict for a held asked-for port, PortsExhausted when the range is used up", async () => {
    const ports = new PortAllocator(100, 101);
    assert.equal(await ports.take("ns/a", undefined, free), 100);
    await assert.rejects(
      ports.take("ns/b", 100, free),
      (e) => e instanceof ClusterError && e.kind === "Conflict",
    );
    assert.equal(await ports.take("ns/b", undefined, free), 101);
    await assert.rejects(
      ports.take("ns/c", undefined, free),
      (e) =>
        e instanceof ClusterError && e.kind === "PortsExhausted" &&
        e.message.includes("100-101"),
    );
    ports.release(100);
    assert.equal(await ports.take("ns/c", undefined, free), 100);
  });
});
