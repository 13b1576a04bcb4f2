// The OpenAPI-schema checks of a CRD: properties xor additionalProperties, list and map types, rules.
//
// Source: k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go at
// v0.36.0 (`ValidateCustomResourceDefinitionOpenAPISchema`: SchemaErrors in walk order, then
// CELErrors, the latter only for a structural schema). CEL is parsed, and the fields rules
// select on `self` checked against the schema (cel_field_check.ts); no full type check.

import { parse } from "@bufbuild/cel";
import { undefinedFields } from "./cel_field_check.ts";
import {
  type CelEnvironment,
  compileMinor,
  displayProblems,
  undeclaredFunctions,
} from "./cel_availability.ts";
import {
  childCardinality,
  type CostScope,
  expressionCostErrors,
  type TotalCost,
} from "./cel_cost_checks.ts";
import { declTypeOf } from "./cel_decl_type.ts";
import { type FieldError, type GoPrintable, notSupported } from "./field_error.ts";
import { isRecord, type SchemaProps, type ValidationRule } from "./schema_props.ts";

/** Where CEL compile and cost errors go, and the environment rules compile in. */
export interface CelChecks {
  readonly errors: FieldError[];
  readonly env: CelEnvironment;
  /** The schema's running cost total (validation.go `TotalCost`). */
  readonly total: TotalCost;
  /** The version's schema is unchanged by this update: no per-expression cost limit. */
  readonly suppressPerExpression: boolean;
}

const REASONS = [
  "FieldValueDuplicate",
  "FieldValueForbidden",
  "FieldValueInvalid",
  "FieldValueRequired",
];

/**
 * Appends the schema errors of `s` (and below) to `errors`, and CEL compile and cost errors to
 * `cel`; `cardinality` is how often `s` may occur (null: unbounded).
 */
export function walkSchema(
  s: SchemaProps,
  path: string,
  errors: FieldError[],
  cel: CelChecks | undefined,
  root = true,
  cardinality: number | null = 1,
): void {
  const before = errors.length;
  const below = childCardinality(s, cardinality);
  if (isRecord(s.additionalProperties) && s.properties && Object.keys(s.properties).length > 0) {
    errors.push({
      type: "FieldValueForbidden",
      field: `${path}.additionalProperties`,
      detail: "additionalProperties and properties are mutual exclusive",
    });
  }
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (isRecord(child)) {
      walkSchema(child, `${path}.properties[${key}]`, errors, cel, false, below);
    }
  }
  if (isRecord(s.additionalProperties)) {
    walkSchema(
      s.additionalProperties as SchemaProps,
      `${path}.additionalProperties`,
      errors,
      cel,
      false,
      below,
    );
  }
  if (isRecord(s.items)) walkSchema(s.items, `${path}.items`, errors, cel, false, below);
  listTypeErrors(s, path, errors);
  const rules = s["x-kubernetes-validations"];
  if (!Array.isArray(rules)) return;
  rules.forEach((rule, i) => ruleErrors(rule, `${path}.x-kubernetes-validations[${i}]`, errors));
  // CEL is compiled only where this node and those below have no schema errors.
  if (!cel || errors.length > before) return;
  const scope: CostScope = {
    total: cel.total,
    cardinality,
    decl: declTypeOf(s, root || s["x-kubernetes-embedded-resource"] === true, cel.env.minor),
    suppressPerExpression: cel.suppressPerExpression,
    minor: cel.env.minor,
  };
  rules.forEach((rule, i) =>
    ruleCelErrors(rule, `${path}.x-kubernetes-validations[${i}]`, cel, { s, root, scope })
  );
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

function ruleErrors(rule: ValidationRule, path: string, errors: FieldError[]): void {
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
}

// A rule's compile errors, and its cost once it compiles: the rule's, then its message
// expression's (compiled only after the rule compiles, as compilation.go `compileRule`).
function ruleCelErrors(
  rule: ValidationRule,
  path: string,
  cel: CelChecks,
  at: { s: SchemaProps; root: boolean; scope: CostScope },
): void {
  if (!isRecord(rule as unknown) || !rule.rule) return;
  for (
    const [field, source] of [["rule", rule.rule], [
      "messageExpression",
      rule.messageExpression,
    ]] as const
  ) {
    if (typeof source !== "string" || source === "") continue;
    let problem: string | undefined;
    let parsed: ReturnType<typeof parse> | undefined;
    try {
      parsed = parse(source);
      const problems = [
        ...undefinedFields(parsed, at.s, at.root, {
          source,
          selfType: selfTypeName(path, source),
        }),
        ...undeclaredFunctions(source, parsed, compileMinor(source, cel.env)),
      ];
      if (problems.length > 0) problem = displayProblems(source, problems);
    } catch (error) {
      problem = `ERROR: ${(error as Error).message}`;
    }
    if (problem) {
      cel.errors.push({
        type: "FieldValueInvalid",
        field: `${path}.${field}`,
        value: new GoValidationRule(rule),
        // compilation.go words the message expression's own failure with its name.
        detail: `${field === "rule" ? "" : "messageExpression "}compilation failed: ${problem}`,
      });
      // A rule that does not compile costs nothing, and its message expression is not compiled.
      if (field === "rule") return;
    } else if (parsed?.expr) {
      cel.errors.push(...expressionCostErrors(parsed.expr, path, field, at.scope));
    }
  }
}

// compilation.go names a rule's object type `selfType<time.Now().Nanosecond()>`; here a number
// of the same range drawn from the rule and its place, so that checks stay pure and repeatable.
function selfTypeName(path: string, source: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${path}\n${source}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return `selfType${(hash >>> 0) % 1_000_000_000}`;
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
