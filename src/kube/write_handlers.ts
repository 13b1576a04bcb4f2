// POST (create) and PUT (update, including /status) of objects, with the apiserver's checks and codes.

import { BUILTIN_CATALOG, type ResourceType } from "../resources/mod.ts";
import { type KubeObject, StoreError } from "../store/mod.ts";
import { admitCustomResource } from "./custom_resource_checks.ts";
import { admitClaimResize } from "./claim_resize_admission.ts";
import { admitLimitRangeLimits } from "./limit_range_admission.ts";
import { admitRuntimeClassOverhead } from "./runtime_class_admission.ts";
import { admitResourceQuotas } from "./quota_admission.ts";
import { decodeBody, type DecodeChecks, goShape } from "./decode_checks.ts";
import type { ServedCluster } from "./kube_env.ts";
import { asObject, generateName, placeInNamespace } from "./object_rules.ts";
import { etcdSizedJson, TooLargeForEtcd } from "./etcd_request_size.ts";
import { forResponse } from "./object_view.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import {
  defaultOnDecode,
  prepareForCreate,
  prepareForUpdate,
  untouchedOnCreate,
} from "./strategies.ts";
import { trackUpdate } from "./field_tracking.ts";
import { establishDefinition } from "./definition_establishing.ts";
import type { WriteManager } from "./write_manager.ts";
import type { DefaultingInputs } from "./defaulting.ts";

const NAMESPACES = BUILTIN_CATALOG.byKey("namespaces")!;

/**
 * Creates an object from a request body; answers 201 with the stored object. `checks` decodes
 * the body as kube-apiserver would (omitted: already decoded, as an applied patch is). A
 * `manager` records the write in managedFields; "applied" keeps those an apply computed.
 */
export function createObject(
  cluster: ServedCluster,
  target: ResourceTarget,
  body: unknown,
  now: Date,
  dryRun = false,
  checks?: DecodeChecks,
  manager?: WriteManager | "applied",
): KubeObject {
  const { resource } = target;
  let object = asObject(resource, body);
  if (checks) decodeBody(cluster, resource, object, checks);
  const metadata = object.metadata;
  placeInNamespace(resource, metadata, target.namespace);
  if (!metadata.name && metadata.generateName) metadata.name = generateName(metadata.generateName);
  if (metadata.resourceVersion) {
    throw new StatusError(
      500,
      "InternalError",
      "Internal error occurred: resourceVersion should not be set on objects to be created",
    );
  }
  if (resource.namespaced) {
    checkNamespaceAcceptsContent(cluster, resource, metadata.namespace!, metadata.name!);
  }
  const uid = cluster.store.newUid();
  const inputs = { now, uid, ...defaultingInputs(cluster) };
  // create.go: the field manager sees the decoded (defaulted) object, before admission and the
  // registry's allocation (a Service's clusterIP and NodePorts are no manager's).
  defaultOnDecode(resource, object, inputs);
  // Admission sees Go's decoded struct, where an empty map is not a missing one (Go shaping
  // drops it, as encoding/json will): what RuntimeClass admission asks of a Pod's overhead.
  const decoded = object;
  // The field manager sees the Go-decoded object: an unset `resources` is its `{}` there.
  object = goShape(cluster, resource, object);
  // The store shapes what admission and the registry added (a Pod's token volume) in turn, and
  // only that: what they leave alone is shaped already.
  const shaped = untouchedOnCreate(resource, object);
  const tracked = manager === "applied"
    ? object
    : trackUpdate(cluster, resource, undefined, undefined, object, manager);
  prepareForCreate(resource, tracked, inputs);
  admitCustomResource(cluster, resource, tracked);
  admitLimitRangeLimits(cluster, resource, tracked);
  admitRuntimeClassOverhead(cluster, resource, tracked, decoded);
  admitResourceQuotas(cluster, resource, tracked, now, undefined, undefined, dryRun);
  const encode = etcdSizedJson(resource, cluster.kubernetesVersion);
  const created = write(
    resource,
    () =>
      withoutManagedFieldsIfTooLarge(
        tracked,
        manager,
        (object) => cluster.store.create(resource, object, { dryRun, encode, uid, shaped }),
      ),
  );
  if (resource.key === CRDS && !dryRun) establishDefinition(cluster, resource, created, now);
  return forResponse(resource, created);
}

const CRDS = "apiextensions.k8s.io/customresourcedefinitions";

/** Replaces an object (PUT), or its status through `/status`, decoding the body as `createObject`. */
export function replaceObject(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  body: unknown,
  dryRun = false,
  checks?: DecodeChecks,
  manager?: WriteManager,
): KubeObject {
  const { resource } = target;
  const object = asObject(resource, body);
  if (checks) decodeBody(cluster, resource, object, checks);
  placeInNamespace(resource, object.metadata, target.namespace);
  if (object.metadata.name !== target.name) {
    throw StatusError.badRequest(
      `the name of the object (${
        object.metadata.name ?? ""
      }) does not match the name on the URL (${target.name})`,
    );
  }
  return updateWith(cluster, target, object, dryRun, manager);
}

/**
 * Kinds whose strategy allows a PUT to create a missing object (`AllowCreateOnUpdate() == true`
 * in k8s.io/kubernetes v1.36 pkg/registry): Endpoints, Events, LimitRanges, Services, Leases,
 * RuntimeClasses and the RBAC kinds (for `kubectl auth reconcile`).
 */
export const CREATE_ON_UPDATE: ReadonlySet<string> = new Set([
  "endpoints",
  "events",
  "events.k8s.io/events",
  "limitranges",
  "services",
  "coordination.k8s.io/leases",
  "node.k8s.io/runtimeclasses",
  "rbac.authorization.k8s.io/roles",
  "rbac.authorization.k8s.io/clusterroles",
  "rbac.authorization.k8s.io/rolebindings",
  "rbac.authorization.k8s.io/clusterrolebindings",
]);

/**
 * A PUT of a missing object of a `CREATE_ON_UPDATE` kind: created as a POST would (the name must
 * match the URL; a resourceVersion the client sent is not a precondition here).
 */
export function createOnUpdate(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  body: unknown,
  now: Date,
  dryRun: boolean,
  checks: DecodeChecks | undefined,
  manager: WriteManager | undefined,
): KubeObject {
  const object = asObject(target.resource, body);
  if (checks) decodeBody(cluster, target.resource, object, checks);
  placeInNamespace(target.resource, object.metadata, target.namespace);
  if (object.metadata.name !== target.name) {
    throw StatusError.badRequest(
      `the name of the object (${
        object.metadata.name ?? ""
      }) does not match the name on the URL (${target.name})`,
    );
  }
  delete object.metadata.resourceVersion;
  return createObject(cluster, target, object, now, dryRun, undefined, manager);
}

/**
 * Stores `incoming` as the new state of an existing object, applying the update strategy; a
 * `manager` records the write in managedFields ("applied": an apply computed them already).
 */
export function updateWith(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  incoming: KubeObject,
  dryRun = false,
  manager?: WriteManager | "applied",
): KubeObject {
  const { resource } = target;
  const current = cluster.store.get(resource, target.namespace, target.name);
  if (!current) throw StatusError.notFound(resource, target.name);
  if (incoming.metadata.uid && incoming.metadata.uid !== current.metadata.uid) {
    throw new StatusError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${resource.name} "${target.name}": Precondition failed: UID in precondition: ${incoming.metadata.uid}, UID in object meta: ${current.metadata.uid}`,
      { name: target.name, kind: resource.name },
    );
  }
  const inputs = defaultingInputs(cluster);
  // update.go: the field manager sees the decoded body against the stored object, before the
  // registry's PrepareForUpdate (status kept, /status resets, allocation). Parts the body shares
  // with the stored object (a patch's untouched ones) are defaulted as copies, never in place.
  const replaced: [readonly (string | number)[], unknown][] = [];
  defaultOnDecode(resource, incoming, {
    ...inputs,
    stored: current,
    replaced: (path, defaulted) => replaced.push([path, defaulted]),
  });
  // The field manager sees the Go-decoded object: an unset `resources` is its `{}` there.
  const decoded = goShape(cluster, resource, incoming, current);
  const tracked = manager === "applied" ? decoded : trackUpdate(
    cluster,
    resource,
    target.subresource,
    withParts(current, replaced),
    decoded,
    manager,
  );
  const updated = prepareForUpdate(resource, tracked, current, target.subresource, {
    ...inputs,
    now: typeof manager === "object" ? new Date(manager.now) : undefined,
  });
  admitCustomResource(cluster, resource, updated, current, target.subresource);
  admitLimitRangeLimits(cluster, resource, updated, current, target.subresource);
  admitClaimResize(cluster, resource, updated, current, target.subresource);
  const writtenAt = typeof manager === "object" ? new Date(manager.now) : undefined;
  admitResourceQuotas(cluster, resource, updated, writtenAt, current, target.subresource, dryRun);
  const encode = etcdSizedJson(
    resource,
    cluster.kubernetesVersion,
    Number(current.metadata.resourceVersion),
  );
  return forResponse(
    resource,
    write(
      resource,
      () =>
        withoutManagedFieldsIfTooLarge(
          updated,
          manager,
          (object) => cluster.store.update(resource, object, { dryRun, encode }),
        ),
    ),
  );
}

// `object` with the parts at the paths given replaced (copies along each path; `object` is kept).
function withParts(
  object: KubeObject,
  parts: readonly (readonly [readonly (string | number)[], unknown])[],
): KubeObject {
  if (parts.length === 0) return object;
  const copy = { ...object } as Record<string | number, unknown>;
  for (const [path, part] of parts) {
    let parent = copy;
    for (const key of path.slice(0, -1)) {
      const child = parent[key] as Record<string | number, unknown>;
      // deno-lint-ignore no-explicit-any
      parent = parent[key] = (Array.isArray(child) ? [...child] : { ...child }) as any;
    }
    parent[path[path.length - 1]] = part;
  }
  return copy as KubeObject;
}

// create.go and update.go (and patch.go, but for an apply): an object etcd refused as too large
// is stored without its managedFields if that fits, as they may be what made it large.
function withoutManagedFieldsIfTooLarge(
  object: KubeObject,
  manager: WriteManager | "applied" | undefined,
  store: (object: KubeObject) => KubeObject,
): KubeObject {
  try {
    return store(object);
  } catch (error) {
    if (!(error instanceof TooLargeForEtcd) || manager === "applied") throw error;
    if (!object.metadata.managedFields) throw error;
    const { managedFields: _, ...metadata } = object.metadata;
    return store({ ...object, metadata });
  }
}

// What defaulting reads of the cluster: its release, its ClusterIP allocator and stored built-ins.
function defaultingInputs(cluster: ServedCluster): DefaultingInputs {
  return {
    kubernetesVersion: cluster.kubernetesVersion,
    allocateClusterIP: cluster.allocateClusterIP?.bind(cluster),
    lookup: (key, namespace, name) => {
      const resource = BUILTIN_CATALOG.byKey(key);
      return resource && cluster.store.get(resource, namespace, name);
    },
    list: (key) => {
      const resource = BUILTIN_CATALOG.byKey(key);
      return resource ? cluster.store.list(resource) : [];
    },
  };
}

/** Runs a store write, mapping its failures to Status errors. */
export function write<T>(resource: ResourceType, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof StoreError) throw StatusError.fromStore(error, resource);
    throw error;
  }
}

function checkNamespaceAcceptsContent(
  cluster: ServedCluster,
  resource: ResourceType,
  namespace: string,
  name: string,
): void {
  const ns = cluster.store.get(NAMESPACES, undefined, namespace);
  if (!ns) throw StatusError.notFound(NAMESPACES, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw new StatusError(
      403,
      "Forbidden",
      `${resource.name} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      {
        name,
        ...(resource.group ? { group: resource.group } : {}),
        kind: resource.name,
        causes: [{
          reason: "NamespaceTerminating",
          message: `namespace ${namespace} is being terminated`,
          field: "metadata.namespace",
        }],
      },
    );
  }
}
