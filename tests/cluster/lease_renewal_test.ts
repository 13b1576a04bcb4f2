// Lease renewals: off by default, node Leases every 10 s and leader Leases every 2 s when on.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type IntervalTimers, LeaseRenewal } from "../../src/cluster/lease_renewal.ts";
import { LEASES } from "../../src/cluster/resources.ts";
import { renderLeaderLease, renderNodeLease } from "../../src/seed/mod.ts";
import { ObjectStore } from "../../src/store/mod.ts";

function fakeTimers() {
  const intervals = new Map<number, { task: () => void; ms: number }>();
  let next = 0;
  const timers: IntervalTimers = {
    setInterval: (task, ms) => (intervals.set(++next, { task, ms }), next),
    clearInterval: (handle) => intervals.delete(handle as number),
  };
  const fire = (ms: number) => {
    for (const interval of intervals.values()) if (interval.ms === ms) interval.task();
  };
  return { timers, intervals, fire };
}

function setup() {
  let clock = Date.parse("2026-01-02T03:04:05.123Z");
  let uid = 0;
  const now = () => new Date(clock);
  const store = new ObjectStore({ now, newUid: () => `uid-${++uid}` });
  store.create(LEASES, renderNodeLease({ name: "n1", uid: "node-uid" }, now()));
  store.create(LEASES, renderLeaderLease("kube-scheduler", "cp-1", "abc", now()));
  const { timers, intervals, fire } = fakeTimers();
  const renewal = new LeaseRenewal(store, timers, now, { nodeMs: 10_000, leaderMs: 2_000 });
  const renewTime = (namespace: string, name: string) =>
    (store.get(LEASES, namespace, name)!.spec as { renewTime: string }).renewTime;
  return { store, renewal, intervals, fire, renewTime, tick: (ms: number) => (clock += ms) };
}

describe("Lease renewal", () => {
  it("does nothing until started: no timers, no writes", () => {
    const { renewal, intervals } = setup();
    assert.equal(renewal.running, false);
    assert.equal(intervals.size, 0);
  });

  it("renews node Leases on the 10 s tick and leader Leases on the 2 s tick, as MicroTime", () => {
    const { renewal, fire, renewTime, tick } = setup();
    renewal.start();
    tick(2_000);
    fire(2_000);
    assert.equal(renewTime("kube-system", "kube-scheduler"), "2026-01-02T03:04:07.123000Z");
    assert.equal(renewTime("kube-node-lease", "n1"), "2026-01-02T03:04:05.123000Z");
    tick(8_000);
    fire(10_000);
    assert.equal(renewTime("kube-node-lease", "n1"), "2026-01-02T03:04:15.123000Z");
  });

  it("stops with its timers cleared", () => {
    const { renewal, intervals } = setup();
    renewal.start();
    renewal.start();
    assert.equal(intervals.size, 2);
    renewal.stop();
    assert.equal(intervals.size, 0);
    assert.equal(renewal.running, false);
  });

  it("the leader Lease is held by `<node>_<uuid>` for 15 s", () => {
    const lease = renderLeaderLease("kube-controller-manager", "cp-1", "u-1", new Date(0));
    assert.deepEqual(lease.metadata, { name: "kube-controller-manager", namespace: "kube-system" });
    assert.deepEqual(lease.spec, {
      acquireTime: "1970-01-01T00:00:00.000000Z",
      holderIdentity: "cp-1_u-1",
      leaseDurationSeconds: 15,
      leaseTransitions: 0,
      renewTime: "1970-01-01T00:00:00.000000Z",
    });
  });
});
