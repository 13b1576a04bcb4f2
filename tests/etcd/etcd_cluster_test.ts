// The etcd state model: membership rules, leadership, alarms and the control API's view.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  EtcdCluster,
  EtcdError,
  GrpcCode,
  setAlarm,
  setLeader,
  setLearner,
  snapshotOf,
} from "../../src/etcd/mod.ts";

function threeMembers() {
  const cluster = new EtcdCluster({ seed: "default/c1" });
  const [a, b, c] = ["cp-1", "cp-2", "cp-3"].map((n, i) => cluster.addMember(n, `10.0.0.${i + 1}`));
  return { cluster, a, b, c };
}

function rejects(fn: () => unknown, code: number, message: string | RegExp) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof EtcdError);
    assert.equal(error.code, code);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe("EtcdCluster", () => {
  it("gives stable non-zero IDs and makes the first member leader", () => {
    const { cluster, a, b } = threeMembers();
    const again = threeMembers();
    assert.equal(cluster.clusterId, again.cluster.clusterId);
    assert.deepEqual([a.id, b.id], [again.a.id, again.b.id]);
    assert.notEqual(a.id, 0n);
    assert.notEqual(a.id, b.id);
    assert.equal(cluster.leaderId, a.id);
    assert.deepEqual(a.peerURLs, ["https://10.0.0.1:2380"]);
    assert.deepEqual(a.clientURLs, ["https://10.0.0.1:2379"]);
    assert.equal(a.isLearner, false);
  });

  it("adds members idempotently by name", () => {
    const { cluster, b } = threeMembers();
    const index = cluster.raftIndex;
    assert.equal(cluster.addMember("cp-2", "10.0.0.99"), b);
    assert.equal(cluster.members.length, 3);
    assert.equal(cluster.raftIndex, index);
  });

  it("starts a member added by peer URL when its node comes up", () => {
    const { cluster } = threeMembers();
    const added = cluster.addMemberByPeerUrls(["https://10.0.0.4:2380"]);
    assert.equal(added.name, "");
    const started = cluster.addMember("cp-4", "10.0.0.4");
    assert.equal(started.id, added.id);
    assert.equal(started.name, "cp-4");
    assert.deepEqual(started.clientURLs, ["https://10.0.0.4:2379"]);
  });

  it("applies etcd's MemberAdd checks", () => {
    const { cluster } = threeMembers();
    rejects(
      () => cluster.addMemberByPeerUrls(["https://10.0.0.1:2380"]),
      GrpcCode.FailedPrecondition,
      "etcdserver: Peer URLs already exists",
    );
    rejects(
      () => cluster.addMemberByPeerUrls(["10.0.0.9"]),
      GrpcCode.InvalidArgument,
      "etcdserver: given member URLs are invalid",
    );
    cluster.addMemberByPeerUrls(["https://10.0.0.5:2380"], { learner: true });
    rejects(
      () => cluster.addMemberByPeerUrls(["https://10.0.0.6:2380"], { learner: true }),
      GrpcCode.FailedPrecondition,
      "etcdserver: too many learner members in cluster",
    );
  });

  it("refuses to remove the last member and unknown IDs", () => {
    const cluster = new EtcdCluster({ seed: "x" });
    const only = cluster.addMember("cp-1", "10.0.0.1");
    rejects(
      () => cluster.removeMember(only.id),
      GrpcCode.FailedPrecondition,
      "etcdserver: re-configuration failed due to not enough started members",
    );
    rejects(() => cluster.removeMember(42n), GrpcCode.NotFound, "etcdserver: member not found");
  });

  it("elects a remaining voter when the leader is removed, and the removed member stops serving", () => {
    const { cluster, a, b } = threeMembers();
    const term = cluster.raftTerm;
    cluster.removeMember(a.id);
    assert.equal(cluster.leaderId, b.id);
    assert.equal(cluster.raftTerm, term + 1);
    assert.equal(cluster.knows("cp-1"), true);
    rejects(
      () => cluster.servingMember("cp-1"),
      GrpcCode.Unavailable,
      "etcdserver: server stopped",
    );
    assert.equal(cluster.servingMember(undefined).id, b.id);
  });

  it("moves leadership only from the leader and only to a voting member", () => {
    const { cluster, a, b, c } = threeMembers();
    rejects(
      () => cluster.moveLeader(b.id, c.id),
      GrpcCode.FailedPrecondition,
      "etcdserver: not leader",
    );
    rejects(
      () => cluster.moveLeader(a.id, 7n),
      GrpcCode.FailedPrecondition,
      "etcdserver: bad leader transferee",
    );
    cluster.moveLeader(a.id, c.id);
    assert.equal(cluster.leaderId, c.id);
  });

  it("promotes started learners only", () => {
    const { cluster, a } = threeMembers();
    const learner = cluster.addMember("cp-4", "10.0.0.4", { learner: true });
    assert.equal(learner.isLearner, true);
    rejects(
      () => cluster.promote(a.id),
      GrpcCode.FailedPrecondition,
      "etcdserver: can only promote a learner member",
    );
    assert.equal(cluster.promote(learner.id).isLearner, false);
    const unstarted = cluster.addMemberByPeerUrls(["https://10.0.0.5:2380"], { learner: true });
    rejects(
      () => cluster.promote(unstarted.id),
      GrpcCode.FailedPrecondition,
      /in sync with leader/,
    );
  });

  it("updates peer URLs", () => {
    const { cluster, b } = threeMembers();
    assert.deepEqual(cluster.update(b.id, ["https://10.0.1.2:2380"]).peerURLs, [
      "https://10.0.1.2:2380",
    ]);
    rejects(
      () => cluster.update(b.id, ["https://10.0.0.1:2380"]),
      GrpcCode.FailedPrecondition,
      /Peer URLs already exists/,
    );
  });

  it("raises and clears alarms; NOSPACE refuses writes", () => {
    const { cluster, b } = threeMembers();
    const key = new TextEncoder().encode("k");
    cluster.put(key, key);
    assert.deepEqual(cluster.setAlarm(b.id, "NOSPACE", true), [{
      memberId: b.id,
      alarm: "NOSPACE",
    }]);
    assert.deepEqual(cluster.setAlarm(b.id, "NOSPACE", true), []);
    rejects(
      () => cluster.put(key, key),
      GrpcCode.ResourceExhausted,
      "etcdserver: mvcc: database space exceeded",
    );
    cluster.setAlarm(b.id, "NOSPACE", false);
    assert.deepEqual(cluster.alarms(), []);
    assert.equal(cluster.put(key, key)?.version, 1);
  });

  it("tells listeners about changes and moves the raft index", () => {
    const { cluster, b } = threeMembers();
    const seen: string[] = [];
    const stop = cluster.subscribe((change) => seen.push(change.kind));
    const index = cluster.raftIndex;
    setLeader(cluster, "cp-2");
    setAlarm(cluster, "cp-3", "CORRUPT", true);
    stop();
    cluster.removeMember(b.id);
    assert.deepEqual(seen, ["leader", "alarm"]);
    assert.ok(cluster.raftIndex > index + 2);
  });
});

describe("control API view", () => {
  it("snapshots members, leader and alarms as JSON-safe data", () => {
    const { cluster, b } = threeMembers();
    setAlarm(cluster, "cp-2", "NOSPACE", true);
    setLearner(cluster, "cp-3", true);
    const snapshot = snapshotOf(cluster);
    assert.equal(snapshot.leader, "cp-1");
    assert.equal(snapshot.clusterId, cluster.clusterId.toString());
    assert.deepEqual(snapshot.members[1], {
      id: b.id.toString(),
      idHex: b.id.toString(16),
      name: "cp-2",
      peerURLs: ["https://10.0.0.2:2380"],
      clientURLs: ["https://10.0.0.2:2379"],
      isLearner: false,
      isLeader: false,
      alarms: ["NOSPACE"],
    });
    assert.equal(snapshot.members[2].isLearner, true);
    JSON.stringify(snapshot); // no bigint left
  });

  it("refuses to make a learner lead or the leader a learner", () => {
    const { cluster } = threeMembers();
    setLearner(cluster, "cp-3", true);
    rejects(() => setLeader(cluster, "cp-3"), GrpcCode.FailedPrecondition, /is a learner/);
    rejects(
      () => setLearner(cluster, "cp-1", true),
      GrpcCode.FailedPrecondition,
      /leader a learner/,
    );
    rejects(() => setLeader(cluster, "nope"), GrpcCode.NotFound, /no etcd member "nope"/);
  });
});

describe("EtcdCluster without a leader", () => {
  it("dropLeader leaves Status at leader 0: the leader's endpoint answers 'no leader' until one is elected", () => {
    const cluster = new EtcdCluster({ seed: "ns/leaderless" });
    const first = cluster.addMember("cp-1", "10.0.0.2");
    cluster.addMember("cp-2", "10.0.0.3");
    cluster.dropLeader();
    assert.equal(cluster.leaderId, undefined);
    assert.throws(() => cluster.servingMember(undefined), /no leader/);
    assert.equal(cluster.servingMember("cp-2").name, "cp-2", "members still answer by name");
    cluster.elect(first.id);
    assert.equal(cluster.leaderId, first.id);
  });
});
