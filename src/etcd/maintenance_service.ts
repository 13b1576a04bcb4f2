// The etcdserverpb.Maintenance service: status, alarms and leadership from the EtcdCluster model.
import { stableId } from "./_ids.ts";
import { type EtcdCall, headerOf, type UnaryMethod } from "./_call.ts";
import type { AlarmType } from "./etcd_cluster.ts";
import {
  ALARM_TYPES,
  AlarmAction,
  decodeAlarmRequest,
  decodeMoveLeaderRequest,
  encodeAlarmResponse,
  encodeHashResponse,
  encodeHeaderResponse,
  encodeStatusResponse,
} from "./maintenance_messages.ts";

// A fresh kubeadm etcd reports about this much; the fake's keyspace barely adds to it.
const DB_SIZE = 20 * 1024 * 1024;
const DB_SIZE_IN_USE = 4 * 1024 * 1024;

const alarmNumber = (alarm: AlarmType) => ALARM_TYPES.indexOf(alarm);

/** A keyspace hash that every member agrees on (the fake's members share one keyspace). */
const keyspaceHash = (call: EtcdCall) =>
  Number(stableId(`${call.cluster.clusterId}/${call.cluster.kv.revision}`) & 0xffffffffn);

function alarm(request: Uint8Array, call: EtcdCall): Uint8Array {
  const { action, memberId, alarm } = decodeAlarmRequest(request);
  const type = alarm === 0 ? undefined : ALARM_TYPES[alarm] as AlarmType | undefined;
  let changed = call.cluster.alarms(type);
  if (action !== AlarmAction.GET) {
    const active = action === AlarmAction.ACTIVATE;
    changed = type === undefined ? [] : call.cluster.setAlarm(memberId, type, active);
  }
  const alarms = changed.map((a) => ({ memberId: a.memberId, alarm: alarmNumber(a.alarm) }));
  return encodeAlarmResponse(headerOf(call), alarms);
}

function status(_request: Uint8Array, call: EtcdCall): Uint8Array {
  const cluster = call.cluster;
  // etcd lists active alarms in Status.errors in gogo's text form ("memberID:1 alarm:NOSPACE ").
  const errors = cluster.alarms().map((a) => `memberID:${a.memberId} alarm:${a.alarm} `);
  return encodeStatusResponse(headerOf(call), {
    version: cluster.version,
    dbSize: DB_SIZE,
    leader: cluster.leaderId ?? 0n,
    raftIndex: cluster.raftIndex,
    raftTerm: cluster.raftTerm,
    raftAppliedIndex: cluster.raftIndex,
    errors,
    dbSizeInUse: DB_SIZE_IN_USE,
    isLearner: call.member.isLearner,
  });
}

/** Maintenance's methods by name (Snapshot and Downgrade stay unimplemented). */
export const maintenanceMethods: Record<string, UnaryMethod> = {
  Status: status,
  Alarm: alarm,
  MoveLeader(request, call) {
    call.cluster.moveLeader(call.member.id, decodeMoveLeaderRequest(request).targetId);
    return encodeHeaderResponse(headerOf(call));
  },
  Defragment: (_request, call) => encodeHeaderResponse(headerOf(call)),
  Hash: (_request, call) => encodeHashResponse(headerOf(call), keyspaceHash(call)),
  HashKV: (_request, call) =>
    encodeHashResponse(headerOf(call), keyspaceHash(call), {
      compactRevision: 1,
      hashRevision: call.cluster.kv.revision,
    }),
};
