// etcd's reconfiguration rules (strict reconfig check, `membership/cluster.go`) and member URL helpers.

/** What the rules look at in a member. */
interface MemberShape {
  readonly id: bigint;
  readonly name: string;
  readonly isLearner: boolean;
  readonly peerURLs: readonly string[];
}

/** A member has started once it published its name. */
export const isStarted = (m: { readonly name: string }): boolean => m.name !== "";

function count(members: readonly MemberShape[], skip?: bigint) {
  const voters = members.filter((m) => !m.isLearner && m.id !== skip);
  return { voters: voters.length, started: voters.filter(isStarted).length };
}

/** IsReadyToAddVotingMember: the started voters must still form a quorum with one more voter (1 → 2 is allowed). */
export function canAddVoter(members: readonly MemberShape[]): boolean {
  const { voters, started } = count(members);
  if (started === 1 && voters === 1) return true;
  return started >= Math.floor((voters + 1) / 2) + 1;
}

/** IsReadyToRemoveVotingMember: the started voters left must form a quorum, so the last one never goes. */
export function canRemoveVoter(members: readonly MemberShape[], id: bigint): boolean {
  const { voters, started } = count(members, id);
  return started >= Math.floor(voters / 2) + 1;
}

/** IsReadyToPromoteMember: counting the learner as a started voter, the started voters form a quorum. */
export function canPromote(members: readonly MemberShape[]): boolean {
  const { voters, started } = count(members);
  return started + 1 >= Math.floor((voters + 1) / 2) + 1;
}

/** Peer URLs etcd accepts: http(s)://host:port with no path, at least one. */
export function validPeerUrls(urls: readonly string[]): boolean {
  return urls.length > 0 && urls.every((url) => /^https?:\/\/[^/?#\s]+:\d+$/.test(url));
}

/** The peer (2380) and client (2379) URLs of a member at `ip`, as kubeadm configures them. */
export function urlsOf(ip: string): { peerURLs: string[]; clientURLs: string[] } {
  const host = ip.includes(":") ? `[${ip}]` : ip;
  return { peerURLs: [`https://${host}:2380`], clientURLs: [`https://${host}:2379`] };
}
