// Where clusters live: the `ClusterHost` boundary every control, dashboard, management and
// provider caller goes through, and its in-process placement.

export type {
  ClusterAddress,
  ClusterCommand,
  ClusterCommandKind,
  ClusterCommandResult,
  ClusterCommands,
  ClusterHost,
  ClusterRef,
  ClusterSummary,
  ClusterTraffic,
  EtcdClientCertificate,
  EtcdControlChange,
  StaticPodRow,
  TrafficMinute,
  TrafficSource,
} from "./cluster_host.ts";
export { type CommandContext, runClusterCommand } from "./cluster_commands.ts";
export { type ClusterView, clusterView, readyNodeCount } from "./cluster_view.ts";
export { HostError, type HostErrorKind } from "./host_error.ts";
export { addressOf, LocalClusterHost, type LocalClusterHostOptions } from "./local_host.ts";
