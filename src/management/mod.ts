// The management cluster (where CAPI runs): its client, CA secrets, and the watchers that make
// nodes appear in fake clusters without anyone calling /updateNode.

export { connectManagementCluster, type ManagementSource } from "./connect.ts";
export {
  type CredentialEnvironment,
  inClusterEndpoint,
  kubeconfigEndpoint,
  type ManagementEndpoint,
  type RequestCredentials,
} from "./kubeconfig_credentials.ts";
export { restClient, type Transport } from "./rest_client.ts";
export {
  type ManagementClient,
  ManagementError,
  type ManagementWrites,
  type ObjectList,
  type OpenWatch,
  type ResourceRef,
  type WatchEvent,
} from "./management_client.ts";
export { managementSource, SERVICE_ACCOUNT_TOKEN } from "./management_source.ts";
export { caSecretsReader } from "./ca_secrets_reader.ts";
export {
  Informer,
  type InformerHandler,
  type InformerListing,
  type InformerOptions,
  listingMessage,
} from "./informer.ts";
export {
  bootstrapTaints,
  type MachineNode,
  machineNode,
  type NodeNamePolicy,
  normalizeVersion,
} from "./machine_nodes.ts";
export { resourceInformer, type ResourceInformerOptions } from "./resource_informer.ts";
export { baremetalHostNode, type HostNode, type Metal3Lookups } from "./baremetalhost_nodes.ts";
export { NodeSync } from "./node_sync.ts";
export { type ManagementWatcher, startMachineWatcher } from "./machine_watcher.ts";
export { type MachinePoolNodes, machinePoolNodes } from "./machinepool_nodes.ts";
export { startBaremetalHostWatcher } from "./baremetalhost_watcher.ts";
export {
  type KcpKubeadm,
  kcpKubeadmOf,
  kubeadmControlPlaneReader,
  owningKcp,
} from "./kubeadm_control_plane.ts";
