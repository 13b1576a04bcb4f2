// DELETE of one object and of a collection: DeleteOptions, propagation policies, preconditions.

import type { ResourceType } from "../resources/mod.ts";
import {
  type DeleteOptions as StoreDeleteOptions,
  type KubeObject,
  podGracefulDelete,
} from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import type { ListOptions } from "./list_options.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { apiVersionOf, forResponse } from "./object_view.ts";
import { JsonText } from "./json_text.ts";
import { listJson } from "./json_body.ts";
import { crdDeletionAnswer } from "./crd_deletion.ts";
import {
  dryRunErrors,
  invalid,
  invalidOptions,
  notSupported,
  type OptionFieldError,
  queryBool,
} from "./options_invalid.ts";
import { selectObjects } from "./read_handlers.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { write } from "./write_handlers.ts";

/** `metav1.DeleteOptions` after validation. */
export interface DeleteRequest {
  readonly propagationPolicy: "Orphan" | "Background" | "Foreground";
  readonly preconditions: { uid?: string; resourceVersion?: string };
  readonly dryRun: boolean;
  /** The deprecated `orphanDependents`, when set: `false` makes a pending delete a 202. */
  readonly orphanDependents?: boolean;
  /** `gracePeriodSeconds`, when set (pods: how long the kubelet has to stop the containers). */
  readonly gracePeriodSeconds?: number;
}

/** The HTTP status and body of a delete. */
export interface DeleteAnswer {
  readonly status: 200 | 202;
  readonly body: unknown;
}

/**
 * Reads DeleteOptions from the body (JSON or protobuf, already decoded) or, without a body, from
 * the query (handlers/delete.go reads one or the other), then validates them as
 * `ValidateDeleteOptions`: 422 Invalid on `DeleteOptions.meta.k8s.io`, worded for the cluster's
 * Kubernetes version.
 */
export function parseDeleteOptions(
  body: unknown,
  query: URLSearchParams,
  kubernetesVersion: string,
): DeleteRequest {
  const options = body === undefined
    ? queryDeleteOptions(query)
    : (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  if (options.kind !== undefined && options.kind !== "DeleteOptions") {
    throw StatusError.badRequest(`expected DeleteOptions, got ${String(options.kind)}`);
  }
  const { orphanDependents, propagationPolicy } = options;
  const dryRun = Array.isArray(options.dryRun) ? options.dryRun.map(String) : [];
  const errors = validateDeleteOptions(
    orphanDependents,
    propagationPolicy,
    dryRun,
    kubernetesVersion,
  );
  if (errors.length > 0) throw invalidOptions("DeleteOptions", errors);
  const policy =
    (propagationPolicy ?? (orphanDependents === true ? "Orphan" : "Background")) as DeleteRequest[
      "propagationPolicy"
    ];
  const preconditions = (options.preconditions ?? {}) as DeleteRequest["preconditions"];
  const gracePeriodSeconds = gracePeriodOf(options.gracePeriodSeconds);
  return {
    propagationPolicy: policy,
    preconditions,
    dryRun: dryRun.length > 0,
    ...(typeof orphanDependents === "boolean" ? { orphanDependents } : {}),
    ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
  };
}

// `gracePeriodSeconds` is an *int64: null is unset; anything but a whole number is refused as
// encoding/json refuses it (400), before it can reach a timestamp.
function gracePeriodOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  const found = typeof value === "number"
    ? `number ${value}`
    : typeof value === "boolean"
    ? "bool"
    : Array.isArray(value)
    ? "array"
    : typeof value;
  throw StatusError.badRequest(
    `json: cannot unmarshal ${found} into Go struct field DeleteOptions.gracePeriodSeconds of type int64`,
  );
}

// The query's DeleteOptions as `autoConvert_url_Values_To_v1_DeleteOptions` fills them: a
// parameter present (even empty) is set; booleans as `Convert_Slice_string_To_Pointer_bool`.
function queryDeleteOptions(query: URLSearchParams): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (query.has("orphanDependents")) {
    options.orphanDependents = queryBool(query.get("orphanDependents"));
  }
  if (query.has("propagationPolicy")) options.propagationPolicy = query.get("propagationPolicy");
  if (query.has("dryRun")) options.dryRun = query.getAll("dryRun");
  if (query.has("gracePeriodSeconds")) {
    // Convert_Slice_string_To_Pointer_int64: strconv.ParseInt's error, as a 400.
    const text = query.get("gracePeriodSeconds") ?? "";
    if (!/^[+-]?\d{1,19}$/.test(text)) {
      throw StatusError.badRequest(
        `strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`,
      );
    }
    options.gracePeriodSeconds = Number(text);
  }
  return options;
}

// apimachinery `ValidateDeleteOptions`, in its order.
function validateDeleteOptions(
  orphanDependents: unknown,
  propagationPolicy: unknown,
  dryRun: readonly string[],
  kubernetesVersion: string,
): OptionFieldError[] {
  const errors: OptionFieldError[] = [];
  const policy = propagationPolicy === undefined || propagationPolicy === null
    ? undefined
    : String(propagationPolicy);
  if (orphanDependents !== undefined && orphanDependents !== null && policy !== undefined) {
    errors.push(
      invalid(
        "propagationPolicy",
        policy,
        "orphanDependents and deletionPropagation cannot be both set",
      ),
    );
  }
  if (policy !== undefined && !PROPAGATION_POLICIES.includes(policy)) {
    errors.push(notSupported("propagationPolicy", policy, [...PROPAGATION_POLICIES, "nil"]));
  }
  errors.push(...dryRunErrors(dryRun, kubernetesMinor(kubernetesVersion) ?? 0));
  return errors;
}

const PROPAGATION_POLICIES = ["Foreground", "Background", "Orphan"];

// The registries whose delete answers the deleted object (with the delete's resourceVersion)
// instead of a Success Status: `ReturnDeletedObject: true` in k8s.io/kubernetes v1.36.3
// pkg/registry/*/storage/storage.go.
const RETURNS_DELETED_OBJECT = new Set([
  "namespaces",
  "persistentvolumeclaims",
  "persistentvolumes",
  "pods",
  "podtemplates",
  "resourcequotas",
  "serviceaccounts",
  "services",
  "resource.k8s.io/deviceclasses",
  "resource.k8s.io/devicetaintrules",
  "resource.k8s.io/resourceclaims",
  "resource.k8s.io/resourceclaimtemplates",
  "resource.k8s.io/resourcepoolstatusrequests",
  "resource.k8s.io/resourceslices",
  "storage.k8s.io/csidrivers",
  "storage.k8s.io/csinodes",
  "storage.k8s.io/storageclasses",
  "storage.k8s.io/volumeattachments",
  "storage.k8s.io/volumeattributesclasses",
]);

/** Deletes one object: removed now (200 Status), or marked while finalizers run (200/202 object). */
export function deleteObject(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  request: DeleteRequest,
  now: Date = new Date(),
): DeleteAnswer {
  const { resource } = target;
  const current = cluster.store.get(resource, target.namespace, target.name);
  if (!current) throw StatusError.notFound(resource, target.name);
  // The CRD registry checks them itself, in the store's words (customresourcedefinition/etcd.go).
  if (resource.key !== CRDS) checkPreconditions(resource, current, request.preconditions);
  const options = storeOptions(resource, request, current);
  const outcome = write(
    resource,
    () => cluster.store.delete(resource, target.namespace, target.name, options),
  );
  if (outcome.removed && resource.key === CRDS && !current.metadata.deletionTimestamp) {
    const marked = crdDeletionAnswer(current, now, outcome.object.metadata.resourceVersion ?? "");
    return { status: 200, body: forResponse(resource, marked) };
  }
  if (outcome.removed) {
    const body = RETURNS_DELETED_OBJECT.has(resource.key)
      ? forResponse(resource, outcome.object)
      : successStatus(resource, outcome.object);
    return { status: 200, body };
  }
  // handlers/delete.go: 202 only for `orphanDependents: false` (kept "not to break clients").
  const status = request.orphanDependents === false ? 202 : 200;
  return { status, body: forResponse(resource, outcome.object) };
}

/** Deletes every object a LIST with these options would return; answers a Success Status. */
export function deleteCollection(
  cluster: ServedCluster,
  target: ResourceTarget,
  listOptions: ListOptions,
  request: DeleteRequest,
): unknown {
  const { resource } = target;
  // registry.Store.DeleteCollection lists, deletes each item, and answers that list: the
  // objects as they were before the delete, at the list's resourceVersion.
  const resourceVersion = cluster.store.resourceVersion;
  const selected = selectObjects(cluster, target, listOptions);
  for (const object of selected) {
    const options = storeOptions(resource, { ...request, preconditions: {} }, object);
    write(
      resource,
      () =>
        cluster.store.delete(resource, object.metadata.namespace, object.metadata.name!, options),
    );
  }
  return new JsonText(listJson(resource, {
    kind: `${resource.kind}List`,
    apiVersion: apiVersionOf(resource),
    metadata: { resourceVersion },
  }, selected));
}

const CRDS = "apiextensions.k8s.io/customresourcedefinitions";

/**
 * rest.BeforeDelete checks the preconditions early, naming the Kind (not the resource) as the
 * conflicting group resource: `Operation cannot be fulfilled on Deployment.apps "x": ...`.
 */
export function checkPreconditions(
  resource: ResourceType,
  current: KubeObject,
  preconditions: DeleteRequest["preconditions"],
): void {
  const { uid, resourceVersion } = preconditions;
  let reason: string | undefined;
  if (uid !== undefined && uid !== null && uid !== current.metadata.uid) {
    reason = `the UID in the precondition (${uid}) does not match the UID in record (${
      current.metadata.uid ?? ""
    }). The object might have been deleted and then recreated`;
  } else if (
    resourceVersion !== undefined && resourceVersion !== null &&
    resourceVersion !== current.metadata.resourceVersion
  ) {
    reason =
      `the ResourceVersion in the precondition (${resourceVersion}) does not match the ResourceVersion in record (${
        current.metadata.resourceVersion ?? ""
      }). The object might have been modified`;
  }
  if (reason === undefined) return;
  const name = current.metadata.name ?? "";
  const qualified = resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
  throw new StatusError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualified} ${JSON.stringify(name)}: ${reason}`,
    { name, ...(resource.group ? { group: resource.group } : {}), kind: resource.kind },
  );
}

/**
 * The store's options for a delete of `current`: the propagation policy's finalizer, and for
 * pods (the one built-in registry with a graceful delete strategy) the grace period.
 */
export function storeOptions(
  resource: ResourceType,
  request: DeleteRequest,
  current: KubeObject,
): StoreDeleteOptions {
  const finalizer = request.propagationPolicy === "Foreground"
    ? "foregroundDeletion"
    : request.propagationPolicy === "Orphan"
    ? "orphan"
    : undefined;
  return {
    preconditions: request.preconditions,
    addFinalizers: finalizer ? [finalizer] : [],
    // Namespaces stay (Terminating) until the namespace controller has emptied them.
    keepUntilFinalized: resource.key === "namespaces",
    ...(resource.key === "namespaces" ? { markedPhase: "Terminating" } : {}),
    dryRun: request.dryRun,
    ...(resource.key === "pods"
      ? { graceful: podGracefulDelete(current, request.gracePeriodSeconds) }
      : {}),
  };
}

function successStatus(resource: ResourceType, object: KubeObject) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: {
      name: object.metadata.name,
      ...(resource.group ? { group: resource.group } : {}),
      kind: resource.name,
      uid: object.metadata.uid,
    },
  };
}
