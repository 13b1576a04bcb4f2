// What every etcd method gets: the cluster, the member serving the call, and the response header.
import type { EtcdCluster, EtcdMember } from "./etcd_cluster.ts";
import type { ResponseHeader } from "./_wire.ts";

/** One call: the cluster it reached and the member answering it. */
export interface EtcdCall {
  readonly cluster: EtcdCluster;
  readonly member: EtcdMember;
}

/** A unary method: request bytes in, response bytes out; failures throw EtcdError. */
export type UnaryMethod = (request: Uint8Array, call: EtcdCall) => Uint8Array;

/** The header every etcd response carries: cluster, answering member, revision, raft term. */
export function headerOf(call: EtcdCall): ResponseHeader {
  return {
    clusterId: call.cluster.clusterId,
    memberId: call.member.id,
    revision: call.cluster.kv.revision,
    raftTerm: call.cluster.raftTerm,
  };
}
