// Custom resources checked against their CRD's schema on write: defaults, validation and CEL as a 422.
//
// Pruning runs where built-in kinds are decoded (`decode_checks.ts`, which turns pruned paths
// into Warn/Strict answers); this file runs what kube-apiserver's custom resource strategy runs
// after decoding, once per create or update (every patch type ends in one).

import {
  defaultCustomResource,
  errorBody,
  invalidMessage,
  validateCustomResource,
} from "../api/crd/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";

/**
 * Defaults and validates a custom resource about to be stored (`current` on update); throws
 * 422 Invalid worded as `NewInvalid` for `<kind>.<group>`. Built-ins and schemaless CRDs pass.
 */
export function admitCustomResource(
  cluster: Pick<ServedCluster, "kubernetesVersion">,
  resource: ResourceType,
  object: KubeObject,
  current?: KubeObject,
  subresource?: string,
): void {
  const schema = resource.customSchema;
  if (!schema) return;
  const record = object as unknown as Record<string, unknown>;
  defaultCustomResource(schema, record);
  const minor = minorOf(cluster.kubernetesVersion);
  const old = current as unknown as Record<string, unknown> | undefined;
  const errors = validateCustomResource(schema, record, old, { minor, subresource });
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

function minorOf(version: string): number {
  const match = /^v?1\.(\d+)/.exec(version);
  return match ? Number(match[1]) : 33;
}
