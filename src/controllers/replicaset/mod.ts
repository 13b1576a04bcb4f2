// The ReplicaSet controller of one fake cluster.

export { ReplicaSetController, replicaSetStatus } from "./replicaset_controller.ts";
