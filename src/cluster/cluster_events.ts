// The lifecycle events of clusters that an operator wants to see in the log, one line each.

import type { BootPhase } from "./machine_boot.ts";

/** Something that happened to a cluster; `main.ts` turns each into one info log line. */
export type ClusterEvent =
  | { readonly kind: "registered"; readonly port: number; readonly caSource: string }
  | { readonly kind: "deleted"; readonly port: number }
  | { readonly kind: "listenerUp"; readonly port: number }
  | { readonly kind: "listenerDown"; readonly port: number }
  | { readonly kind: "nodeReported"; readonly node: string; readonly controlPlane: boolean }
  | { readonly kind: "phaseDone"; readonly node: string; readonly phase: BootPhase }
  | { readonly kind: "faultRulesExpired"; readonly ids: readonly string[] };

/** Hears cluster events, with the cluster's `namespace/name`. */
export type ClusterEventListener = (
  event: ClusterEvent,
  cluster: { readonly namespace: string; readonly name: string; readonly port: number },
) => void;
