// The `scale` subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers:
// an `autoscaling/v1` Scale read from and written to the object's `spec.replicas`
// (k8s.io/kubernetes pkg/registry/{apps/*,core/replicationcontroller}/storage `ScaleREST`), and
// of custom resources whose CRD declares `subresources.scale`, at its replica paths
// (apiextensions-apiserver pkg/registry/customresource/etcd.go `ScaleREST`).

import * as crd from "../api/crd/mod.ts";
import {
  applyJsonPatch,
  applyMergePatch,
  PatchError,
  requireMergePatchObject,
} from "../patch/mod.ts";
import type { ManagedFieldsEntry } from "../api/apply/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import {
  labelSelectorFromObject,
  type LabelSelectorObject,
  SelectorError,
} from "../selectors/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { decodeApplyYaml, decodeJson, mediaTypeOf, readBytes } from "./request_body.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { applyThroughScale } from "./scale_apply.ts";
import { StatusError } from "./status_error.ts";
import { updateWith } from "./write_handlers.ts";
import type { WriteManager } from "./write_manager.ts";

type Body = Record<string, unknown>;
type Named = ResourceTarget & { name: string };

const PATCH_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];

/** GET of the scale: the object's replicas and selector. */
export function getScale(cluster: ServedCluster, target: Named): Body {
  const object = current(cluster, target, true);
  const paths = target.resource.customSchema?.scale;
  if (paths && crd.specReplicasOf(paths, record(object)) === undefined) {
    // ScaleREST.Get: a custom resource without replicas at the path has no Scale to show.
    const message = `the spec replicas field ${
      JSON.stringify(paths.specReplicasPath)
    } does not exist`;
    throw new StatusError(500, "InternalError", `Internal error occurred: ${message}`, {
      causes: [{ message }],
    });
  }
  return scaleOf(target.resource, object);
}

/** PUT of the scale: a Scale body whose `spec.replicas` becomes the object's. */
export function replaceScale(
  cluster: ServedCluster,
  target: Named,
  body: unknown,
  dryRun: boolean,
  manager?: WriteManager,
): Body {
  const object = current(cluster, target);
  const scale = asScale(body);
  const name = isRecord(scale.metadata) ? scale.metadata.name : undefined;
  if (name !== target.name) {
    throw StatusError.badRequest(
      `the name of the object (${name ?? ""}) does not match the name on the URL (${target.name})`,
    );
  }
  return writeScale(cluster, target, object, scale, dryRun, manager);
}

/** PATCH of the scale: the patch applies to the Scale, whose replicas are then written. */
export async function patchScale(
  cluster: ServedCluster,
  target: Named,
  request: Request,
  maxRequestBytes: number,
  dryRun: boolean,
  manager?: WriteManager,
  apply?: { name: string; force: boolean },
): Promise<Body> {
  const mediaType = mediaTypeOf(request);
  if (!PATCH_TYPES.includes(mediaType)) {
    throw new StatusError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: ${
        PATCH_TYPES.join(", ")
      }`,
    );
  }
  const bytes = await readBytes(request, maxRequestBytes);
  const patch = mediaType === PATCH_TYPES[3] ? decodeApplyYaml(bytes).value : decodeJson(bytes);
  const object = current(cluster, target);
  const scale = scaleOf(target.resource, object);
  const paths = target.resource.customSchema?.scale;
  if (paths && crd.specReplicasOf(paths, record(object)) === undefined) {
    // scaleUpdatedObjectInfo marks replicas never set; a patch that leaves them is refused.
    scale.spec = { replicas: UNSET_REPLICAS };
  }
  if (mediaType === PATCH_TYPES[3]) {
    if (!apply) throw new Error("patchScale: an apply patch needs its manager");
    const outcome = applyThroughScale({
      resource: target.resource,
      kubernetesVersion: cluster.kubernetesVersion,
      replicasPath: paths?.specReplicasPath ?? ".spec.replicas",
      parent: object,
      liveScale: scale,
      config: asScale(patch),
      manager: apply.name,
      force: apply.force,
    });
    const applied = { ...scale, spec: { replicas: outcome.replicas ?? 0 } };
    return writeScale(cluster, target, object, applied, dryRun, outcome.managedFields);
  }
  let patched: unknown;
  try {
    if (mediaType === PATCH_TYPES[0]) patched = applyJsonPatch(scale, patch);
    else {
      // A Scale has no lists: strategic merge and apply patch it as a merge patch does.
      requireMergePatchObject(patch);
      patched = applyMergePatch(scale, patch);
    }
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    throw StatusError.fromPatch(error);
  }
  return writeScale(cluster, target, object, asScale(patched), dryRun, manager);
}

// scaleUpdatedObjectInfo: validate the Scale, copy its replicas (and resourceVersion, the
// precondition) into the object, update it as a PUT of the object would; the writer's entry is
// kept under the `scale` subresource.
function writeScale(
  cluster: ServedCluster,
  target: Named,
  object: KubeObject,
  scale: Body,
  dryRun: boolean,
  // A writer to track, or the managedFields an apply through the scale already computed.
  manager: WriteManager | readonly ManagedFieldsEntry[] | undefined,
): Body {
  const spec = isRecord(scale.spec) ? scale.spec : {};
  const replicas = spec.replicas ?? 0;
  if (
    typeof replicas !== "number" || !Number.isInteger(replicas) || replicas > 2 ** 31 - 1 ||
    replicas < -(2 ** 31)
  ) {
    throw StatusError.badRequest(
      `Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${
        typeof replicas === "number" ? "number" : typeof replicas
      } into Go struct field ScaleSpec.spec.replicas of type int32`,
    );
  }
  if (replicas < 0 && !target.resource.customSchema?.scale) {
    const message = `Invalid value: ${replicas}: must be greater than or equal to 0`;
    throw new StatusError(
      422,
      "Invalid",
      `Scale.autoscaling "${target.name}" is invalid: spec.replicas: ${message}`,
      {
        name: target.name,
        group: "autoscaling",
        kind: "Scale",
        causes: [{ reason: "FieldValueInvalid", message, field: "spec.replicas" }],
      },
    );
  }
  const metadata = isRecord(scale.metadata) ? scale.metadata : {};
  const resourceVersion = typeof metadata.resourceVersion === "string"
    ? metadata.resourceVersion
    : "";
  const { resourceVersion: _stored, ...storedMeta } = object.metadata;
  const entries = Array.isArray(manager) ? manager : undefined;
  if (entries) {
    if (entries.length > 0) storedMeta.managedFields = entries as ManagedFieldsEntry[];
    else delete storedMeta.managedFields;
  }
  const paths = target.resource.customSchema?.scale;
  if (paths && replicas === UNSET_REPLICAS) {
    throw StatusError.badRequest(
      `the spec replicas field ${JSON.stringify(paths.specReplicasPath)} cannot be empty`,
    );
  }
  // A custom resource's replicas go to its spec path; negative ones are then refused by its
  // own validation (ValidateScaleSpec, a 422 for the custom kind), not by a Scale check.
  const incoming: KubeObject = paths
    ? {
      ...crd.withScaleReplicas(paths, record(object), replicas),
      metadata: resourceVersion ? { ...storedMeta, resourceVersion } : storedMeta,
    } as KubeObject
    : {
      ...object,
      metadata: resourceVersion ? { ...storedMeta, resourceVersion } : storedMeta,
      spec: { ...(isRecord(object.spec) ? object.spec : {}), replicas },
    };
  const scaled = {
    resource: target.resource,
    namespace: target.namespace,
    name: target.name,
    subresource: "scale",
  };
  const tracked = entries ? "applied" : manager as WriteManager | undefined;
  return scaleOf(target.resource, updateWith(cluster, scaled, incoming, dryRun, tracked));
}

/** The Scale of an object (scaleFromDeployment and its siblings, scaleFromCustomResource). */
export function scaleOf(resource: ResourceType, object: KubeObject): Body {
  const paths = resource.customSchema?.scale;
  if (paths) return crd.scaleOf(paths, record(object));
  const spec = isRecord(object.spec) ? object.spec : {};
  const status = isRecord(object.status) ? object.status : {};
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const replicas = typeof spec.replicas === "number" ? spec.replicas : 0;
  const selector = selectorText(resource, spec.selector);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    // ScaleSpec.replicas is omitempty: zero replicas print no field.
    spec: replicas ? { replicas } : {},
    status: {
      replicas: typeof status.replicas === "number" ? status.replicas : 0,
      ...(selector ? { selector } : {}),
    },
  };
}

// A ReplicationController's selector is a plain map (labels.SelectorFromSet); the apps kinds
// carry a LabelSelector (metav1.LabelSelectorAsSelector).
function selectorText(resource: ResourceType, selector: unknown): string {
  if (!isRecord(selector)) return "";
  const object: LabelSelectorObject = resource.group === ""
    ? { matchLabels: selector as Record<string, string> }
    : selector as LabelSelectorObject;
  try {
    return labelSelectorFromObject(object).toString();
  } catch (error) {
    if (!(error instanceof SelectorError)) throw error;
    throw new StatusError(
      500,
      "InternalError",
      `Internal error occurred: ${error.message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

// The scale's object, or the NotFound of a missing one. Updates fail in the store's Update (the
// resource's own NotFound); a GET up to v1.32 answered from ScaleREST.Get, which renamed the
// resource `<resource>/scale` for Deployments, ReplicaSets and (in group autoscaling)
// ReplicationControllers; from v1.33 it passes the store's error on.
function current(cluster: ServedCluster, target: Named, read = false): KubeObject {
  const object = cluster.store.get(target.resource, target.namespace, target.name);
  if (object) return object;
  const { resource } = target;
  const group = read && (kubernetesMinor(cluster.kubernetesVersion) ?? 0) <= 32
    ? SCALE_NOT_FOUND_GROUP[resource.key]
    : undefined;
  if (group === undefined) throw StatusError.notFound(resource, target.name);
  throw new StatusError(
    404,
    "NotFound",
    `${resource.name}/scale.${group} "${target.name}" not found`,
    {
      name: target.name,
      group,
      kind: `${resource.name}/scale`,
    },
  );
}

// The group ScaleREST.Get named in its NotFound up to v1.32 (apps.Resource, autoscaling.Resource).
const SCALE_NOT_FOUND_GROUP: Readonly<Record<string, string>> = {
  "apps/deployments": "apps",
  "apps/replicasets": "apps",
  replicationcontrollers: "autoscaling",
};

function asScale(body: unknown): Body {
  if (!isRecord(body)) {
    throw StatusError.badRequest("the body of the request must be a JSON object");
  }
  if (body.apiVersion !== undefined && body.apiVersion !== "autoscaling/v1") {
    throw StatusError.badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (autoscaling/v1)`,
    );
  }
  if (body.kind !== undefined && body.kind !== "Scale") {
    throw StatusError.badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (Scale)`,
    );
  }
  return body;
}

// int32's smallest value: scaleUpdatedObjectInfo's mark for replicas the object never had.
const UNSET_REPLICAS = -2147483648;

function record(object: KubeObject): Body {
  return object as unknown as Body;
}

function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
