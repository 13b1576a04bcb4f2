// ObjectMeta validation: names, labels, annotations, finalizers, owner references (apimachinery v0.33).
//
// As k8s.io/apimachinery pkg/api/validation/objectmeta.go `ValidateObjectMetaAccessor` and
// `ValidateObjectMetaAccessorUpdate`, plus kube's `validateKubeFinalizerName`; errors come in the
// order upstream appends them, map entries in sorted key order (Go's map order is random).

import { appendErrors, type FieldError, invalid, required, tooLong } from "./field_error.ts";
import { isDNS1123Label, isLabelValue, isQualifiedName } from "./formats.ts";
import { stringSliceValue } from "./go_value.ts";
import { nameErrors, type NameRule } from "./name_rules.ts";
import { foundClean, markClean } from "./_validation_scope.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** `TotalAnnotationSizeLimitB`: 256 KiB of keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

// core's standardFinalizers: unqualified names kube accepts besides domain-prefixed ones.
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/** `ValidateObjectMeta` for a create, with the kind's name rule. */
export function validateObjectMeta(
  meta: Loose,
  namespaced: boolean,
  rule: NameRule,
  minor: number,
  builtin: boolean,
  path = "metadata",
): FieldError[] {
  const errors: FieldError[] = [];
  const generateName = stringOf(meta.generateName);
  if (generateName) {
    for (const message of nameErrors(rule, generateName, true)) {
      errors.push(invalid(`${path}.generateName`, generateName, message));
    }
  }
  const name = stringOf(meta.name);
  if (!name) errors.push(required(`${path}.name`, "name or generateName is required"));
  else {
    for (const message of nameErrors(rule, name, false)) {
      errors.push(invalid(`${path}.name`, name, message));
    }
  }
  if (namespaced) {
    const namespace = stringOf(meta.namespace);
    if (!namespace) errors.push(required(`${path}.namespace`));
    else {
      for (const message of isDNS1123Label(namespace)) {
        errors.push(invalid(`${path}.namespace`, namespace, message));
      }
    }
  }
  if (typeof meta.generation === "number" && meta.generation < 0) {
    errors.push(
      invalid(`${path}.generation`, meta.generation, "must be greater than or equal to 0"),
    );
  }
  appendErrors(errors, validateCommon(meta, minor, path));
  appendErrors(errors, validateFinalizers(meta.finalizers, minor, `${path}.finalizers`));
  if (builtin) appendErrors(errors, validateKubeFinalizers(meta.finalizers, `${path}.finalizers`));
  return errors;
}

/** `ValidateObjectMetaUpdate`: what may change on an update, then labels, annotations, owners. */
export function validateObjectMetaUpdate(
  meta: Loose,
  old: Loose,
  minor: number,
  builtin: boolean,
  path = "metadata",
): FieldError[] {
  const errors: FieldError[] = [];
  if (
    typeof meta.generation === "number" && typeof old.generation === "number" &&
    meta.generation < old.generation
  ) {
    errors.push(invalid(`${path}.generation`, meta.generation, "must not be decremented"));
  }
  appendErrors(errors, validateCommon(meta, minor, path));
  if (builtin) appendErrors(errors, validateKubeFinalizers(meta.finalizers, `${path}.finalizers`));
  return errors;
}

/** `ValidateLabels`: each key a qualified name, each value a label value. */
export function validateLabels(labels: unknown, minor: number, path: string): FieldError[] {
  if (!isMap(labels)) return [];
  // Go visits map keys in random order; fkas reports them sorted, and sorts only when it reports.
  if (labelErrors(labels, Object.keys(labels), minor, path).length === 0) return [];
  return labelErrors(labels, Object.keys(labels).sort(), minor, path);
}

function labelErrors(
  labels: Record<string, unknown>,
  keys: readonly string[],
  minor: number,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of keys) {
    for (const message of isQualifiedName(key, minor)) errors.push(invalid(path, key, message));
    const value = String(labels[key] ?? "");
    for (const message of isLabelValue(value)) errors.push(invalid(path, value, message));
  }
  return errors;
}

/** `ValidateAnnotations`: keys as qualified names (lower-cased), 256 KiB in total. */
export function validateAnnotations(
  annotations: unknown,
  minor: number,
  path: string,
): FieldError[] {
  if (!isMap(annotations)) return [];
  let errors: FieldError[] = [];
  let size = 0;
  for (const key of Object.keys(annotations)) {
    if (isQualifiedName(key.toLowerCase(), minor).length) errors.push(invalid(path, key, ""));
    size += utf8Length(key) + utf8Length(String(annotations[key] ?? ""));
  }
  if (errors.length) {
    errors = [];
    for (const key of Object.keys(annotations).sort()) {
      for (const message of isQualifiedName(key.toLowerCase(), minor)) {
        errors.push(invalid(path, key, message));
      }
    }
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errors.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT, minor));
  }
  return errors;
}

// Labels, annotations and owner references; an update that checks them twice (the create and
// the update checks) checks the same metadata once when it is clean.
function validateCommon(meta: Loose, minor: number, path: string): FieldError[] {
  if (meta !== null && typeof meta === "object" && foundClean(meta)) return [];
  const errors = [
    ...validateLabels(meta.labels, minor, `${path}.labels`),
    ...validateAnnotations(meta.annotations, minor, `${path}.annotations`),
    ...validateOwnerReferences(meta.ownerReferences, minor, `${path}.ownerReferences`),
  ];
  if (errors.length === 0 && meta !== null && typeof meta === "object") markClean(meta);
  return errors;
}

function validateOwnerReferences(refs: unknown, minor: number, path: string): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errors: FieldError[] = [];
  // v0.34 dropped the field name from three of the four messages.
  const empty = (what: string) => minor >= 34 ? "must not be empty" : `${what} must not be empty`;
  let firstController = "";
  for (const ref of refs as Loose[]) {
    const apiVersion = stringOf(ref?.apiVersion);
    const kind = stringOf(ref?.kind);
    // schema.FromAPIVersionAndKind: the version is what follows the last "/" (all of it without).
    const version = apiVersion.includes("/")
      ? apiVersion.slice(apiVersion.indexOf("/") + 1)
      : apiVersion;
    if (!version) {
      errors.push(invalid(`${path}.apiVersion`, apiVersion, "version must not be empty"));
    }
    if (!kind) errors.push(invalid(`${path}.kind`, kind, empty("kind")));
    if (!stringOf(ref?.name)) {
      errors.push(invalid(`${path}.name`, stringOf(ref?.name), empty("name")));
    }
    if (!stringOf(ref?.uid)) errors.push(invalid(`${path}.uid`, stringOf(ref?.uid), empty("uid")));
    if (apiVersion === "v1" && kind === "Event") {
      errors.push(
        invalid(path, ownerValue(ref), `/v1, Kind=Event is disallowed from being an owner`),
      );
    }
    if (ref?.controller === true) {
      const current = `${kind}/${stringOf(ref?.name)}`;
      if (firstController) {
        errors.push(invalid(
          path,
          { go: "[]v1.OwnerReference{...}", json: refs },
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
        ));
      } else firstController = current;
    }
  }
  return errors;
}

function validateFinalizers(finalizers: unknown, minor: number, path: string): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errors: FieldError[] = [];
  for (const f of finalizers) {
    for (const message of isQualifiedName(String(f), minor)) {
      errors.push(invalid(path, String(f), message));
    }
  }
  if (finalizers.includes("orphan") && finalizers.includes("foregroundDeletion")) {
    errors.push(invalid(
      path,
      stringSliceValue(finalizers.map(String)),
      "finalizer orphan and foregroundDeletion cannot be both set",
    ));
  }
  return errors;
}

// validateKubeFinalizerName (built-in kinds only): domain-prefixed unless a standard finalizer.
function kubeFinalizerErrors(name: string, path: string): FieldError[] {
  if (name.includes("/") || STANDARD_FINALIZERS.has(name)) return [];
  return [
    invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"),
  ];
}

// kube's core ValidateObjectMeta(Update) wrappers add this check for built-in kinds.
function validateKubeFinalizers(finalizers: unknown, path: string): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  return finalizers.flatMap((f, i) => kubeFinalizerErrors(String(f), `${path}[${i}]`));
}

function ownerValue(ref: Loose) {
  return { go: `v1.OwnerReference{...}`, json: ref };
}

// Go's len(): UTF-8 bytes, counted without encoding.
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
