// The fake kubelets of one cluster's nodes.

export { FakeKubelets } from "./fake_kubelets.ts";
export { PodIpPool } from "./pod_ips.ts";
export { PodTermination } from "./pod_termination.ts";
export { imageId, normalizedImage } from "./container_status.ts";
