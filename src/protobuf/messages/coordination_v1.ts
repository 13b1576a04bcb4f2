// coordination.k8s.io/v1 messages; field numbers from kubernetes/api coordination/v1/generated.proto (v0.26).

import type { MessageTable } from "../descriptor.ts";

/** Lease. */
export const COORDINATION_V1: MessageTable = {
  Lease: { 1: "metadata ObjectMeta", 2: "spec LeaseSpec" },
  LeaseSpec: {
    1: "holderIdentity string?",
    2: "leaseDurationSeconds int32?",
    3: "acquireTime MicroTime",
    4: "renewTime MicroTime",
    5: "leaseTransitions int32?",
  },
};
