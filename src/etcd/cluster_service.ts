// The etcdserverpb.Cluster service: membership calls answered from the EtcdCluster model.
import { headerOf, type UnaryMethod } from "./_call.ts";
import {
  decodeMemberAddRequest,
  decodeMemberIdRequest,
  decodeMemberUpdateRequest,
  encodeMemberAddResponse,
  encodeMembersResponse,
} from "./cluster_messages.ts";

/** Cluster's methods by name. */
export const clusterMethods: Record<string, UnaryMethod> = {
  MemberList: (_request, call) => encodeMembersResponse(headerOf(call), call.cluster.members),
  MemberAdd(request, call) {
    const { peerURLs, isLearner } = decodeMemberAddRequest(request);
    const member = call.cluster.addMemberByPeerUrls(peerURLs, { learner: isLearner });
    return encodeMemberAddResponse(headerOf(call), member, call.cluster.members);
  },
  MemberRemove(request, call) {
    call.cluster.removeMember(decodeMemberIdRequest(request).id);
    return encodeMembersResponse(headerOf(call), call.cluster.members);
  },
  MemberUpdate(request, call) {
    const { id, peerURLs } = decodeMemberUpdateRequest(request);
    call.cluster.update(id, peerURLs);
    return encodeMembersResponse(headerOf(call), call.cluster.members);
  },
  MemberPromote(request, call) {
    call.cluster.promote(decodeMemberIdRequest(request).id);
    return encodeMembersResponse(headerOf(call), call.cluster.members);
  },
};
