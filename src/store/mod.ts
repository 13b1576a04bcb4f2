// The in-memory object store of a fake cluster; knows nothing of HTTP.

export {
  type KubeObject,
  kubeTimestamp,
  type ObjectMeta,
  type OwnerReference,
} from "./kube_object.ts";
export type { ChangesSince } from "./change_history.ts";
export {
  type DeleteOptions,
  type DeleteOutcome,
  type GracefulDelete,
  type ObjectShaper,
  ObjectStore,
  type ReplayedChange,
  type StoreChange,
  type StoredResource,
  type StoreEnvironment,
  type StoreSnapshot,
  type WriteOptions,
} from "./object_store.ts";
export { StoreError, type StoreErrorReason } from "./store_error.ts";
export { SnapshotText } from "./snapshot_text.ts";
export { podGracefulDelete } from "./pod_graceful_delete.ts";
export { OBJECT_META_FIELDS } from "./created_metadata.ts";
export { deepEqual } from "./deep_equal.ts";
export { shareFrom } from "./structural_sharing.ts";
export { SmallMap } from "./small_map.ts";
