// CustomResourceDefinition validation on create and update: names, versions, structural schemas, CEL rules.
//
// Source: k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go
// (`ValidateCustomResourceDefinition`, `ValidateCustomResourceDefinitionOpenAPISchema`) and
// pkg/apiserver/schema/validation.go (`ValidateStructural`, whose errors are sorted) at v0.36.0.
// A v1 CRD whose versions share one schema is validated as the internal type holds it, hoisted
// to `spec.validation` (v1 conversion `Convert_v1_CustomResourceDefinitionSpec_To_...`), which
// is why a single-version CRD's errors name `spec.validation.openAPIV3Schema`.
// Covered: the common mistakes (missing types, items, list-type keys, root metadata, CEL syntax,
// patterns, rule reasons, immutable names) and CEL cost estimation (cel_cost_checks.ts); not
// covered: defaults validated against their schema, CEL type checking.

import { scalePathErrors } from "./scale_path_checks.ts";
import { errorText, type FieldError } from "./field_error.ts";
import { walkSchema } from "./schema_checks.ts";
import { TotalCost } from "./cel_cost_checks.ts";
import type { CelEnvironment } from "./cel_availability.ts";
import { isRecord, type SchemaProps } from "./schema_props.ts";
import { structuralInvariants } from "./structural_checks.ts";
import { deepEqual } from "./values.ts";

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
  const env = { minor, preexisting: ruleSources(old) };
  const unchanged = unchangedSchemas(crd, old);
  checked.forEach((schema, i) => {
    if (!isRecord(schema)) return;
    const path = hoisted
      ? "spec.validation.openAPIV3Schema"
      : `spec.versions[${i}].schema.openAPIV3Schema`;
    errors.push(
      ...schemaErrors(schema as SchemaProps, path, env, unchanged.has(versions[i]?.name)),
    );
  });
  errors.push(...scalePathErrors(versions));
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
// compilation and cost (only for a structural schema), then the schema's total cost.
function schemaErrors(
  schema: SchemaProps,
  path: string,
  env: CelEnvironment,
  suppressPerExpression: boolean,
): FieldError[] {
  const structural: FieldError[] = [];
  structuralInvariants(schema, "root", path, structural);
  structural.sort((a, b) => errorText(a, env.minor) < errorText(b, env.minor) ? -1 : 1);
  const openapi: FieldError[] = [];
  const total = new TotalCost();
  const cel = { errors: [] as FieldError[], env, total, suppressPerExpression };
  const structuralOk = structural.length === 0;
  walkSchema(schema, path, openapi, structuralOk ? cel : undefined);
  return [...structural, ...openapi, ...cel.errors, ...(structuralOk ? total.errors(path) : [])];
}

// validation.go `findVersionsWithUnchangedSchemas`: on update, the versions whose schema is the
// stored one's (their rules are not held to the per-expression cost limit again).
function unchangedSchemas(
  crd: Record<string, unknown>,
  old: Record<string, unknown> | undefined,
): Set<unknown> {
  const names = new Set<unknown>();
  if (!old) return names;
  const schemaOf = (c: Record<string, unknown>, name: unknown) => {
    const spec = isRecord(c.spec) ? c.spec : {};
    const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
    const version = versions.find((v) => v.name === name);
    return version && isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
  };
  const spec = isRecord(crd.spec) ? crd.spec : {};
  for (const version of Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : []) {
    const schema = schemaOf(crd, version.name);
    if (schema !== undefined && deepEqual(schema, schemaOf(old, version.name))) {
      names.add(version.name);
    }
  }
  return names;
}

// The rules and message expressions anywhere in a stored CRD's schemas: these compile with every
// library of the server's minor (apiextensions validation.go `preexistingExpressions`).
function ruleSources(crd: Record<string, unknown> | undefined): Set<string> {
  const sources = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isRecord(value)) return;
    const rules = value["x-kubernetes-validations"];
    if (Array.isArray(rules)) {
      for (const rule of rules) {
        if (!isRecord(rule)) continue;
        if (typeof rule.rule === "string") sources.add(rule.rule);
        if (typeof rule.messageExpression === "string") sources.add(rule.messageExpression);
      }
    }
    for (const child of Object.values(value)) if (typeof child === "object") visit(child);
  };
  if (crd) visit(crd.spec);
  return sources;
}
