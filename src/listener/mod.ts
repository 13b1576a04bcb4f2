// Per-cluster TLS listeners: client identity from certificates, requests routed to the kube app.

export {
  type ClusterListenerOptions,
  clusterListenerStarter,
  identityOf,
} from "./cluster_listener.ts";
