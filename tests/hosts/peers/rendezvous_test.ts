// Tests rendezvous placement: MurmurHash3 vectors, balance, and how little moves when replicas change.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { murmur3, PeerSet, rendezvousOwner } from "../../../src/hosts/peers/mod.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const keys = Array.from({ length: 12_000 }, (_, i) => `ns-${i % 7}/cluster-${i}`);

describe("rendezvous placement", () => {
  it("murmur3 matches MurmurHash3_x86_32's published values", () => {
    assert.equal(murmur3(bytes(""), 0), 0);
    assert.equal(murmur3(bytes(""), 1), 0x514e28b7);
    assert.equal(murmur3(bytes("hello"), 0), 0x248bfa47);
    assert.equal(murmur3(bytes("The quick brown fox jumps over the lazy dog"), 0), 0x2e4ff723);
  });

  it("every replica computes the same owner, within range", () => {
    for (const key of keys.slice(0, 100)) {
      const owner = rendezvousOwner(key, 3);
      assert.ok(owner >= 0 && owner < 3);
      assert.equal(rendezvousOwner(key, 3), owner);
    }
    assert.equal(rendezvousOwner("default/only", 1), 0);
  });

  it("spreads clusters evenly: each of 3 replicas gets a third within 5%", () => {
    const counts = [0, 0, 0];
    for (const key of keys) counts[rendezvousOwner(key, 3)]++;
    for (const count of counts) assert.ok(Math.abs(count - 4000) < 200, `${counts}`);
  });

  it("growing from 3 to 4 replicas moves only clusters to the new one, about a quarter", () => {
    let moved = 0;
    for (const key of keys) {
      const before = rendezvousOwner(key, 3);
      const after = rendezvousOwner(key, 4);
      if (before !== after) {
        assert.equal(after, 3, `${key} moved from ${before} to ${after}`);
        moved++;
      }
    }
    assert.ok(Math.abs(moved / keys.length - 0.25) < 0.02, `${moved} of ${keys.length} moved`);
  });

  it("shrinking from 4 to 3 moves only the removed replica's clusters", () => {
    for (const key of keys) {
      const before = rendezvousOwner(key, 4);
      if (before !== 3) assert.equal(rendezvousOwner(key, 3), before);
    }
  });

  it("refuses a replica count that is not a whole number >= 1", () => {
    assert.throws(() => rendezvousOwner("a/b", 0), {
      name: "RangeError",
      message:
        "Cannot place a cluster as 'replicas' must be a whole number >= 1: current value is 0",
    });
  });

  it("a PeerSet places by namespace/name and names replicas by index and URL", () => {
    const peers = new PeerSet(["http://a:1/", "http://b:2", "http://c:3"], 1);
    assert.deepEqual(peers.urls, ["http://a:1", "http://b:2", "http://c:3"]);
    assert.equal(peers.ownerOf("ns", "x"), rendezvousOwner("ns/x", 3));
    assert.equal(peers.owns("ns", "x"), rendezvousOwner("ns/x", 3) === 1);
    assert.equal(peers.describe(2), "replica 2 (http://c:3)");
    assert.match(peers.fingerprint, /^[0-9a-f]{8}$/);
    assert.notEqual(peers.fingerprint, new PeerSet(["http://a:1", "http://b:2"], 0).fingerprint);
    assert.throws(() => new PeerSet(["http://a:1"], 1), RangeError);
  });
});
