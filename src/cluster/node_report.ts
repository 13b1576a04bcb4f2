// What a node report (FKAS `PUT /updateNode`) says about a machine, after validation.

/** A machine that came up: which cluster, which node, which role and version. */
export interface NodeReport {
  readonly namespace: string;
  readonly cluster: string;
  readonly nodeName: string;
  /** BareMetalHost uid in Metal3; becomes the label `metal3.io/uuid` when given. */
  readonly uuid?: string;
  readonly providerID?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `v1.33.1`; when absent a new Node reports an empty kubeletVersion and an existing one keeps its own. */
  readonly kubernetesVersion?: string;
  /**
   * The taints the kubelet registers with (kubeadm's `nodeRegistration.taints`); when absent,
   * kubeadm's default: `node-role.kubernetes.io/control-plane:NoSchedule` on control planes, none
   * on workers.
   */
  readonly taints?: readonly NodeTaint[];
}

/** The label FKAS puts on a Node for the BareMetalHost uid a report carries. */
export const UUID_LABEL = "metal3.io/uuid";

/** A Node taint as the kubelet's `--register-with-taints` sets it. */
export interface NodeTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/**
 * The taint CABPK puts in every worker's JoinConfiguration (`clusterv1.NodeUninitializedTaint`);
 * CAPI's Machine controller removes it once it has synced the Node's labels.
 */
export const UNINITIALIZED_TAINT: NodeTaint = Object.freeze({
  key: "node.cluster.x-k8s.io/uninitialized",
  effect: "NoSchedule",
});

/** The label CAPI puts on every object of a cluster, naming the cluster. */
export const CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";

/** A Kubernetes release version as kubelets report it: `v1.33.1`, `v1.34.0-rc.1`. */
export const KUBERNETES_VERSION = /^v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/;

/** The label whose presence (any value) marks a control-plane machine, as FKAS decides. */
export const CONTROL_PLANE_LABEL = "cluster.x-k8s.io/control-plane";

/** Whether a report is for a control-plane machine. */
export function isControlPlane(report: NodeReport): boolean {
  return Object.hasOwn(report.labels, CONTROL_PLANE_LABEL);
}
