// The shape of a stored Kubernetes object: typed metadata, everything else left open.

/** `metadata` as the store reads and writes it; unknown fields are kept as they came. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** Any Kubernetes object; stored objects are never mutated in place (writes replace them). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Formats a time the way the apiserver does: RFC 3339, UTC, whole seconds. */
export function kubeTimestamp(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}
