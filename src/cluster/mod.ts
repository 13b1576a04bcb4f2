// The registry of fake clusters: ports, CAs, node reports and listener lifecycle.

export { renderCaSecrets } from "./ca_secrets.ts";
export type { ClusterEvent, ClusterEventListener } from "./cluster_events.ts";
export { ClusterError, type ClusterErrorKind } from "./cluster_errors.ts";
export {
  ClusterRegistry,
  type ClusterRegistryOptions,
  type RegisterRequest,
} from "./cluster_registry.ts";
export type { CaSecretsLookup, CaSource, ReadCaSecrets, SuppliedCa } from "./ca_sourcing.ts";
export type { BootPhase, NodeReportResult } from "./machine_boot.ts";
export {
  delayOf,
  MAX_PHASE_DELAY_MS,
  MAX_PHASE_JITTER,
  NO_DELAYS,
  parseDurationMs,
  type PhaseDelay,
  type ProvisioningDelays,
} from "./provisioning.ts";
export { FakeCluster, type ListenerState, type RunningEndpoint } from "./fake_cluster.ts";
export type { ClusterSettings, KubeletDelays, SettingsChange } from "./cluster_settings.ts";
export type {
  BootingMachine,
  ClusterState,
  RegisteredCluster,
  RegistryJournal,
  RestoredCluster,
} from "./registry_journal.ts";
export {
  CLUSTER_NAME_LABEL,
  CONTROL_PLANE_LABEL,
  isControlPlane,
  KUBERNETES_VERSION,
  type NodeReport,
  type NodeTaint,
  UNINITIALIZED_TAINT,
  UUID_LABEL,
} from "./node_report.ts";
export { compareKubernetesVersions } from "./control_plane_versions.ts";
export { PortAllocator } from "./port_allocator.ts";
export { DEFAULT_KUBEADM_SETTINGS, type KubeadmSettings } from "./kubeadm_settings.ts";
export {
  deleteMachine,
  type NodeConditionChange,
  removeMachine,
  setNodeCondition,
} from "./node_operations.ts";
export { type ControllerCreateInputs, controllerCreates } from "./controller_creates.ts";
