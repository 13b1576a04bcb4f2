// Node IPAM (pod CIDR per node) for one fake cluster.

export { NodeIpam } from "./node_ipam.ts";
export {
  CidrSet,
  cidrSetProblem,
  DEFAULT_NODE_CIDR_MASK_SIZE,
  MAX_NODE_MASK_SIZE,
} from "./cidr_set.ts";
