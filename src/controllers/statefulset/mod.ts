// The StatefulSet controller of one fake cluster.

export { StatefulSetController } from "./statefulset_controller.ts";
