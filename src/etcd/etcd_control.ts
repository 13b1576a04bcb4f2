// What the control API does with an etcd cluster: a JSON snapshot and mutators addressed by member name.
import { hexId } from "./_ids.ts";
import type { AlarmType, EtcdCluster, EtcdMember } from "./etcd_cluster.ts";
import { EtcdError, GrpcCode } from "./etcd_error.ts";

/** The JSON view of a cluster; IDs are decimal strings (uint64 does not fit a JSON number). */
export interface EtcdClusterSnapshot {
  clusterId: string;
  /** The leader's member name; null while the cluster has no member. */
  leader: string | null;
  raftTerm: number;
  raftIndex: number;
  revision: number;
  version: string;
  members: {
    id: string;
    idHex: string;
    name: string;
    peerURLs: string[];
    clientURLs: string[];
    isLearner: boolean;
    isLeader: boolean;
    alarms: AlarmType[];
  }[];
}

/** The whole state of `cluster` as JSON-safe data. */
export function snapshotOf(cluster: EtcdCluster): EtcdClusterSnapshot {
  const alarms = cluster.alarms();
  return {
    clusterId: cluster.clusterId.toString(),
    leader: cluster.member(cluster.leaderId ?? 0n)?.name ?? null,
    raftTerm: cluster.raftTerm,
    raftIndex: cluster.raftIndex,
    revision: cluster.kv.revision,
    version: cluster.version,
    members: cluster.members.map((m) => ({
      id: m.id.toString(),
      idHex: hexId(m.id),
      name: m.name,
      peerURLs: [...m.peerURLs],
      clientURLs: [...m.clientURLs],
      isLearner: m.isLearner,
      isLeader: m.id === cluster.leaderId,
      alarms: alarms.filter((a) => a.memberId === m.id).map((a) => a.alarm),
    })),
  };
}

function named(cluster: EtcdCluster, name: string, action: string): EtcdMember {
  const member = cluster.memberNamed(name);
  if (!member) throw new EtcdError(GrpcCode.NotFound, `Cannot ${action}: no etcd member "${name}"`);
  return member;
}

/** Makes the member `name` the leader (whoever led before), or leaves none for `null`; a learner cannot lead. */
export function setLeader(cluster: EtcdCluster, name: string | null): void {
  if (name === null) return cluster.dropLeader();
  const member = named(cluster, name, "set the etcd leader");
  if (member.isLearner) {
    const message = `Cannot set the etcd leader: "${name}" is a learner`;
    throw new EtcdError(GrpcCode.FailedPrecondition, message);
  }
  cluster.elect(member.id);
}

/** Raises (`active`) or clears an alarm on the member `name`. */
export function setAlarm(cluster: EtcdCluster, name: string, alarm: AlarmType, active: boolean) {
  cluster.setAlarm(named(cluster, name, "change an etcd alarm").id, alarm, active);
}

/** Marks the member `name` as a learner or a voter; the leader cannot become a learner. */
export function setLearner(cluster: EtcdCluster, name: string, learner: boolean): void {
  cluster.setLearner(named(cluster, name, "change an etcd member").id, learner);
}
