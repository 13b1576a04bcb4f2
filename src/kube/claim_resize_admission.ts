// kube-apiserver's PersistentVolumeClaimResize admission: a claim's storage request may grow only
// once the claim is bound, and only when its StorageClass (the same before and after) says
// `allowVolumeExpansion: true`; otherwise the update is 403 Forbidden. It runs after the object's
// validation (a 422 comes first) and before ResourceQuota.
//
// Source: k8s.io/kubernetes v1.36.3 plugin/pkg/admission/storage/persistentvolume/resize/
// admission.go (`Validate`, `allowResize`) and pkg/apis/core/helper
// (`GetPersistentVolumeClaimClass`: the beta annotation before spec.storageClassName).
// Checked against kube-apiserver v1.36.3 with scripts/oracle.

import { compareQuantities } from "../api/validation/mod.ts";
import { BUILTIN_CATALOG, type ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const STORAGE_CLASSES = BUILTIN_CATALOG.byKey("storage.k8s.io/storageclasses")!;
const BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

/** Refuses (403) an update of a PersistentVolumeClaim that grows its storage where it may not. */
export function admitClaimResize(
  cluster: Pick<ServedCluster, "store">,
  resource: ResourceType,
  object: KubeObject,
  current: KubeObject,
  subresource?: string,
): void {
  if (resource.custom || resource.group !== "" || resource.name !== "persistentvolumeclaims") {
    return;
  }
  if (subresource) return;
  const storage = (claim: Loose) => String(claim.spec?.resources?.requests?.storage ?? "0");
  // A missing request is the zero Quantity; a malformed one was refused by validation.
  if ((compareQuantities(storage(object), storage(current)) ?? 0) <= 0) return;
  const refuse = (message: string) => {
    const name = object.metadata.name ?? "";
    return new StatusError(
      403,
      "Forbidden",
      `${resource.name} "${name}" is forbidden: ${message}`,
      { name, kind: resource.name },
    );
  };
  if ((current as Loose).status?.phase !== "Bound") {
    throw refuse("Only bound persistent volume claims can be expanded");
  }
  const className = classOf(object);
  const allowed = className !== "" && className === classOf(current) &&
    (cluster.store.get(STORAGE_CLASSES, undefined, className) as Loose)?.allowVolumeExpansion ===
      true;
  if (!allowed) {
    throw refuse(
      "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
    );
  }
}

// GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName.
function classOf(claim: KubeObject): string {
  const annotated = claim.metadata.annotations?.[BETA_CLASS];
  if (annotated !== undefined) return annotated;
  const name = (claim as Loose).spec?.storageClassName;
  return typeof name === "string" ? name : "";
}
