// etcdserverpb Maintenance service messages (rpc.proto): Alarm, Status, MoveLeader, Defragment, Hash, HashKV.
import {
  newWriter,
  readFields,
  readInt64,
  readUint64,
  type ResponseHeader,
  writeBool,
  writeHeader,
  writeInt64,
  writeString,
  writeStrings,
  writeUint64,
} from "./_wire.ts";

/** AlarmRequest.AlarmAction: GET = 0, ACTIVATE = 1, DEACTIVATE = 2. */
export const AlarmAction = { GET: 0, ACTIVATE: 1, DEACTIVATE: 2 } as const;

/** AlarmType on the wire: NONE = 0, NOSPACE = 1, CORRUPT = 2. */
export const ALARM_TYPES = ["NONE", "NOSPACE", "CORRUPT"] as const;

/** AlarmRequest{action = 1, memberID = 2, alarm = 3}. */
export function decodeAlarmRequest(bytes: Uint8Array) {
  const request = { action: 0, memberId: 0n, alarm: 0 };
  readFields(bytes, (no, r) => {
    if (no === 1) request.action = r.int32();
    else if (no === 2) request.memberId = readUint64(r);
    else if (no === 3) request.alarm = r.int32();
    else return false;
    return true;
  });
  return request;
}

/** AlarmResponse{header = 1, alarms = 2 (AlarmMember{memberID = 1, alarm = 2})}. */
export function encodeAlarmResponse(
  header: ResponseHeader,
  alarms: readonly { memberId: bigint; alarm: number }[],
): Uint8Array {
  const w = newWriter();
  writeHeader(w, 1, header);
  for (const a of alarms) {
    w.tag(2, 2).fork();
    writeUint64(w, 1, a.memberId);
    writeUint64(w, 2, a.alarm);
    w.join();
  }
  return w.finish();
}

/** What StatusResponse carries besides its header. */
export interface StatusFields {
  version: string;
  dbSize: number;
  leader: bigint;
  raftIndex: number;
  raftTerm: number;
  raftAppliedIndex: number;
  errors: readonly string[];
  dbSizeInUse: number;
  isLearner: boolean;
}

/** StatusResponse{header = 1, version = 2, dbSize = 3, leader = 4, raftIndex = 5, raftTerm = 6, raftAppliedIndex = 7, errors = 8, dbSizeInUse = 9, isLearner = 10}. */
export function encodeStatusResponse(header: ResponseHeader | undefined, s: StatusFields) {
  const w = newWriter();
  if (header) writeHeader(w, 1, header);
  writeString(w, 2, s.version);
  writeInt64(w, 3, s.dbSize);
  writeUint64(w, 4, s.leader);
  writeUint64(w, 5, s.raftIndex);
  writeUint64(w, 6, s.raftTerm);
  writeUint64(w, 7, s.raftAppliedIndex);
  writeStrings(w, 8, s.errors);
  writeInt64(w, 9, s.dbSizeInUse);
  writeBool(w, 10, s.isLearner);
  return w.finish();
}

/** MoveLeaderRequest{targetID = 1}. */
export function decodeMoveLeaderRequest(bytes: Uint8Array): { targetId: bigint } {
  let targetId = 0n;
  readFields(bytes, (no, r) => no === 1 && (targetId = readUint64(r), true));
  return { targetId };
}

/** HashKVRequest{revision = 1}. */
export function decodeHashKvRequest(bytes: Uint8Array): { revision: number } {
  let revision = 0;
  readFields(bytes, (no, r) => no === 1 && (revision = readInt64(r), true));
  return { revision };
}

/** MoveLeaderResponse and DefragmentResponse: {header = 1}. */
export function encodeHeaderResponse(header: ResponseHeader): Uint8Array {
  const w = newWriter();
  writeHeader(w, 1, header);
  return w.finish();
}

/** HashResponse{header = 1, hash = 2} and HashKVResponse{header = 1, hash = 2, compact_revision = 3, hash_revision = 4}. */
export function encodeHashResponse(
  header: ResponseHeader,
  hash: number,
  kv?: { compactRevision: number; hashRevision: number },
): Uint8Array {
  const w = newWriter();
  writeHeader(w, 1, header);
  writeUint64(w, 2, hash);
  if (kv) {
    writeInt64(w, 3, kv.compactRevision);
    writeInt64(w, 4, kv.hashRevision);
  }
  return w.finish();
}
