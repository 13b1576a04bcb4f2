// The registry of fake clusters: ports, CAs, node reports and listener lifecycle.

export { renderCaSecrets } from "./ca_secrets.ts";
export { ClusterError, type ClusterErrorKind } from "./cluster_errors.ts";
export {
  ClusterRegistry,
  type ClusterRegistryOptions,
  type RegisterRequest,
  type SuppliedCa,
} from "./cluster_registry.ts";
export type { NodeReportResult } from "./machine_boot.ts";
export {
  delayOf,
  NO_DELAYS,
  parseDurationMs,
  type PhaseDelay,
  type ProvisioningDelays,
} from "./provisioning.ts";
export { FakeCluster, type ListenerState, type RunningEndpoint } from "./fake_cluster.ts";
export { CONTROL_PLANE_LABEL, isControlPlane, type NodeReport } from "./node_report.ts";
export { deleteMachine, type NodeConditionChange, setNodeCondition } from "./node_operations.ts";
