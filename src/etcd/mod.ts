// Public face of src/etcd: the fake etcd v3 (membership, alarms, leadership) that KCP and etcdctl talk to.
export {
  type AlarmType,
  type EtcdAlarm,
  type EtcdChange,
  EtcdCluster,
  type EtcdMember,
  type SavedEtcd,
} from "./etcd_cluster.ts";
export {
  type EtcdClusterSnapshot,
  setAlarm,
  setLeader,
  setLearner,
  snapshotOf,
} from "./etcd_control.ts";
export { EtcdError, GrpcCode } from "./etcd_error.ts";
export { type EtcdEndpoint, type EtcdEndpointOptions, startEtcdEndpoint } from "./etcd_endpoint.ts";
export { createEtcdGrpcHandler, type EtcdCaller, type EtcdGrpcHandler } from "./grpc_server.ts";
