// PATCH in all four kinds kube-apiserver serves: JSON patch, merge patch, strategic merge, apply.

import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  PatchError,
  requireMergePatchObject,
  strategicSchemaFor,
} from "../patch/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { checkDuplicateKeys, type DecodeChecks, decodePatched } from "./decode_checks.ts";
import type { ServedCluster } from "./kube_env.ts";
import { forResponse } from "./object_view.ts";
import { isDryRun } from "./dry_run.ts";
import { jsonNestsDeeper, valueNestsDeeper } from "./nesting_depth.ts";
import { decodeApplyYaml, decodeJson, mediaTypeOf, readBytes } from "./request_body.ts";
import { literalsOf } from "./json_number_literals.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { createObject, updateWith } from "./write_handlers.ts";
import { checkAppliedTypes, serverSideApply } from "./field_tracking.ts";
import { checkWriteOptions, managerOf } from "./write_manager.ts";

const JSON_PATCH = "application/json-patch+json";
const MERGE_PATCH = "application/merge-patch+json";
const STRATEGIC_PATCH = "application/strategic-merge-patch+json";
const APPLY_PATCH = "application/apply-patch+yaml";
// Custom resources have no strategic merge schema.
const CUSTOM_PATCHES = [JSON_PATCH, MERGE_PATCH, APPLY_PATCH];
const BUILTIN_PATCHES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, APPLY_PATCH];
// k8s.io/apiserver pkg/endpoints/handlers/patch.go `maxJSONPatchOperations`.
const MAX_JSON_PATCH_OPERATIONS = 10_000;

/** The answer of a PATCH: 200 with the object, or 201 when server-side apply created it. */
export interface PatchAnswer {
  readonly status: 200 | 201;
  readonly body: KubeObject;
}

/** Applies a PATCH request to the object it names. */
export async function patchObject(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  request: Request,
  query: URLSearchParams,
  now: Date,
  maxRequestBytes: number,
  checks?: DecodeChecks,
): Promise<PatchAnswer> {
  const { resource } = target;
  const mediaType = mediaTypeOf(request);
  const accepted = resource.custom ? CUSTOM_PATCHES : BUILTIN_PATCHES;
  if (!accepted.includes(mediaType)) {
    // A built-in's PATCH route consumes the patch types only, so go-restful refuses the rest
    // before any handler; apiextensions' handler words its own refusal.
    if (!resource.custom) throw StatusError.unsupportedMediaType();
    throw new StatusError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: ${
        accepted.join(", ")
      }`,
    );
  }
  const bytes = await readBytes(request, maxRequestBytes);
  checkWriteOptions(query, "PatchOptions", mediaType === APPLY_PATCH);
  const applyDocument = mediaType === APPLY_PATCH ? decodeApplyYaml(bytes) : undefined;
  const patch = applyDocument ? applyDocument.value : decodePatch(mediaType, bytes);
  if (mediaType === APPLY_PATCH) checkAppliedKind(resource, patch);
  const dryRun = isDryRun(query);
  const manager = managerOf(query, request, now);
  const force = query.get("force") === "true";
  const current = cluster.store.get(resource, target.namespace, target.name);
  if (!current) {
    if (mediaType !== APPLY_PATCH || target.subresource) {
      throw StatusError.notFound(resource, target.name);
    }
    // Server-side apply of a missing object creates it.
    checkAppliedTypes(cluster, resource, patch);
    const config = withIdentity(patch, target);
    decodePatched(cluster, resource, config as Record<string, unknown>, patch, true, checks);
    checkDuplicateKeys(applyDocument!.duplicates, checks);
    const applied = serverSideApply(
      cluster,
      resource,
      undefined,
      undefined,
      config,
      manager,
      force,
    );
    const created = createObject(cluster, target, applied, now, dryRun, undefined, "applied");
    return { status: 201, body: created };
  }
  if (mediaType === APPLY_PATCH) {
    checkAppliedTypes(cluster, resource, patch);
    const config = withIdentity(patch, target);
    const applied = withIdentity(
      serverSideApply(cluster, resource, target.subresource, current, config, manager, force),
      target,
    );
    decodePatched(
      cluster,
      resource,
      applied as Record<string, unknown>,
      patch,
      true,
      checks,
      current,
    );
    checkDuplicateKeys(applyDocument!.duplicates, checks);
    const updated = updateWith(cluster, target, applied, dryRun, "applied");
    return { status: 200, body: forResponse(resource, updated) };
  }
  const result = applyPatch(mediaType, resource.key, current, patch, cluster.kubernetesVersion);
  const patched = withIdentity(result, target, true);
  // EnsureObjectNamespaceMatchesRequestNamespace clears a cluster-scoped object's namespace.
  if (!resource.namespaced) delete patched.metadata!.namespace;
  // JSON and merge patches decode the patched JSON; strategic merge converts the patched map,
  // which words its errors differently.
  const strategic = mediaType === STRATEGIC_PATCH;
  decodePatched(
    cluster,
    resource,
    patched as Record<string, unknown>,
    patch,
    strategic,
    checks,
    current,
  );
  checkPatchedIdentity(resource, result as KubeObject, target);
  const updated = updateWith(cluster, target, patched, dryRun, manager);
  return { status: 200, body: forResponse(resource, updated) };
}

// A patch nested deeper than Go's JSON scanner allows fails as kube-apiserver's patcher fails on
// it: JSON and merge patches when decoding the patch ("error decoding patch: ..."), strategic
// merge patches when decoding it into a map (the bare scanner error).
function decodePatch(mediaType: string, bytes: Uint8Array): unknown {
  if (jsonNestsDeeper(bytes)) {
    const prefix = mediaType === STRATEGIC_PATCH ? "" : "error decoding patch: ";
    throw StatusError.badRequest(`${prefix}exceeded max depth`);
  }
  const patch = decodeJson(bytes, "JSON", false, true);
  // A number float64 cannot hold (`1e400`) fails the patch's own decoding, before anything else.
  const overflow = typeof patch === "object" && patch !== null
    ? literalsOf(patch)?.overflow
    : undefined;
  if (overflow !== undefined) throw overflowingPatch(mediaType, overflow);
  if (
    mediaType === JSON_PATCH && Array.isArray(patch) && patch.length > MAX_JSON_PATCH_OPERATIONS
  ) {
    throw new StatusError(
      413,
      "RequestEntityTooLarge",
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
    );
  }
  return patch;
}

// As kube-apiserver v1.36.3 words it: a JSON patch decodes into []jsonPatchOp (whose `value` is
// an interface{}: "Go struct field jsonPatchOp.value of type float64"), a merge patch into an
// interface{}, a strategic merge patch into a map without the "error decoding patch" prefix.
function overflowingPatch(mediaType: string, literal: string): StatusError {
  const into = mediaType === JSON_PATCH
    ? "Go struct field jsonPatchOp.value of type float64"
    : "Go value of type float64";
  const prefix = mediaType === STRATEGIC_PATCH ? "" : "error decoding patch: ";
  return StatusError.badRequest(`${prefix}json: cannot unmarshal number ${literal} into ${into}`);
}

function applyPatch(
  mediaType: string,
  resourceKey: string,
  current: KubeObject,
  patch: unknown,
  kubernetesVersion: string,
) {
  try {
    switch (mediaType) {
      case JSON_PATCH:
        return checkPatchedDepth(applyJsonPatch(current, patch));
      case MERGE_PATCH:
        requireMergePatchObject(patch);
        return applyMergePatch(current, patch);
      case STRATEGIC_PATCH:
        return applyStrategicMergePatch(
          current,
          patch,
          strategicSchemaFor(resourceKey, kubernetesVersion),
        );
      default:
        throw new Error(`unexpected patch type ${mediaType}`);
    }
  } catch (error) {
    // Copying a copy of a deep value nests deeper with every operation, until cloning it runs
    // out of stack: the same 422 as a result measured too deep.
    if (error instanceof RangeError) throw tooDeepResult(error);
    if (!(error instanceof PatchError)) throw error;
    // A 422 here is errors.NewGenericServerResponse(422, "", GroupResource{}, "", ...): empty
    // (but present) details, no causes; the library's wording stays on the server.
    throw StatusError.fromPatch(error, {});
  }
}

// A merge, strategic or apply patch nests no deeper than the deeper of the object and the patch,
// both within the limit; `copy` and `move` operations of a JSON patch can nest a value inside a
// copy of itself, so its result is measured. kube-apiserver fails to decode such a result back
// into an object (patch.go `applyPatchToCurrentObject`) and answers 422.
function checkPatchedDepth(patched: unknown): unknown {
  if (valueNestsDeeper(patched)) throw tooDeepResult();
  return patched;
}

// errors.NewInvalid(schema.GroupKind{}, "", field.Invalid(field.NewPath("patch"), patchedJS, err)),
// with the patched document (megabytes, if it were encodable at all) elided.
function tooDeepResult(cause?: Error): StatusError {
  const message =
    `Invalid value: "...": couldn't get version/kind; json parse error: exceeded max depth`;
  return new StatusError(
    422,
    "Invalid",
    ` "" is invalid: patch: ${message}`,
    { name: "", kind: "", causes: [{ reason: "FieldValueInvalid", message, field: "patch" }] },
    cause && { cause },
  );
}

// The URL names the object: a patch may not move it to another name or namespace.
// A patched object's name and namespace are checked once it decodes (checkPatchedIdentity).
function withIdentity(
  value: unknown,
  target: ResourceTarget & { name: string },
  patched = false,
): KubeObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw StatusError.badRequest("the patched object must be a JSON object");
  }
  const object = value as KubeObject;
  const metadata = { ...(object.metadata ?? {}) };
  if (!patched && metadata.name !== undefined && metadata.name !== target.name) {
    throw StatusError.badRequest(
      `the name of the object (${metadata.name}) does not match the name on the URL (${target.name})`,
    );
  }
  metadata.name = target.name;
  if (target.namespace !== undefined) metadata.namespace = target.namespace;
  return { ...object, metadata };
}

// The end of the patcher's applyPatch (handlers/patch.go), after the patched object decoded: its
// namespace must be the request's (EnsureObjectNamespaceMatchesRequestNamespace; a cluster-scoped
// object's is cleared), then checkName (handlers/rest.go): a patch that removes the name
// (`$patch: delete` at the top or on metadata, a null name) leaves it undeterminable.
function checkPatchedIdentity(
  resource: ResourceType,
  patched: KubeObject,
  target: ResourceTarget & { name: string },
): void {
  const { name, namespace } = patched.metadata ?? {};
  if (resource.namespaced && namespace && namespace !== target.namespace) {
    throw StatusError.badRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  if (name === undefined || name === "") {
    throw StatusError.badRequest(
      `the name of the object (${target.name} based on URL) was undeterminable: name must be provided`,
    );
  }
  if (name !== target.name) {
    throw StatusError.badRequest(
      `the name of the object (${name}) does not match the name on the URL (${target.name})`,
    );
  }
}

// managedfields' versionCheckManager, the outermost of the field manager: an apply whose
// apiVersion and kind are not the resource's is a 400 naming the GroupVersionKind it sent
// (schema.GroupVersionKind.String: "/v1, Kind=Secret").
function checkAppliedKind(resource: ResourceType, patch: unknown): void {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) return;
  const { apiVersion, kind } = patch as { apiVersion?: unknown; kind?: unknown };
  if (apiVersion === undefined && kind === undefined) return;
  const sent = typeof apiVersion === "string" ? apiVersion : "";
  const slash = sent.indexOf("/");
  const [group, version] = slash === -1
    ? ["", sent]
    : [sent.slice(0, slash), sent.slice(slash + 1)];
  const sentKind = typeof kind === "string" ? kind : "";
  if (group === resource.group && version === resource.version && sentKind === resource.kind) {
    return;
  }
  throw StatusError.badRequest(`invalid object type: ${group}/${version}, Kind=${sentKind}`);
}
