// CustomResourceDefinition validation on create and update: names, versions, structural schemas, CEL rules.
//
// Source: k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go
// (`ValidateCustomResourceDefinition`, `ValidateCustomResourceDefinitionOpenAPISchema`) and
// pkg/apiserver/schema/validation.go (`ValidateStructural`, whose errors are sorted) at v0.36.0.
// A v1 CRD whose versions share one schema is validated as the internal type holds it, hoisted
// to `spec.validation` (v1 conversion `Convert_v1_CustomResourceDefinitionSpec_To_...`), which
// is why a single-version CRD's errors name `spec.validation.openAPIV3Schema`.
// Covered: the common mistakes (missing types, items, list-type keys, root metadata, CEL syntax,
// rule reasons); not covered: cost estimation, defaults validated against their schema,
// Go-specific regular-expression errors.

import { parse } from "@bufbuild/cel";
import { errorText, type FieldError, type GoPrintable, notSupported } from "./field_error.ts";
import { compileRe2 } from "./re2_patterns.ts";
import { isRecord, type SchemaProps, type ValidationRule } from "./schema_props.ts";
import { deepEqual } from "./values.ts";

type Level = "root" | "item" | "field";

const REASONS = [
  "FieldValueDuplicate",
  "FieldValueForbidden",
  "FieldValueInvalid",
  "FieldValueRequired",
];

/**
 * The field errors of a CRD (apiextensions.k8s.io/v1) about to be stored; `old` on update, where
 * group and plural never change, and scope and kind not once the CRD is established
 * (`validateCustomResourceDefinitionSpecUpdate`).
 */
export function validateDefinition(
  crd: Record<string, unknown>,
  minor: number,
  old?: Record<string, unknown>,
): FieldError[] {
  const errors: FieldError[] = [];
  const metadata = isRecord(crd.metadata) ? crd.metadata : {};
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const expected = `${names.plural ?? ""}.${spec.group ?? ""}`;
  if (metadata.name !== expected) {
    errors.push({
      type: "FieldValueInvalid",
      field: "metadata.name",
      value: metadata.name ?? "",
      detail: 'must be spec.names.plural+"."+spec.group',
    });
  }
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  const schemas = versions.map((v) => isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined);
  schemas.forEach((schema, i) => {
    if (!isRecord(schema)) {
      errors.push({
        type: "FieldValueRequired",
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
      });
    }
  });
  const hoisted = schemas.length > 0 && schemas.every((s) => deepEqual(s, schemas[0]));
  const checked = hoisted ? [schemas[0]] : schemas;
  checked.forEach((schema, i) => {
    if (!isRecord(schema)) return;
    const path = hoisted
      ? "spec.validation.openAPIV3Schema"
      : `spec.versions[${i}].schema.openAPIV3Schema`;
    errors.push(...schemaErrors(schema as SchemaProps, path, minor));
  });
  if (old) errors.push(...immutableFields(spec, old));
  if (versions.filter((v) => v.storage === true).length !== 1 && versions.length > 0) {
    errors.push({
      type: "FieldValueInvalid",
      field: "spec.versions",
      value: versions,
      detail: "must have exactly one version marked as storage version",
    });
  }
  return errors;
}

function immutableFields(
  spec: Record<string, unknown>,
  old: Record<string, unknown>,
): FieldError[] {
  const oldSpec = isRecord(old.spec) ? old.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const oldNames = isRecord(oldSpec.names) ? oldSpec.names : {};
  const status = isRecord(old.status) ? old.status : {};
  const established = Array.isArray(status.conditions) &&
    status.conditions.some((c) => isRecord(c) && c.type === "Established" && c.status === "True");
  const checks: [string, unknown, unknown][] = [
    ...(established
      ? [["spec.scope", spec.scope, oldSpec.scope], [
        "spec.names.kind",
        names.kind,
        oldNames.kind,
      ]] as [
        string,
        unknown,
        unknown,
      ][]
      : []),
    ["spec.group", spec.group, oldSpec.group],
    ["spec.names.plural", names.plural, oldNames.plural],
  ];
  return checks.filter(([, now, before]) => !deepEqual(now, before)).map(([field, now]) => ({
    type: "FieldValueInvalid",
    field,
    value: now ?? "",
    detail: "field is immutable",
  }));
}

// Structural errors (sorted as upstream sorts them), then the OpenAPI schema walk, then CEL
// compilation (only for a structural schema).
function schemaErrors(schema: SchemaProps, path: string, minor: number): FieldError[] {
  const structural: FieldError[] = [];
  structuralInvariants(schema, "root", path, structural);
  structural.sort((a, b) => errorText(a, minor) < errorText(b, minor) ? -1 : 1);
  const openapi: FieldError[] = [];
  const cel: FieldError[] = [];
  walkSchema(schema, path, openapi, structural.length === 0 ? cel : undefined);
  return [...structural, ...openapi, ...cel];
}

function structuralInvariants(s: SchemaProps, level: Level, path: string, errors: FieldError[]) {
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

function walkSchema(
  s: SchemaProps,
  path: string,
  errors: FieldError[],
  cel: FieldError[] | undefined,
): void {
  if (isRecord(s.additionalProperties) && s.properties && Object.keys(s.properties).length > 0) {
    errors.push({
      type: "FieldValueForbidden",
      field: `${path}.additionalProperties`,
      detail: "additionalProperties and properties are mutual exclusive",
    });
  }
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (isRecord(child)) walkSchema(child, `${path}.properties[${key}]`, errors, cel);
  }
  if (isRecord(s.additionalProperties)) {
    walkSchema(
      s.additionalProperties as SchemaProps,
      `${path}.additionalProperties`,
      errors,
      cel,
    );
  }
  if (isRecord(s.items)) walkSchema(s.items, `${path}.items`, errors, cel);
  listTypeErrors(s, path, errors);
  const rules = s["x-kubernetes-validations"];
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) =>
      ruleErrors(rule, `${path}.x-kubernetes-validations[${i}]`, errors, cel)
    );
  }
}

function listTypeErrors(s: SchemaProps, path: string, errors: FieldError[]): void {
  const mapType = s["x-kubernetes-map-type"];
  if (mapType !== undefined && mapType !== "atomic" && mapType !== "granular") {
    errors.push(notSupported(`${path}.x-kubernetes-map-type`, mapType, ["atomic", "granular"]));
  }
  const listType = s["x-kubernetes-list-type"];
  if (listType === undefined) return;
  if (s.type !== "array") {
    errors.push(
      s.type
        ? {
          type: "FieldValueInvalid",
          field: `${path}.type`,
          value: s.type,
          detail: "must be array if x-kubernetes-list-type is specified",
        }
        : {
          type: "FieldValueRequired",
          field: `${path}.type`,
          detail: "must be array if x-kubernetes-list-type is specified",
        },
    );
  }
  if (!["atomic", "set", "map"].includes(listType)) {
    errors.push(notSupported(`${path}.x-kubernetes-list-type`, listType, ["atomic", "set", "map"]));
  }
  if (listType === "map") {
    const keys = s["x-kubernetes-list-map-keys"] ?? [];
    if (keys.length === 0) {
      errors.push({
        type: "FieldValueRequired",
        field: `${path}.x-kubernetes-list-map-keys`,
        detail: "must not be empty if x-kubernetes-list-type is map",
      });
    }
    if (!isRecord(s.items)) {
      errors.push({
        type: "FieldValueRequired",
        field: `${path}.items`,
        detail: "must have a schema if x-kubernetes-list-type is map",
      });
    } else if (s.items.type !== "object") {
      errors.push({
        type: "FieldValueInvalid",
        field: `${path}.items.type`,
        value: s.items.type ?? "",
        detail: "must be object if parent array's x-kubernetes-list-type is map",
      });
    } else if (keys.some((k) => !s.items!.properties?.[k])) {
      errors.push({
        type: "FieldValueInvalid",
        field: `${path}.x-kubernetes-list-map-keys`,
        value: keys,
        detail: "entries must all be names of item properties",
      });
    }
  }
}

function ruleErrors(
  rule: ValidationRule,
  path: string,
  errors: FieldError[],
  cel: FieldError[] | undefined,
): void {
  if (!isRecord(rule as unknown)) return;
  if (!rule.rule) {
    errors.push({
      type: "FieldValueRequired",
      field: `${path}.rule`,
      detail: "rule is not specified",
    });
    return;
  }
  if (typeof rule.message === "string" && rule.message.trim() === "") {
    errors.push({
      type: "FieldValueInvalid",
      field: `${path}.message`,
      value: rule.message,
      detail: "must be non-empty if specified",
    });
  }
  if (typeof rule.reason === "string" && !REASONS.includes(rule.reason)) {
    errors.push(notSupported(`${path}.reason`, rule.reason, REASONS));
  }
  if (!cel) return;
  for (
    const [field, source] of [["rule", rule.rule], [
      "messageExpression",
      rule.messageExpression,
    ]] as const
  ) {
    if (typeof source !== "string" || source === "") continue;
    try {
      parse(source);
    } catch (error) {
      cel.push({
        type: "FieldValueInvalid",
        field: `${path}.${field}`,
        value: new GoValidationRule(rule),
        detail: `compilation failed: ERROR: ${(error as Error).message}`,
      });
    }
  }
}

/** The internal ValidationRule as field errors print it: Go syntax before 1.34, JSON (no tags) since. */
class GoValidationRule implements GoPrintable {
  constructor(private readonly rule: ValidationRule) {}

  toJSON(): Record<string, unknown> {
    const r = this.rule;
    return {
      Rule: r.rule ?? "",
      Message: r.message ?? "",
      MessageExpression: r.messageExpression ?? "",
      Reason: r.reason ?? null,
      FieldPath: r.fieldPath ?? "",
      OptionalOldSelf: r.optionalOldSelf ?? null,
    };
  }

  goSyntax(): string {
    const r = this.rule;
    const q = (text: string | undefined) => JSON.stringify(text ?? "");
    return `apiextensions.ValidationRule{Rule:${q(r.rule)}, Message:${
      q(r.message)
    }, MessageExpression:${
      q(r.messageExpression)
    }, Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:${
      q(r.fieldPath)
    }, OptionalOldSelf:(*bool)(nil)}`;
  }
}
