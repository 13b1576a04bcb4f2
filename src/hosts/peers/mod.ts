// Replicas of fkas sharing clusters (--peers, --shard-index): placement by rendezvous hashing, and
// the layer in front of each replica's control API that forwards to a cluster's owner.

export { createPeerRouter, type PeerRouterOptions } from "./peer_router.ts";
export { type FetchHandler, PeerClient, type PeerClientOptions } from "./peer_client.ts";
export { PeerError, type PeerErrorReason } from "./peer_error.ts";
export { PeerSet } from "./peer_set.ts";
export { murmur3, rendezvousOwner } from "./rendezvous.ts";
export { FORWARDED_BY_HEADER, PEERS_HEADER } from "./peer_headers.ts";
