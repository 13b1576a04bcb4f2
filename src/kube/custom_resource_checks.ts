// Custom resources checked against their CRD's schema on write: validation and CEL as a 422 (defaults: strategies.ts).
//
// Pruning runs where built-in kinds are decoded (`decode_checks.ts`, which turns pruned paths
// into Warn/Strict answers); this file runs what kube-apiserver's custom resource strategy runs
// after decoding, once per create or update (every patch type ends in one).

import {
  errorBody,
  type FieldError,
  invalidMessage,
  validateCustomResource,
  validateDefinition,
} from "../api/crd/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

const DEFINITIONS = "apiextensions.k8s.io/customresourcedefinitions";

/**
 * Validates a custom resource about to be stored (`current` on update; defaulted when decoded), or
 * validates a CustomResourceDefinition; throws 422 Invalid worded as `NewInvalid` for
 * `<kind>.<group>`. Built-ins and schemaless CRDs pass untouched.
 */
export function admitCustomResource(
  cluster: Pick<ServedCluster, "kubernetesVersion">,
  resource: ResourceType,
  object: KubeObject,
  current?: KubeObject,
  subresource?: string,
): void {
  const schema = resource.customSchema;
  const definition = resource.key === DEFINITIONS && subresource === undefined;
  if (!schema && !definition) return;
  const record = object as unknown as Record<string, unknown>;
  const minor = kubernetesMinor(cluster.kubernetesVersion) ?? 33;
  const old = current as unknown as Record<string, unknown> | undefined;
  if (!schema) return refuse(resource, object, validateDefinition(record, minor, old), minor);
  // Structural defaults were applied when the body was decoded (strategies.ts defaultOnDecode),
  // before the field manager recorded the write.
  refuse(
    resource,
    object,
    validateCustomResource(schema, record, old, { minor, subresource }),
    minor,
  );
}

function refuse(
  resource: ResourceType,
  object: KubeObject,
  errors: readonly FieldError[],
  minor: number,
): void {
  if (errors.length === 0) return;
  const name = object.metadata?.name ?? "";
  const qualified = `${resource.kind}.${resource.group}`;
  throw new StatusError(422, "Invalid", invalidMessage(qualified, name, errors, minor), {
    name,
    group: resource.group,
    kind: resource.kind,
    causes: errors.map((error) => ({
      reason: error.type,
      message: errorBody(error, minor),
      field: error.field,
    })),
  });
}
