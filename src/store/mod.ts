// The in-memory object store of a fake cluster; knows nothing of HTTP.

export { type KubeObject, kubeTimestamp, type ObjectMeta } from "./kube_object.ts";
export {
  ObjectStore,
  type StoreChange,
  type StoredResource,
  type StoreEnvironment,
} from "./object_store.ts";
export { StoreError, type StoreErrorReason } from "./store_error.ts";
