// Pod IPs per node: handed out in order from offset 2, never twice, freed ones reused after a wrap.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PodIpPool } from "../../../src/controllers/kubelet/pod_ips.ts";

describe("PodIpPool", () => {
  it("hands out .2 upwards, skips claimed addresses, and refuses when the range is full", () => {
    const pool = PodIpPool.of("10.244.1.0/29")!; // 8 addresses: .2 to .6 usable
    assert.equal(pool.claim("10.244.1.3"), true);
    assert.equal(pool.claim("10.244.2.3"), false);
    assert.deepEqual(
      [pool.allocate(), pool.allocate(), pool.allocate(), pool.allocate()],
      ["10.244.1.2", "10.244.1.4", "10.244.1.5", "10.244.1.6"],
    );
    assert.equal(pool.allocate(), undefined);
    pool.release("10.244.1.4");
    assert.equal(pool.allocate(), "10.244.1.4");
  });

  it("never gives one address twice, with hundreds in use and some freed", () => {
    const pool = PodIpPool.of("10.244.0.0/24")!;
    const held = new Set<string>();
    for (let i = 0; i < 200; i++) held.add(pool.allocate()!);
    assert.equal(held.size, 200);
    for (const ip of [...held].filter((_, i) => i % 3 === 0)) {
      pool.release(ip);
      held.delete(ip);
    }
    for (let i = 0; i < 120; i++) {
      const ip = pool.allocate();
      if (ip === undefined) break;
      assert.equal(held.has(ip), false, ip);
      held.add(ip);
    }
    assert.equal(held.size, 253); // .2 to .254
    assert.equal(pool.allocate(), undefined);
  });
});
