// etcdserverpb Cluster service messages (rpc.proto): MemberAdd, MemberRemove, MemberUpdate, MemberList, MemberPromote.
import {
  type MemberFields,
  newWriter,
  readFields,
  readUint64,
  type ResponseHeader,
  writeHeader,
  writeMember,
} from "./_wire.ts";

/** MemberAddRequest{peerURLs = 1, isLearner = 2}. */
export function decodeMemberAddRequest(bytes: Uint8Array) {
  const request = { peerURLs: [] as string[], isLearner: false };
  readFields(bytes, (no, r) => {
    if (no === 1) request.peerURLs.push(r.string());
    else if (no === 2) request.isLearner = r.bool();
    else return false;
    return true;
  });
  return request;
}

/** MemberRemoveRequest{ID = 1} and MemberPromoteRequest{ID = 1}. */
export function decodeMemberIdRequest(bytes: Uint8Array): { id: bigint } {
  let id = 0n;
  readFields(bytes, (no, r) => no === 1 && (id = readUint64(r), true));
  return { id };
}

/** MemberUpdateRequest{ID = 1, peerURLs = 2}. */
export function decodeMemberUpdateRequest(bytes: Uint8Array) {
  const request = { id: 0n, peerURLs: [] as string[] };
  readFields(bytes, (no, r) => {
    if (no === 1) request.id = readUint64(r);
    else if (no === 2) request.peerURLs.push(r.string());
    else return false;
    return true;
  });
  return request;
}

/** MemberListRequest{linearizable = 1}. */
export function decodeMemberListRequest(bytes: Uint8Array): { linearizable: boolean } {
  let linearizable = false;
  readFields(bytes, (no, r) => no === 1 && (linearizable = r.bool(), true));
  return { linearizable };
}

/** MemberAddResponse{header = 1, member = 2, members = 3}. */
export function encodeMemberAddResponse(
  header: ResponseHeader,
  member: MemberFields,
  members: readonly MemberFields[],
): Uint8Array {
  const w = newWriter();
  writeHeader(w, 1, header);
  writeMember(w, 2, member);
  for (const m of members) writeMember(w, 3, m);
  return w.finish();
}

/** MemberListResponse, MemberRemoveResponse, MemberUpdateResponse and MemberPromoteResponse: {header = 1, members = 2}. */
export function encodeMembersResponse(
  header: ResponseHeader,
  members: readonly MemberFields[],
): Uint8Array {
  const w = newWriter();
  writeHeader(w, 1, header);
  for (const m of members) writeMember(w, 2, m);
  return w.finish();
}
