// The leader-election Leases kube-controller-manager and kube-scheduler hold in kube-system.
//
// client-go's leaderelection LeaseLock with the components' defaults (component-base
// RecommendedDefaultLeaderElectionConfiguration: leaseDuration 15 s, renewDeadline 10 s,
// retryPeriod 2 s); the holder is `<hostname>_<uuid>`, as both components name themselves.

import type { KubeObject } from "../store/mod.ts";

/** The components that elect a leader through a kube-system Lease of their own name. */
export const LEADER_ELECTED_COMPONENTS = ["kube-controller-manager", "kube-scheduler"] as const;

/** How often a leader renews its Lease (retryPeriod), in milliseconds. */
export const LEADER_RENEW_INTERVAL_MS = 2_000;

/** A Lease's `renewTime`/`acquireTime`: metav1.MicroTime, six fractional digits. */
export function microTime(now: Date): string {
  return now.toISOString().replace("Z", "000Z");
}

/** The Lease `component` holds since `now`, led from the node `nodeName`. */
export function renderLeaderLease(
  component: (typeof LEADER_ELECTED_COMPONENTS)[number],
  nodeName: string,
  uid: string,
  now: Date,
): KubeObject {
  const time = microTime(now);
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: component, namespace: "kube-system" },
    spec: {
      acquireTime: time,
      holderIdentity: `${nodeName}_${uid}`,
      leaseDurationSeconds: 15,
      leaseTransitions: 0,
      renewTime: time,
    },
  };
}
