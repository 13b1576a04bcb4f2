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
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** `metadata.ownerReferences[]`: who owns an object, for garbage collection. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object; stored objects are never mutated in place (writes replace them). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

// The last second formatted: objects created in one burst (a cluster's ~150 seeded objects) share
// one string instead of holding ~40 bytes each.
let lastSecond = NaN;
let lastText = "";

/** Formats a time the way the apiserver does: RFC 3339, UTC, whole seconds. */
export function kubeTimestamp(time: Date): string {
  const second = Math.floor(time.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = time.toISOString().replace(/\.\d{3}Z$/, "Z");
    lastSecond = second;
  }
  return lastText;
}
