// The registry of fake clusters: ports, CAs, node reports and listener lifecycle.

export { renderCaSecrets } from "./ca_secrets.ts";
export { ClusterError, type ClusterErrorKind } from "./cluster_errors.ts";
export {
  ClusterRegistry,
  type ClusterRegistryOptions,
  type NodeReportResult,
  type RegisterRequest,
  type SuppliedCa,
} from "./cluster_registry.ts";
export { FakeCluster, type ListenerState, type RunningEndpoint } from "./fake_cluster.ts";
export { CONTROL_PLANE_LABEL, isControlPlane, type NodeReport } from "./node_report.ts";
