// The etcdserverpb.KV service, Range and Put only: what `etcdctl endpoint health`, get and put need.
import { headerOf, type UnaryMethod } from "./_call.ts";
import { EtcdErrors } from "./etcd_error.ts";
import {
  decodePutRequest,
  decodeRangeRequest,
  encodePutResponse,
  encodeRangeResponse,
} from "./kv_messages.ts";

/** KV's methods by name (DeleteRange, Txn and Compact stay unimplemented). */
export const kvMethods: Record<string, UnaryMethod> = {
  Range(request, call) {
    const r = decodeRangeRequest(request);
    // A learner serves serializable reads only (etcd's ErrGPRCNotSupportedForLearner otherwise).
    if (call.member.isLearner && !r.serializable) throw EtcdErrors.notSupportedForLearner();
    if (call.cluster.leaderId === undefined && !r.serializable) throw EtcdErrors.noLeader();
    if (r.key.length === 0) throw EtcdErrors.emptyKey();
    const result = call.cluster.kv.range(r.key, r.rangeEnd, r.limit);
    return encodeRangeResponse(headerOf(call), result, r);
  },
  Put(request, call) {
    const r = decodePutRequest(request);
    if (call.cluster.leaderId === undefined) throw EtcdErrors.noLeader();
    const previous = call.cluster.put(r.key, r.value);
    return encodePutResponse(headerOf(call), r.prevKv ? previous : undefined);
  },
};
