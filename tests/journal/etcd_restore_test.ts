// A cluster's etcd membership (members, learners, leader, term, alarms) comes back from the journal.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  encodeRecord,
  fileHeader,
  type JournalRecord,
  loadJournal,
  RegistryRecords,
} from "../../src/journal/mod.ts";
import { snapshotOf } from "../../src/etcd/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const CP = { "cluster.x-k8s.io/control-plane": "" };

function fileOf(records: readonly JournalRecord[]): Uint8Array {
  const parts = [fileHeader(), ...records.map(encodeRecord)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

async function changedEtcd() {
  const records: JournalRecord[] = [];
  const journal = new RegistryRecords((record) => records.push(record));
  const { registry } = registryWithFakeListeners({ journal });
  await registry.register({ namespace: "default", name: "e" });
  for (const node of ["e-cp-1", "e-cp-2", "e-cp-3"]) {
    await registry.reportNode({ namespace: "default", cluster: "e", nodeName: node, labels: CP });
  }
  const etcd = registry.get("default", "e")!.etcd;
  const [one, two, three] = etcd.members;
  etcd.removeMember(three.id);
  etcd.addMemberByPeerUrls(["https://10.0.0.9:2380"], { learner: true });
  etcd.moveLeader(one.id, two.id);
  etcd.setAlarm(one.id, "NOSPACE", true);
  return { records, journal, registry };
}

const view = (registry: ReturnType<typeof registryWithFakeListeners>["registry"]) => {
  const etcd = registry.get("default", "e")!.etcd;
  return {
    snapshot: snapshotOf(etcd),
    term: etcd.raftTerm,
    index: etcd.raftIndex,
    alarms: etcd.alarms(),
    members: etcd.members,
    knowsRemoved: etcd.knows("e-cp-3"),
  };
};

describe("etcd membership across a restart", () => {
  it("members added, removed and learners, leader, term, index and alarms come back", async () => {
    const source = await changedEtcd();
    const before = view(source.registry);
    const target = registryWithFakeListeners();
    await target.registry.restore(
      loadJournal({ journalFile: "j", journal: fileOf(source.records) }).clusters,
    );
    assert.deepEqual(view(target.registry), before);
    assert.equal(before.alarms.length, 1);
    assert.equal(before.members.length, 3);
  });

  it("from a snapshot too", async () => {
    const source = await changedEtcd();
    const before = view(source.registry);
    const snapshot = source.journal.snapshot((key) => {
      const [namespace, name] = key.split("/");
      return source.registry.get(namespace, name)?.store;
    });
    const target = registryWithFakeListeners();
    await target.registry.restore(
      loadJournal({ snapshotFile: "s", snapshot: fileOf(snapshot), journalFile: "j" }).clusters,
    );
    assert.deepEqual(view(target.registry), before);
  });
});
