// managedFields on the REST write paths: who the manager is, the schema of the kind, reset fields, 409s.
//
// Requests name their manager with `fieldManager`, else kube-apiserver takes the User-Agent's
// product (`kubectl` of `kubectl/v1.33.1 (linux/amd64)`), else `unknown`. Writes made inside fkas
// (seeding, controllers) pass no manager and are not tracked, so seeded objects cost no memory.

import {
  applyWithManagedFields,
  builtinType,
  ConflictError,
  conflictStatus,
  crdType,
  fieldElement,
  FieldSet,
  type Json,
  managedFieldsAfterUpdate,
  type ManagedFieldsEntry,
  TypedValueError,
  type TypeRef,
} from "../api/apply/mod.ts";
import { builtinSchemas } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";
import { hasStatusSubresource } from "./strategies.ts";

/** The manager of a write and what tracking needs to know about it. */
export interface WriteManager {
  /** The manager name (`fieldManager`, the User-Agent's product, or `unknown`). */
  readonly name: string;
  /** The write's time, ms since the epoch. */
  readonly now: number;
}

// k8s.io/apimachinery validation.FieldManagerMaxLength.
const FIELD_MANAGER_MAX_LENGTH = 128;

/**
 * The manager of a request (`managerOrUserAgent`): `fieldManager`, else the User-Agent up to its
 * first `/`, printable characters only, at most 128 bytes; `unknown` when that is empty.
 */
export function managerOf(query: URLSearchParams, request: Request, now: Date): WriteManager {
  const explicit = query.get("fieldManager");
  let name = explicit ?? "";
  if (!name) {
    const product = (request.headers.get("user-agent") ?? "").split("/")[0];
    let bytes = 0;
    for (const char of product) {
      if (!/\p{L}|\p{M}|\p{N}|\p{P}|\p{S}| /u.test(char)) continue;
      const size = new TextEncoder().encode(char).length;
      if (bytes + size > FIELD_MANAGER_MAX_LENGTH) break;
      bytes += size;
      name += char;
    }
  }
  return { name: name || "unknown", now: now.getTime() };
}

/** The apply schema of a resource: the built-in table, or a deduced schema for custom kinds. */
export function applyTypeOf(cluster: ServedCluster, resource: ResourceType): TypeRef {
  const schemas = builtinSchemas(cluster.kubernetesVersion);
  if (!resource.custom) {
    const type = builtinType(schemas, resource.group, resource.version, resource.kind);
    if (type) return type;
  }
  // Custom resources: their CRD's openAPIV3Schema is not at hand here yet; deduced (granular maps,
  // atomic lists) is what kube-apiserver uses for x-kubernetes-preserve-unknown-fields.
  return crdType(undefined, schemas);
}

const STATUS = ((): FieldSet => {
  const set = new FieldSet();
  set.insert([fieldElement("status")]);
  return set;
})();
const SPEC_AND_METADATA = ((): FieldSet => {
  const set = new FieldSet();
  set.insert([fieldElement("spec")]);
  set.insert([fieldElement("metadata")]);
  return set;
})();

// Reset fields (GetResetFields): the main resource never tracks status of kinds with a status
// subresource; /status tracks only status.
function ignoredOf(resource: ResourceType, subresource: string | undefined): FieldSet | undefined {
  if (subresource === "status") return SPEC_AND_METADATA;
  return hasStatusSubresource(resource) ? STATUS : undefined;
}

function apiVersionOf(resource: ResourceType): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

// The kind's zero value as kube-apiserver compares a create against: its top-level structs exist
// (so `f:spec` gets no `.`). Deeper non-pointer structs are not known to the schema tables yet.
function zeroObject(next: KubeObject): Json {
  const zero: Record<string, Json> = { metadata: {} };
  for (const key of ["spec", "status"]) {
    const value = (next as unknown as Record<string, unknown>)[key];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) zero[key] = {};
  }
  return zero;
}

/**
 * The object with the managedFields of a non-apply write by `manager` (`live` undefined on
 * create). Without a manager the object is returned as it is.
 */
export function trackUpdate(
  cluster: ServedCluster,
  resource: ResourceType,
  subresource: string | undefined,
  live: KubeObject | undefined,
  next: KubeObject,
  manager: WriteManager | undefined,
): KubeObject {
  if (!manager) return next;
  let entries: ManagedFieldsEntry[];
  try {
    entries = managedFieldsAfterUpdate(
      (live ?? zeroObject(next)) as Json,
      next as unknown as Json,
      {
        type: applyTypeOf(cluster, resource),
        apiVersion: apiVersionOf(resource),
        manager: manager.name,
        subresource: subresource === "status" ? "status" : undefined,
        now: manager.now,
        ignored: ignoredOf(resource, subresource),
      },
    );
  } catch (error) {
    // kube-apiserver logs a failed managedFields update and stores the object without them.
    if (error instanceof TypedValueError) entries = [];
    else throw error;
  }
  const metadata = { ...next.metadata } as Record<string, unknown>;
  if (entries.length > 0) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...next, metadata } as KubeObject;
}

/**
 * A server-side apply of `config` over `live` (undefined: the apply creates): the object to store,
 * or a 409 `StatusError` with one `FieldManagerConflict` cause per field.
 */
export function serverSideApply(
  cluster: ServedCluster,
  resource: ResourceType,
  subresource: string | undefined,
  live: KubeObject | undefined,
  config: KubeObject,
  manager: WriteManager,
  force: boolean,
): KubeObject {
  try {
    const outcome = applyWithManagedFields(live as Json | undefined, config as never, {
      type: applyTypeOf(cluster, resource),
      apiVersion: apiVersionOf(resource),
      manager: manager.name,
      subresource: subresource === "status" ? "status" : undefined,
      now: manager.now,
      ignored: ignoredOf(resource, subresource),
      force,
    });
    return outcome.object as unknown as KubeObject;
  } catch (error) {
    if (error instanceof ConflictError) {
      const status = conflictStatus(error.conflicts);
      throw new StatusError(409, "Conflict", status.message, { causes: status.causes }, {
        cause: error,
      });
    }
    if (error instanceof TypedValueError) {
      throw new StatusError(
        500,
        "InternalError",
        `Internal error occurred: failed to create typed patch object (${
          resource.group ? `${resource.group}/` : ""
        }${resource.version}, Kind=${resource.kind}): ${error.message}`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}
