// A new Pod's status, as the Pod registry strategy's PrepareForCreate sets it (pkg/registry/core/pod).

import { podQOSClass } from "./pod_qos.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * `Pending`, the QoS class, and for a Pod with scheduling gates the PodScheduled=False condition
 * (`applySchedulingGatedCondition`); whatever status the client sent is dropped.
 */
export function podStatusOnCreate(pod: Loose, minor: number, now: Date): Loose {
  const status: Loose = { phase: "Pending", qosClass: podQOSClass(pod, minor) };
  const gates = pod?.spec?.schedulingGates;
  if (Array.isArray(gates) && gates.length > 0) {
    status.conditions = [{
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null,
      lastTransitionTime: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      reason: "SchedulingGated",
      message: "Scheduling is blocked due to non-empty scheduling gates",
    }];
  }
  return status;
}
