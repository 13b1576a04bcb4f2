// `pods/<name>/resize` writes (in-place vertical scaling, served from 1.33): what ValidatePodResize
// refuses. Source: k8s.io/kubernetes v1.33.1, v1.34.4, v1.35.4 and v1.36.3
// pkg/apis/core/validation/validation.go (`ValidatePodResize`, `validatePodResizeContainerOrdering`,
// `validateContainerResize`, `dropCPUMemoryUpdates`) with the feature gates of pkg/features:
// pod-level resources may not be resized before 1.36 (worded per minor), init containers other
// than sidecars only from 1.36 (InPlacePodVerticalScalingInitContainers). Not modelled: the
// version-skew check "Pod running on node without support for resize" (fkas's kubelets support
// resize) and node-allocatable resource claims (fkas allocates none).

import { type FieldError, forbidden, invalid } from "./field_error.ts";
import { deepEqual } from "./deep_equal.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The pod's QoS class before (`status.qosClass` first) and after the resize. */
export interface ResizeQOS {
  readonly old: string;
  readonly new: string;
}

// field.NewPath("") prints as its empty index.
const ROOT = "[]";
const CPU_MEMORY = ["cpu", "memory"];

/**
 * The resize rules of ValidatePodResize past the metadata update and the spec's own validation
 * (`leading`, which a pod-level refusal before 1.35 discards), in kube-apiserver's order.
 */
export function validatePodResize(
  pod: Loose,
  old: Loose,
  minor: number,
  qos: ResizeQOS,
  leading: FieldError[],
): FieldError[] {
  const podLevel = hasPodLevelResources(old) || hasPodLevelResources(pod);
  if (minor <= 34 && podLevel) {
    return [forbidden(ROOT, "pods with pod-level resources cannot be resized")];
  }
  if (old?.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined) {
    return [forbidden(ROOT, "static pods cannot be resized")];
  }
  if (old?.spec?.os?.name === "windows") {
    return [forbidden(ROOT, "windows pods cannot be resized")];
  }
  const errors = [...leading];
  if (qos.old !== qos.new) {
    // The bad value is the new pod's status.qosClass, which the strategy took from the old pod.
    const value = old?.status?.qosClass ?? "";
    errors.push(
      invalid("spec", { go: JSON.stringify(value), json: value }, QOS_CHANGE),
    );
  }
  if (minor === 35 && podLevel) {
    errors.push(forbidden(ROOT, POD_LEVEL_GATED));
    return errors;
  }
  const ordering = containerOrdering(pod, old);
  if (ordering.length) return [...errors, ...ordering];
  const initResizable = minor >= 36;
  const containers: Loose[] = listOf(old?.spec?.containers);
  const inits: Loose[] = listOf(old?.spec?.initContainers);
  const newContainers: Loose[] = listOf(pod?.spec?.containers);
  const newInits: Loose[] = listOf(pod?.spec?.initContainers);
  inits.forEach((container, i) => {
    if (!initResizable && !isSidecar(container)) return;
    errors.push(...removals(newInits[i], container, `spec.initContainers[${i}].resources`));
  });
  containers.forEach((container, i) => {
    errors.push(...removals(newContainers[i], container, `spec.containers[${i}].resources`));
  });
  newContainers.forEach((container, i) => {
    if (!deepEqual(withOldCpuMemory(container, containers[i]), containers[i])) {
      errors.push(forbidden("spec", ONLY_CPU_MEMORY));
    }
  });
  newInits.forEach((container, i) => {
    const sidecar = isSidecar(container);
    const modified = !deepEqual(container, inits[i]);
    if (sidecar || initResizable) {
      if (!deepEqual(withOldCpuMemory(container, inits[i]), inits[i])) {
        errors.push(
          minor >= 36
            ? forbidden(
              `spec.initContainers[${i}]`,
              "only cpu and memory resources for init or sidecar containers are mutable",
            )
            : forbidden("spec", "only cpu and memory resources for sidecar containers are mutable"),
        );
      }
      if (modified && !sidecar) {
        for (const policy of listOf(container?.resizePolicy)) {
          if (policy?.restartPolicy !== "RestartContainer") continue;
          errors.push(forbidden(`spec.initContainers[${i}]`, INIT_RESTART));
        }
      }
    } else if (modified) {
      errors.push(forbidden("spec", "resources for non-sidecar init containers are immutable"));
    }
  });
  if (errors.length) return errors;
  // What else differs (pod-level resources past cpu and memory, from 1.36).
  const spec = { ...pod?.spec, containers: old?.spec?.containers };
  if (old?.spec?.initContainers !== undefined) spec.initContainers = old.spec.initContainers;
  else delete spec.initContainers;
  if (podLevel) {
    const before = old?.spec?.resources;
    const after: Loose = { ...spec.resources };
    const requests = cpuMemoryFrom(after.requests, before?.requests);
    const limits = cpuMemoryFrom(after.limits, before?.limits);
    if (requests === undefined) delete after.requests;
    else after.requests = requests;
    if (limits === undefined) delete after.limits;
    else after.limits = limits;
    spec.resources = normalized(after, before);
    if (before === undefined && Object.keys(spec.resources).length === 0) delete spec.resources;
  }
  if (!deepEqual(spec, old?.spec ?? {})) errors.push(forbidden("spec", ONLY_CPU_MEMORY));
  return errors;
}

const QOS_CHANGE = "Pod QOS Class may not change as a result of resizing";
const ONLY_CPU_MEMORY = "only cpu and memory resources are mutable";
const POD_LEVEL_GATED =
  "resize of pods with pod-level resources is forbidden when InPlacePodLevelResourcesVerticalScalingEnabled feature gate is disabled";
const INIT_RESTART =
  "non-sidecar init containers with a resize policy of RestartContainer cannot be resized";

function listOf(value: unknown): Loose[] {
  return Array.isArray(value) ? value : [];
}

function hasPodLevelResources(pod: Loose): boolean {
  const resources = pod?.spec?.resources;
  if (!resources || typeof resources !== "object") return false;
  return Object.keys(resources.requests ?? {}).length +
      Object.keys(resources.limits ?? {}).length > 0;
}

function isSidecar(container: Loose): boolean {
  return container?.restartPolicy === "Always";
}

// validatePodResizeContainerOrdering: no container added, removed, renamed or reordered.
function containerOrdering(pod: Loose, old: Loose): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, label] of [["containers", "containers"], ["initContainers", "initContainers"]]) {
    const now = listOf(pod?.spec?.[key]);
    const was = listOf(old?.spec?.[key]);
    if (now.length !== was.length) {
      errors.push(forbidden(`spec.${key}`, `${label} may not be added or removed on resize`));
      continue;
    }
    was.forEach((container, i) => {
      if (now[i]?.name !== container?.name) {
        errors.push(
          forbidden(`spec.${key}[${i}].name`, `${label} may not be renamed or reordered on resize`),
        );
      }
    });
  }
  return errors;
}

// validateContainerResize: requests and limits may change but not disappear.
function removals(container: Loose, old: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const removed = (now: Loose, was: Loose) => {
    const before = Object.keys(was ?? {});
    const after = now ?? {};
    return before.length > Object.keys(after).length || before.some((name) => !(name in after));
  };
  if (removed(container?.resources?.requests, old?.resources?.requests)) {
    errors.push(forbidden(`${path}.requests`, "resource requests cannot be removed"));
  }
  if (removed(container?.resources?.limits, old?.resources?.limits)) {
    errors.push(forbidden(`${path}.limits`, "resource limits cannot be removed"));
  }
  return errors;
}

// dropCPUMemoryResourcesFromContainer: the container with the old container's cpu and memory.
function withOldCpuMemory(container: Loose, old: Loose): Loose {
  const resources: Loose = {};
  const limits = cpuMemoryFrom(container?.resources?.limits, old?.resources?.limits);
  const requests = cpuMemoryFrom(container?.resources?.requests, old?.resources?.requests);
  if (limits !== undefined) resources.limits = limits;
  if (requests !== undefined) resources.requests = requests;
  // A Go ResourceRequirements without claims: the old container's claims compare as they were.
  if (old?.resources?.claims !== undefined) resources.claims = container?.resources?.claims;
  return { ...container, resources: normalized(resources, old?.resources) };
}

// An empty list of the new container equals the old's absent one as Go's DeepEqual of the
// JSON decodings does not: keep the old's shape where both hold nothing.
function normalized(resources: Loose, old: Loose): Loose {
  const out = { ...resources };
  for (const key of ["limits", "requests"]) {
    if (out[key] !== undefined && Object.keys(out[key]).length === 0 && old?.[key] === undefined) {
      delete out[key];
    }
  }
  return out;
}

// dropCPUMemoryUpdates: the list without its cpu and memory, then the old list's ones.
function cpuMemoryFrom(list: Loose, old: Loose): Loose {
  if (list === undefined || list === null) {
    if (old === undefined || old === null) return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [name, quantity] of Object.entries(list ?? {})) {
    if (!CPU_MEMORY.includes(name)) out[name] = quantity;
  }
  for (const name of CPU_MEMORY) if (old?.[name] !== undefined) out[name] = old[name];
  return out;
}
