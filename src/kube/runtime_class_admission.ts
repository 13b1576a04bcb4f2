// kube-apiserver's RuntimeClass admission, the overhead check of its validating half: a new Pod
// that sets `spec.overhead` without a RuntimeClass defining an overhead is 403 Forbidden. It runs
// after the object's validation (a 422 comes first) and LimitRanger, before ResourceQuota.
//
// Source: k8s.io/kubernetes v1.36.3 plugin/pkg/admission/runtimeclass/admission.go (`Validate`,
// `validateOverhead`; the handler admits creates only), alike from v1.29. The mutating half
// (src/api/defaults/runtime_class_admission.ts) ran before: a missing class was refused there, and
// a class's overhead was copied to the Pod, so only a class without one is left to check here.
// Checked against kube-apiserver v1.36.3 with scripts/oracle.

import { BUILTIN_CATALOG, type ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const RUNTIME_CLASSES = BUILTIN_CATALOG.byKey("node.k8s.io/runtimeclasses")!;

/**
 * Refuses (403) a Pod create whose overhead no RuntimeClass defines; `decoded` is the object as
 * decoded, before Go shaping left an empty overhead out.
 */
export function admitRuntimeClassOverhead(
  cluster: Pick<ServedCluster, "store">,
  resource: ResourceType,
  object: KubeObject,
  decoded: KubeObject = object,
): void {
  if (resource.custom || resource.group !== "" || resource.name !== "pods") return;
  const spec = (object as Loose).spec;
  // Go decodes `"overhead": {}` to an empty, non-nil map: that is set too.
  if (spec?.overhead == null && (decoded as Loose).spec?.overhead == null) return;
  const className = spec.runtimeClassName;
  if (typeof className === "string") {
    const runtimeClass = cluster.store.get(RUNTIME_CLASSES, undefined, className) as Loose;
    // A missing class or one with an overhead was the mutating half's to refuse or copy.
    if (runtimeClass === undefined || runtimeClass.overhead != null) return;
  }
  const name = object.metadata.name ?? "";
  throw new StatusError(
    403,
    "Forbidden",
    `${resource.name} "${name}" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead`,
    { name, kind: resource.name },
  );
}
