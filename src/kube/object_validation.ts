// The one place writes meet kube-apiserver's validation of built-in kinds: 422 Invalid with causes.

import {
  type FieldError,
  invalidStatus,
  missingResourceVersion,
  validateCreate,
  validateEphemeralContainersUpdate,
  validateResizeUpdate,
  validateStatusUpdate,
  validateUpdate,
} from "../api/validation/mod.ts";
import { podQOSClass } from "../api/defaults/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { StatusError } from "./status_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// The minor validation words its messages for when a cluster's version does not parse.
const DEFAULT_MINOR = 33;

/**
 * Validates an object about to be created (`old` undefined) or to replace `old`, after its
 * defaults: throws 422 Invalid as `errors.NewInvalid` words it, `<Kind>.<group> "<name>" is
 * invalid: <causes>`. Writes through `pods/ephemeralcontainers` and `pods/resize` have their own rules.
 */
export function checkValid(
  resource: ResourceType,
  object: KubeObject,
  old: KubeObject | undefined,
  kubernetesVersion: string | undefined,
  subresource?: string,
): void {
  const minor = kubernetesMinor(kubernetesVersion) ?? DEFAULT_MINOR;
  const body = object as unknown as Record<string, unknown>;
  if (old && subresource === "ephemeralcontainers") {
    const errors = validateEphemeralContainersUpdate(body, old);
    if (errors.length) throw invalidError(resource.kind, resource, object, errors, minor);
    return;
  }
  if (old && subresource === "resize") {
    // GetPodQOS reads the stored class first; ComputePodQOS the resized spec.
    const qos = {
      old: String((old as Loose).status?.qosClass ?? podQOSClass(old, minor)),
      new: podQOSClass(object, minor),
    };
    const errors = validateResizeUpdate(resource, body, old as Loose, minor, qos);
    if (errors.length) throw invalidError(resource.kind, resource, object, errors, minor);
    return;
  }
  if (old) {
    const missing = missingResourceVersion(resource, body);
    if (missing.length) {
      throw invalidError(resource.name, resource, object, missing, minor);
    }
  }
  const errors = old
    ? validateUpdate(resource, body, old as unknown as Record<string, unknown>, minor)
    : validateCreate(resource, body, minor);
  if (errors.length) throw invalidError(resource.kind, resource, object, errors, minor);
}

/** Validates a `/status` write of `object` over `old`: 422 Invalid as `checkValid` words it. */
export function checkStatusValid(
  resource: ResourceType,
  object: KubeObject,
  old: KubeObject,
  kubernetesVersion: string | undefined,
): void {
  const minor = kubernetesMinor(kubernetesVersion) ?? DEFAULT_MINOR;
  const errors = validateStatusUpdate(
    resource,
    object as unknown as Record<string, unknown>,
    old as unknown as Record<string, unknown>,
    minor,
  );
  if (errors.length) throw invalidError(resource.kind, resource, object, errors, minor);
}

function invalidError(
  kind: string,
  resource: ResourceType,
  object: KubeObject,
  errors: readonly FieldError[],
  minor: number,
): StatusError {
  const name = object.metadata?.name ?? "";
  const group = INTERNAL_GROUPS[resource.key] ?? resource.group;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const { message, causes } = invalidStatus(qualifiedKind, name, errors, minor);
  return new StatusError(422, "Invalid", message, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind,
    causes,
  });
}

// Kinds whose registry validates another group's internal type, which names the error: an
// events.k8s.io Event is a core Event inside kube-apiserver.
const INTERNAL_GROUPS: Readonly<Record<string, string>> = { "events.k8s.io/events": "" };
