// The one error type of src/etcd: a gRPC status code plus etcd's own message (`rpctypes`).

/** The gRPC status codes the fake etcd answers with. */
export const GrpcCode = {
  OK: 0,
  Unknown: 2,
  InvalidArgument: 3,
  NotFound: 5,
  FailedPrecondition: 9,
  ResourceExhausted: 8,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
} as const;

/** A failed etcd call: `code` is the gRPC status, `message` the `grpc-message` clients see. */
export class EtcdError extends Error {
  constructor(readonly code: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "EtcdError";
  }
}

const failure = (code: number, message: string) => () => new EtcdError(code, message);

/** etcd's own errors, spelled as etcd's `api/v3rpc/rpctypes/error.go` spells them. */
export const EtcdErrors = {
  memberNotFound: failure(GrpcCode.NotFound, "etcdserver: member not found"),
  peerUrlExists: failure(GrpcCode.FailedPrecondition, "etcdserver: Peer URLs already exists"),
  notEnoughStarted: failure(
    GrpcCode.FailedPrecondition,
    "etcdserver: re-configuration failed due to not enough started members",
  ),
  badUrls: failure(GrpcCode.InvalidArgument, "etcdserver: given member URLs are invalid"),
  memberNotLearner: failure(
    GrpcCode.FailedPrecondition,
    "etcdserver: can only promote a learner member",
  ),
  learnerNotReady: failure(
    GrpcCode.FailedPrecondition,
    "etcdserver: can only promote a learner member which is in sync with leader",
  ),
  tooManyLearners: failure(
    GrpcCode.FailedPrecondition,
    "etcdserver: too many learner members in cluster",
  ),
  notLeader: failure(GrpcCode.FailedPrecondition, "etcdserver: not leader"),
  badLeaderTransferee: failure(GrpcCode.FailedPrecondition, "etcdserver: bad leader transferee"),
  noLeader: failure(GrpcCode.Unavailable, "etcdserver: no leader"),
  notSupportedForLearner: failure(
    GrpcCode.Unavailable,
    "etcdserver: rpc not supported for learner",
  ),
  stopped: failure(GrpcCode.Unavailable, "etcdserver: server stopped"),
  noSpace: failure(GrpcCode.ResourceExhausted, "etcdserver: mvcc: database space exceeded"),
  corrupt: failure(GrpcCode.DataLoss, "etcdserver: corrupt cluster"),
  emptyKey: failure(GrpcCode.InvalidArgument, "etcdserver: key is not provided"),
} as const;
