// What the objects of a cluster's first control plane depend on, passed in by the caller.

/** The cluster-wide inputs kubeadm would read from its ClusterConfiguration. */
export interface ClusterShape {
  /** `v1.33.1`, possibly with build metadata (`v1.30.2+k3s1`). */
  readonly kubernetesVersion: string;
  /** ClusterConfiguration `clusterName` (CABPK sets the CAPI Cluster's name). */
  readonly clusterName: string;
  /** `host:port` clients reach the apiserver at. */
  readonly controlPlaneEndpoint: string;
  /** Pod CIDR(s), comma-separated; omitted from the configs when absent, as kubeadm does. */
  readonly podSubnet?: string;
  /** Service CIDR(s), comma-separated; the DNS Service takes the 10th address of the first. */
  readonly serviceSubnet: string;
  /** Cluster DNS domain, `cluster.local` by default in kubeadm. */
  readonly dnsDomain: string;
  /** The cluster CA certificate (PEM) clients verify the apiserver with. */
  readonly caCertificatePem: string;
  /** When the objects come to exist (status timestamps). */
  readonly now: Date;
}

/** The image registry kubeadm pulls from by default. */
export const IMAGE_REPOSITORY = "registry.k8s.io";

/** The apiserver URL for an endpoint `host:port`. */
export function serverURL(shape: Pick<ClusterShape, "controlPlaneEndpoint">): string {
  return `https://${shape.controlPlaneEndpoint}`;
}
