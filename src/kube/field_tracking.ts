// managedFields on the REST write paths: the schema of the kind, reset fields, 409s.
//
// Writes made inside fkas (seeding, controllers) pass no manager and are not tracked, so seeded
// objects cost no memory; the manager of a request is `write_manager.ts`'s.

import {
  applyWithManagedFields,
  builtinType,
  ConflictError,
  conflictStatus,
  crdType,
  fieldElement,
  FieldSet,
  type Json,
  type JsonSchemaProps,
  managedFieldsAfterCreate,
  managedFieldsAfterUpdate,
  type ManagedFieldsEntry,
  TypedValueError,
  typedValueErrors,
  type TypeRef,
} from "../api/apply/mod.ts";
import { builtinSchemas, goZeroObject } from "../api/schema/mod.ts";
import { BUILTIN_CATALOG, type ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";
import type { WriteManager } from "./write_manager.ts";
import { hasStatusSubresource } from "./strategies.ts";
import { statusResetFields } from "./status_strategies.ts";

const CRDS = BUILTIN_CATALOG.byKey("apiextensions.k8s.io/customresourcedefinitions")!;
// Types built from a CRD's schemas, per stored CRD object (a new object on every CRD write) and
// version, so a custom resource's write does not walk its schema again.
const crdTypes = new WeakMap<KubeObject, Map<string, TypeRef>>();

// Built-in kinds' types per resource and Kubernetes version (a handful of versions per process).
const builtinTypes = new WeakMap<ResourceType, Map<string, TypeRef>>();

interface CrdVersions {
  versions?: { name?: string; schema?: { openAPIV3Schema?: JsonSchemaProps } }[];
}

/**
 * The apply schema of a resource: the built-in table, else the served CRD's `openAPIV3Schema`
 * (`x-kubernetes-list-type`, `-list-map-keys`, `-map-type`, preserve-unknown-fields subtrees).
 */
export function applyTypeOf(cluster: ServedCluster, resource: ResourceType): TypeRef {
  if (!resource.custom) {
    let byVersion = builtinTypes.get(resource);
    if (!byVersion) builtinTypes.set(resource, byVersion = new Map());
    let type = byVersion.get(cluster.kubernetesVersion);
    if (!type) {
      const schemas = builtinSchemas(cluster.kubernetesVersion);
      type = builtinType(schemas, resource.group, resource.version, resource.kind) ??
        crdType(undefined, schemas);
      byVersion.set(cluster.kubernetesVersion, type);
    }
    return type;
  }
  const schemas = builtinSchemas(cluster.kubernetesVersion);
  const crd = cluster.store.get(CRDS, undefined, `${resource.name}.${resource.group}`);
  if (!crd) return crdType(undefined, schemas);
  let byVersion = crdTypes.get(crd);
  if (!byVersion) crdTypes.set(crd, byVersion = new Map());
  let type = byVersion.get(resource.version);
  if (!type) {
    const versions = (crd.spec as CrdVersions | undefined)?.versions ?? [];
    const schema = versions.find((v) => v.name === resource.version)?.schema?.openAPIV3Schema;
    // Without a schema (apiextensions.k8s.io/v1 requires one) the object is untyped.
    type = crdType(schema, schemas);
    byVersion.set(resource.version, type);
  }
  return type;
}

const STATUS = ((): FieldSet => {
  const set = new FieldSet();
  set.insert([fieldElement("status")]);
  return set;
})();
// Reset fields (GetResetFields): the main resource never tracks status of kinds with a status
// subresource; /status tracks what the kind's status strategy lets it change.
function ignoredOf(resource: ResourceType, subresource: string | undefined): FieldSet | undefined {
  if (subresource === "status") return statusResetFields(resource);
  return hasStatusSubresource(resource) ? STATUS : undefined;
}

// Writes through /status, /scale and pods' /ephemeralcontainers and /resize are recorded under
// their subresource.
function trackedSubresource(subresource: string | undefined): string | undefined {
  return subresource === "status" || subresource === "scale" ||
      subresource === "ephemeralcontainers" || subresource === "resize"
    ? subresource
    : undefined;
}

function apiVersionOf(resource: ResourceType): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

// The kind's zero value as kube-apiserver compares a create against: Go's zero struct of a
// built-in kind; a custom resource's is an empty Unstructured (its `f:spec` gets a `.`).
function zeroObject(cluster: ServedCluster, resource: ResourceType): Json {
  return (goZeroObject(cluster.kubernetesVersion, resource) ?? { metadata: {} }) as Json;
}

// Kinds whose Go types tag a []byte field `listType=atomic` (a CSR's request and certificate):
// structured-merge-diff types it as a list, the object holds a string, and kube-apiserver's field
// manager fails on every write of them, which it logs, storing the object without managedFields.
const UNTYPED_KINDS = new Set(["certificates.k8s.io/certificatesigningrequests"]);

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
  let entries: readonly ManagedFieldsEntry[];
  if (UNTYPED_KINDS.has(resource.key)) entries = [];
  else {try {
      const request = {
        type: applyTypeOf(cluster, resource),
        apiVersion: apiVersionOf(resource),
        manager: manager.name,
        subresource: trackedSubresource(subresource),
        now: manager.now,
        ignored: ignoredOf(resource, subresource),
      };
      entries = live
        ? managedFieldsAfterUpdate(live as unknown as Json, next as unknown as Json, request)
        : managedFieldsAfterCreate(zeroObject(cluster, resource), next as unknown as Json, request);
    } catch (error) {
      // kube-apiserver logs a failed managedFields update and stores the object without them.
      if (error instanceof TypedValueError) entries = [];
      else throw error;
    }}
  // The list the object carries already (a patch shares the stored one, which a write within the
  // writer's own fields keeps): the object as it is, not two copies of it.
  if (entries.length > 0 && entries === next.metadata.managedFields) return next;
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
      subresource: trackedSubresource(subresource),
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
      throw typedPatchError(resource, config, error.message, error);
    }
    throw error;
  }
}

/**
 * Checks an apply patch of a built-in kind against its type before anything else reads it, as
 * the field manager's ObjectToTyped does: a value of the wrong kind or an undeclared field is
 * kube-apiserver's 500 `failed to create typed patch object (<ns>/<name>; <gvk>): <errors>`.
 */
export function checkAppliedTypes(
  cluster: ServedCluster,
  resource: ResourceType,
  patch: unknown,
): void {
  if (resource.custom) return;
  const errors = typedValueErrors(applyTypeOf(cluster, resource), patch as never);
  if (errors) throw typedPatchError(resource, patch, errors);
}

// A plain error (no Status) answers 500 with its text and no reason (ErrorToAPIStatus); the
// object is named as objectGVKNN names it, from the patch as sent.
function typedPatchError(
  resource: ResourceType,
  patch: unknown,
  errors: string,
  cause?: unknown,
): StatusError {
  const metadata = (patch as { metadata?: { namespace?: unknown; name?: unknown } })?.metadata;
  const text = (value: unknown) => typeof value === "string" ? value : "";
  return new StatusError(
    500,
    "",
    `failed to create typed patch object (${text(metadata?.namespace)}/${
      text(metadata?.name)
    }; ${resource.group}/${resource.version}, Kind=${resource.kind}): ${errors}`,
    undefined,
    cause === undefined ? undefined : { cause },
  );
}
