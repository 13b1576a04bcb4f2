// Calls src/api/defaults for built-in kinds and answers its refusals as kube-apiserver's Status errors.

import {
  applySchemeDefaults,
  type DefaultsContext,
  DefaultsError,
  podStatusOnCreate,
  registryOnCreate,
  registryOnUpdate,
} from "../api/defaults/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { StatusError } from "./status_error.ts";

/** What the write path hands defaulting: the cluster's version and its I/O. */
export interface DefaultingInputs extends Omit<DefaultsContext, "minor" | "random"> {
  /** `v1.33.1`: defaults follow the cluster's release. */
  readonly kubernetesVersion?: string;
  /** Randomness for generated names and NodePorts (Math.random when omitted). */
  readonly random?: () => number;
  /** The uid the object is about to be stored with (a Job's selector names it). */
  readonly uid?: string;
}

/**
 * Decode-time defaults of a built-in object (create, update and patch bodies alike), in place:
 * what the scheme's `SetObjectDefaults_<Kind>` fills before the field manager sees the object.
 */
export function defaultDecoded(
  resource: ResourceType,
  object: KubeObject,
  inputs: DefaultingInputs,
): void {
  if (resource.custom) return;
  guarded(resource, object, () => applySchemeDefaults(resource, object, contextOf(inputs)));
}

/** The registry's create rules and admission for a new built-in object, in place (after decoding). */
export function defaultForCreate(
  resource: ResourceType,
  object: KubeObject,
  inputs: DefaultingInputs,
): void {
  if (resource.custom) return;
  guarded(
    resource,
    object,
    () => registryOnCreate(resource, object, { ...contextOf(inputs), uid: inputs.uid ?? "" }),
  );
}

/** The registry's update rules for a built-in object (a PUT body or patch result), in place. */
export function defaultForUpdate(
  resource: ResourceType,
  object: KubeObject,
  current: KubeObject,
  inputs: DefaultingInputs,
): void {
  if (resource.custom) return;
  guarded(resource, object, () => registryOnUpdate(resource, object, current, contextOf(inputs)));
}

/** A new Pod's status (phase, QoS class, scheduling-gated condition) at the cluster's release. */
export function podStatus(pod: KubeObject, inputs: DefaultingInputs, now: Date): unknown {
  return podStatusOnCreate(pod, kubernetesMinor(inputs.kubernetesVersion) ?? 33, now);
}

function contextOf(inputs: DefaultingInputs): DefaultsContext {
  return {
    ...inputs,
    minor: kubernetesMinor(inputs.kubernetesVersion) ?? 33,
    random: inputs.random ?? Math.random,
  };
}

function guarded(resource: ResourceType, object: KubeObject, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DefaultsError)) throw error;
    throw statusOf(error, resource, object.metadata?.name ?? "");
  }
}

// admission.NewForbidden names the resource; errors.NewInvalid names the kind and lists causes.
function statusOf(error: DefaultsError, resource: ResourceType, name: string): StatusError {
  const group = resource.group ? { group: resource.group } : {};
  if (error.reason === "Forbidden") {
    return new StatusError(403, "Forbidden", error.message, {
      name,
      ...group,
      kind: resource.name,
    }, { cause: error });
  }
  if (error.reason === "InternalError") {
    return new StatusError(500, "InternalError", error.message, {
      causes: [{ message: error.message }],
    }, { cause: error });
  }
  const message = `${resource.kind} "${name}" is invalid: ${error.message}`;
  return new StatusError(422, "Invalid", message, {
    name,
    ...group,
    kind: resource.kind,
    causes: [...error.causes],
  }, { cause: error });
}
