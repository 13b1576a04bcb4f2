// Built-in kinds decoded as kube-apiserver decodes them: wrong types refused, unknown fields dropped.
//
// Every write of a built-in kind (create, update, /status, each patch type; JSON, YAML and
// protobuf bodies) passes its object through here before it is stored, so what is stored is what a
// typed client can decode. The `fieldValidation` query parameter decides what unknown fields cost:
// Ignore drops them, Warn (the default) drops them with a `Warning` header each, Strict refuses
// the write. Custom resources are pruned by their CRD's schema (src/api/crd).

import { pruneCustomResource } from "../api/crd/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { dryRunErrors, invalidOptions, notSupported } from "./options_invalid.ts";
import {
  builtinSchemas,
  checkTypes,
  type DecodeDialect,
  goFormat,
  goShapedKind,
  isGoEmpty,
  type NumberLiteralsByHolder,
} from "../api/schema/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import { StatusError } from "./status_error.ts";
import { duplicatesOf, type JsonDuplicates } from "./json_duplicates.ts";
import { goQuote } from "../encoding/mod.ts";
import { literalsOf } from "./json_number_literals.ts";

/** The `fieldValidation` directives kube-apiserver accepts; "" is Warn. */
export type FieldValidation = "Ignore" | "Warn" | "Strict";

/** What a write learned while decoding: its directive, and the warnings its answer carries. */
export interface DecodeChecks {
  readonly fieldValidation: FieldValidation;
  /** Warning texts (`unknown field "spec.foo"`), sent as `Warning: 299 - "..."` headers. */
  readonly warnings: string[];
}

const DIRECTIVES = new Set(["", "Ignore", "Warn", "Strict"]);

/**
 * Reads `fieldValidation` from the query and checks `dryRun`, as the handlers validate
 * `CreateOptions`, `UpdateOptions` and `PatchOptions` (422 Invalid, before the body is decoded).
 */
export function decodeChecksFor(
  query: URLSearchParams,
  options: "CreateOptions" | "UpdateOptions" | "PatchOptions",
  kubernetesVersion: string,
): DecodeChecks {
  const value = query.get("fieldValidation") ?? "";
  // ValidateCreateOptions/UpdateOptions/PatchOptions order: dryRun, then fieldValidation.
  const errors = dryRunErrors(query.getAll("dryRun"), kubernetesMinor(kubernetesVersion) ?? 0);
  if (!DIRECTIVES.has(value)) {
    errors.push(notSupported("fieldValidation", value, ["", "Ignore", "Strict", "Warn"]));
  }
  if (errors.length > 0) throw invalidOptions(options, errors);
  return { fieldValidation: (value || "Warn") as FieldValidation, warnings: [] };
}

/**
 * Decodes a create or update body of a built-in kind in place (unknown fields removed): 400
 * BadRequest `<Kind> in version "<v>" cannot be handled as a <Kind>: <decoder error>`, as
 * apiserver's `transformDecodeError`.
 */
export function decodeBody(
  cluster: Pick<ServedCluster, "kubernetesVersion">,
  resource: ResourceType,
  object: Record<string, unknown>,
  checks: DecodeChecks | undefined,
): void {
  const duplicates = duplicatesOf(object);
  const literals = literalsOf(object);
  const prefix =
    `${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}`;
  // A custom resource decodes into maps (UseNumber, then int64 or float64 per number), where a
  // number float64 cannot hold fails the whole decode.
  if (resource.custom && literals?.overflow !== undefined) {
    throw StatusError.badRequest(
      `${prefix}: json: cannot unmarshal number ${literals.overflow} into Go value of type float64`,
    );
  }
  const result = check(cluster, resource, object, "json", undefined, literals?.holders);
  if (!result && !duplicates) return;
  if (result?.error) throw StatusError.badRequest(`${prefix}: ${result.error}`);
  const unknownPaths = distinctPaths(result?.unknownFields ?? NO_ERRORS);
  const unknown = duplicates
    ? withDuplicates(resource, unknownPaths, duplicates)
    : unknownFieldErrors(unknownPaths);
  if (unknown.length === 0 || !checks) return;
  if (checks.fieldValidation === "Strict") {
    throw StatusError.badRequest(`${prefix}: strict decoding error: ${unknown.join(", ")}`);
  }
  if (checks.fieldValidation === "Warn") checks.warnings.push(...unknown);
}

/**
 * The strict check of an apply patch's YAML (`applyPatchToCurrentObject`, after the apply): a key
 * given twice refuses the write under Strict (400 `error strict decoding YAML`) and is a warning
 * under Warn, one per key as go-yaml's strict decode lists them.
 */
export function checkDuplicateKeys(
  duplicates: readonly string[],
  checks: DecodeChecks | undefined,
): void {
  if (duplicates.length === 0 || !checks) return;
  if (checks.fieldValidation === "Strict") {
    throw StatusError.badRequest(
      `error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  ${
        duplicates.join("\n  ")
      }`,
    );
  }
  if (checks.fieldValidation === "Warn") checks.warnings.push(...duplicates);
}

/**
 * Decodes the result of a patch in place: 422 Invalid on the `patch` field, as apiserver's
 * patcher answers when the patched object does not decode. JSON and merge patches decode the
 * patched JSON (shown as the value); strategic merge and apply convert the patched map (the patch
 * is shown, printed as Go prints a map). What the result shares with `current`, the stored object,
 * is not checked again.
 */
export function decodePatched(
  cluster: Pick<ServedCluster, "kubernetesVersion">,
  resource: ResourceType,
  patched: Record<string, unknown>,
  patch: unknown,
  strategic: boolean,
  checks: DecodeChecks | undefined,
  current?: unknown,
): void {
  const shown = strategic ? () => goFormat(patch) : () => JSON.stringify(patched);
  const result = check(cluster, resource, patched, strategic ? "unstructured" : "json", current);
  if (!result) return;
  if (result.error) throw invalidPatch(shown(), result.error);
  const unknown = unknownFieldErrors(distinctPaths(result.unknownFields));
  if (unknown.length === 0 || !checks) return;
  if (checks.fieldValidation === "Strict") {
    throw invalidPatch(shown(), `strict decoding error: ${unknown.join(", ")}`);
  }
  if (checks.fieldValidation === "Warn") checks.warnings.push(...unknown);
}

/**
 * A built-in object as kube-apiserver's Go encoding writes it (Go field order, always-written
 * fields present, see go_shape.ts); custom resources and kinds without a table as they are.
 * What it shares with `previous`, the stored object, is not walked again.
 */
export function goShape<T extends KubeObject>(
  cluster: Pick<ServedCluster, "kubernetesVersion">,
  resource: ResourceType,
  object: T,
  previous?: unknown,
): T {
  // A custom resource's keys are sorted once, when stored (the field manager reads no order).
  if (resource.custom) return object;
  const decoded = withoutEmptyMetadata(cluster.kubernetesVersion, object);
  return goShapedKind(cluster.kubernetesVersion, resource, decoded, previous);
}

// ObjectMeta as Go decodes and writes it: its omitempty fields holding their empty value (`labels:
// {}`, `finalizers: []`, `generateName: ""`) left out. Here, once per write, rather than in Go
// shaping, which the store runs too on metadata it fills (its `resourceVersion: ""` placeholder).
function withoutEmptyMetadata<T extends KubeObject>(kubernetesVersion: string, object: T): T {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (metadata === null || typeof metadata !== "object") return object;
  const empties = builtinSchemas(kubernetesVersion).structOf("#meta.v1.ObjectMeta")?.entry.e;
  if (empties === undefined) return object;
  let kept: Record<string, unknown> | undefined;
  for (const key of empties) {
    if (!Object.hasOwn(metadata, key) || !isGoEmpty(metadata[key])) continue;
    kept ??= { ...metadata };
    delete kept[key];
  }
  return kept === undefined ? object : { ...object, metadata: kept };
}

function check(
  cluster: Pick<ServedCluster, "kubernetesVersion">,
  resource: ResourceType,
  object: Record<string, unknown>,
  dialect: DecodeDialect,
  previous?: unknown,
  literals?: NumberLiteralsByHolder,
) {
  if (resource.custom) {
    return resource.customSchema &&
      { unknownFields: pruneCustomResource(resource.customSchema, object) };
  }
  const source = builtinSchemas(cluster.kubernetesVersion);
  const schema = source.kind(resource.group, resource.version, resource.kind);
  return schema ? checkTypes(source, schema, object, dialect, previous, literals) : undefined;
}

const NO_ERRORS: string[] = Object.freeze([]) as unknown as string[];

// The strict errors of a body with duplicate keys, in sigs.k8s.io/json's order. A built-in kind
// decodes into Go structs: errors come in document order, and what an unknown field holds is
// skipped (a key repeated inside it, or the unknown key itself repeated, is no duplicate). A
// custom resource decodes into a map, where every repeated key counts, before pruning finds its
// unknown fields.
function withDuplicates(
  resource: ResourceType,
  unknownPaths: readonly string[],
  duplicates: JsonDuplicates,
): string[] {
  const quoted = duplicates.paths.map((path) => `duplicate field ${goQuote(path)}`);
  const unknown = unknownFieldErrors(unknownPaths);
  if (resource.custom) return [...quoted, ...unknown];
  const inUnknown = (path: string) =>
    unknownPaths.some((at) =>
      path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`)
    );
  const errors = unknown.map((text, i) => ({
    text,
    at: duplicates.firstOffsets.get(unknownPaths[i]) ?? Number.MAX_SAFE_INTEGER,
  }));
  duplicates.paths.forEach((path, i) => {
    if (!inUnknown(path)) errors.push({ text: quoted[i], at: duplicates.offsets[i] });
  });
  return errors.sort((a, b) => a.at - b.at).map((error) => error.text);
}

// Nearly every body has no unknown field: then no set and no list is made per write.
function distinctPaths(paths: readonly string[]): readonly string[] {
  return paths.length === 0 ? NO_ERRORS : [...new Set(paths)];
}

// sigs.k8s.io/json kubernetes_patch.go writes each path with strconv.Quote.
function unknownFieldErrors(paths: readonly string[]): string[] {
  if (paths.length === 0) return NO_ERRORS;
  return paths.map((path) => `unknown field ${goQuote(path)}`);
}

// errors.NewInvalid(schema.GroupKind{}, "", field.Invalid(field.NewPath("patch"), value, detail)).
function invalidPatch(value: string, detail: string): StatusError {
  const message = `Invalid value: ${JSON.stringify(value)}: ${detail}`;
  return new StatusError(422, "Invalid", ` "" is invalid: patch: ${message}`, {
    causes: [{ reason: "FieldValueInvalid", message, field: "patch" }],
  });
}
