// Node IPAM (pod CIDR per node) for one fake cluster.

export { NodeIpam } from "./node_ipam.ts";
