// Tests node pod ranges as kube-controller-manager's cidrset hands them out.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CidrSet, cidrSetProblem } from "../../../src/controllers/node_ipam/mod.ts";

describe("CidrSet", () => {
  it("holds 2^(mask - prefix) node ranges: 256 /24s or 1,024 /26s in a /16", () => {
    assert.equal(CidrSet.of("192.168.0.0/16", 24)?.capacity, 256);
    assert.equal(CidrSet.of("192.168.0.0/16", 26)?.capacity, 1024);
    assert.equal(CidrSet.of("10.0.0.0/8", 24)?.capacity, 65536);
  });

  it("hands out ranges in order, then none when all are taken", () => {
    const set = CidrSet.of("10.1.2.0/23", 25)!;
    assert.deepEqual(
      [set.allocateNext(), set.allocateNext(), set.allocateNext(), set.allocateNext()],
      ["10.1.2.0/25", "10.1.2.128/25", "10.1.3.0/25", "10.1.3.128/25"],
    );
    assert.equal(set.allocateNext(), undefined);
  });

  it("reuses a freed range only after those after the last one handed out (nextCandidate)", () => {
    const set = CidrSet.of("10.0.0.0/22", 24)!;
    const first = set.allocateNext()!;
    set.allocateNext();
    set.release(first);
    assert.equal(set.allocateNext(), "10.0.2.0/24");
    assert.equal(set.allocateNext(), "10.0.3.0/24");
    assert.equal(set.allocateNext(), "10.0.0.0/24");
    assert.equal(set.allocateNext(), undefined);
  });

  it("skips ranges nodes already have, and ignores ranges not of its size or outside it", () => {
    const set = CidrSet.of("10.0.0.0/23", 24)!;
    assert.equal(set.occupy("10.0.0.0/24"), true);
    assert.equal(set.occupy("10.0.1.0/25"), false);
    assert.equal(set.occupy("10.9.0.0/24"), false);
    assert.equal(set.allocateNext(), "10.0.1.0/24");
    assert.equal(set.allocateNext(), undefined);
  });

  it("refuses what kube-controller-manager refuses to start with", () => {
    assert.match(cidrSetProblem("10.0.0.0/16", 15)!, /must be less than or equal/);
    assert.match(cidrSetProblem("10.0.0.0/8", 25)!, /node CIDR size is too big/);
    assert.match(cidrSetProblem("fd00::/48", 64)!, /invalid cluster CIDR/);
    assert.equal(cidrSetProblem("10.0.0.0/8", 24), undefined);
    assert.equal(CidrSet.of("10.0.0.0/8", 25), undefined);
  });
});
