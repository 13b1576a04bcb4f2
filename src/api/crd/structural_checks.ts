// The structural-schema invariants a CRD schema must keep (every specified field typed, items, root metadata).
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/schema/validation.go at v0.36.0
// (`validateStructuralInvariants`, `validateStructuralMetadataInvariants`); its callers sort
// the errors, and a `pattern` is checked with Go's regexp messages (RE2 here too).

import type { FieldError } from "./field_error.ts";
import { compileRe2 } from "./re2_patterns.ts";
import { isRecord, type SchemaProps } from "./schema_props.ts";

/** Where a schema node sits: its errors are worded by it. */
export type Level = "root" | "item" | "field";

/** Appends the structural errors of `s` (and below) at `path`. */
export function structuralInvariants(
  s: SchemaProps,
  level: Level,
  path: string,
  errors: FieldError[],
) {
  if (typeof s.pattern === "string") {
    const compiled = compileRe2(s.pattern);
    if (compiled instanceof Error) {
      errors.push({
        type: "FieldValueInvalid",
        field: `${path}.pattern`,
        value: s.pattern,
        detail: `must be a valid regular expression, but isn't: ${compiled.message}`,
      });
    }
  }
  if (s.type === "array" && !isRecord(s.items)) {
    errors.push({
      type: "FieldValueRequired",
      field: `${path}.items`,
      detail: "must be specified",
    });
  }
  if (isRecord(s.items)) structuralInvariants(s.items, "item", `${path}.items`, errors);
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (isRecord(child)) structuralInvariants(child, "field", `${path}.properties[${key}]`, errors);
  }
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    if (level === "root") {
      errors.push({
        type: "FieldValueForbidden",
        field: `${path}.additionalProperties`,
        detail: "must not be used at the root",
      });
    }
    if (isRecord(s.additionalProperties)) {
      structuralInvariants(
        s.additionalProperties as SchemaProps,
        "field",
        `${path}.additionalProperties`,
        errors,
      );
    }
  }
  const embedded = s["x-kubernetes-embedded-resource"] === true;
  const type = s.type ?? "";
  if (embedded && type !== "object") {
    errors.push(
      type === ""
        ? {
          type: "FieldValueRequired",
          field: `${path}.type`,
          detail: "must be object if x-kubernetes-embedded-resource is true",
        }
        : {
          type: "FieldValueInvalid",
          field: `${path}.type`,
          value: type,
          detail: "must be object if x-kubernetes-embedded-resource is true",
        },
    );
  } else if (
    type === "" && !s["x-kubernetes-int-or-string"] && !s["x-kubernetes-preserve-unknown-fields"]
  ) {
    const where = level === "root"
      ? "at the root"
      : level === "item"
      ? "for specified array items"
      : "for specified object fields";
    errors.push({
      type: "FieldValueRequired",
      field: `${path}.type`,
      detail: `must not be empty ${where}`,
    });
  }
  if (level === "root" && type !== "" && type !== "object") {
    errors.push({
      type: "FieldValueInvalid",
      field: `${path}.type`,
      value: type,
      detail: "must be object at the root",
    });
  }
  const metadata = s.properties?.metadata;
  if (isRecord(metadata) && (level === "root" || embedded)) {
    if (metadata.type !== "object") {
      errors.push({
        type: "FieldValueInvalid",
        field: `${path}.properties[metadata].type`,
        value: metadata.type ?? "",
        detail: "must be object",
      });
    }
    if (level === "root" && !onlyNames(metadata)) {
      errors.push({
        type: "FieldValueForbidden",
        field: `${path}.properties[metadata]`,
        detail:
          "must not specify anything other than name and generateName, but metadata is implicitly specified",
      });
    }
  }
  if (
    embedded && !s["x-kubernetes-preserve-unknown-fields"] &&
    Object.keys(s.properties ?? {}).length === 0
  ) {
    errors.push({
      type: "FieldValueRequired",
      field: `${path}.properties`,
      detail:
        "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
    });
  }
}

// Root metadata may restrict name and generateName, nothing else (type and default aside).
function onlyNames(metadata: SchemaProps): boolean {
  const { type: _type, default: _default, properties, ...rest } = metadata;
  const keys = Object.keys(properties ?? {});
  return Object.keys(rest).length === 0 && keys.every((k) => k === "name" || k === "generateName");
}
