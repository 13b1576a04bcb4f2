// The cost limits of a CRD's CEL rules: per expression, and for the whole schema of a version.
//
// Source: k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go at
// v0.36.3 (same in v0.29.6): `StaticEstimatedCostLimit`, `StaticEstimatedCRDCostLimit`,
// `getExpressionCost`, `getCostErrorMessage`, the per-rule checks after `cel.Compile`, and
// cel_validation.go (`CELSchemaContext.MaxCardinality`, `TotalCost`). A rule's cost is its
// estimated cost (cel_cost_estimate.ts) times how often it may run: the product of the maxItems
// and maxProperties above it, or, under an unbounded list or map, as often as its smallest value
// fits in a 3 MiB request.

import type { Expr } from "./cel_cost_types.ts";
import { estimateMaxCost } from "./cel_cost_estimate.ts";
import { mulU64 } from "./cel_cost_math.ts";
import { type DeclType, maxCardinality } from "./cel_decl_type.ts";
import type { FieldError } from "./field_error.ts";
import type { SchemaProps } from "./schema_props.ts";

/** validation.go `StaticEstimatedCostLimit`: one expression. */
export const STATIC_ESTIMATED_COST_LIMIT = 10_000_000;
/** validation.go `StaticEstimatedCRDCostLimit`: every expression of one schema. */
export const STATIC_ESTIMATED_CRD_COST_LIMIT = 100_000_000;

const MAX_U64 = 2 ** 64 - 1;

/** `TotalCost`: the sum over a schema, and its (up to four) most expensive expressions. */
export class TotalCost {
  total = 0;
  readonly mostExpensive: { path: string; cost: number }[] = [];

  /** `ObserveExpressionCost`. */
  observe(path: string, cost: number): void {
    this.total = MAX_U64 - this.total < cost ? MAX_U64 : this.total + cost;
    // Expressions under 1% of the limit are not named.
    if (cost < STATIC_ESTIMATED_CRD_COST_LIMIT / 100) return;
    this.mostExpensive.push({ path, cost });
    this.mostExpensive.sort((a, b) => b.cost - a.cost);
    this.mostExpensive.splice(4);
  }

  /** The errors of a schema whose total exceeds the limit, `schemaPath` naming its root. */
  errors(schemaPath: string): FieldError[] {
    if (this.total <= STATIC_ESTIMATED_CRD_COST_LIMIT) return [];
    return [
      ...this.mostExpensive.map(({ path }): FieldError => ({
        type: "FieldValueForbidden",
        field: path,
        detail:
          "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema",
      })),
      {
        type: "FieldValueForbidden",
        field: schemaPath,
        detail: costErrorMessage(
          "x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema",
          this.total,
          STATIC_ESTIMATED_CRD_COST_LIMIT,
        ),
      },
    ];
  }
}

/** Where a rule sits, for its cost. */
export interface CostScope {
  readonly total: TotalCost;
  /** The product of maxItems/maxProperties above, or null below an unbounded list or map. */
  readonly cardinality: number | null;
  /** The node's declaration (`self`), or undefined when CEL cannot see it. */
  readonly decl: DeclType | undefined;
  /** An update that leaves this version's schema unchanged skips the per-expression limit. */
  readonly suppressPerExpression: boolean;
  /** The Kubernetes minor whose estimator applies. */
  readonly minor: number;
}

/** The cardinality of a child of `s`, as `CELSchemaContext.childContext` multiplies it. */
export function childCardinality(s: SchemaProps, cardinality: number | null): number | null {
  if (cardinality === null) return null;
  const max = maxElements(s);
  return max === undefined ? null : mulU64(cardinality, max);
}

function maxElements(s: SchemaProps): number | undefined {
  switch (s.type) {
    case "object":
      if (s.additionalProperties !== undefined) {
        return typeof s.maxProperties === "number" ? Math.max(0, s.maxProperties) : undefined;
      }
      return 1;
    case "array":
      return typeof s.maxItems === "number" ? Math.max(0, s.maxItems) : undefined;
    default:
      return 1;
  }
}

/**
 * Charges a compiled rule (`field` is "rule" or "messageExpression") to the scope's total and
 * returns its error when it alone exceeds the limit. A rule is multiplied by its cardinality; a
 * message expression is not (validation.go charges `MessageExpressionMaxCost` as it is).
 */
export function expressionCostErrors(
  expr: Expr,
  path: string,
  field: "rule" | "messageExpression",
  scope: CostScope,
): FieldError[] {
  if (!scope.decl) return [];
  const maxCost = estimateMaxCost(expr, scope.decl, scope.minor);
  if (maxCost === undefined) return [];
  const cost = field === "messageExpression"
    ? maxCost
    : maxCost === 0
    ? 0
    : mulU64(maxCost, scope.cardinality ?? maxCardinality(scope.decl.minSize));
  const errors: FieldError[] = [];
  if (!scope.suppressPerExpression && cost > STATIC_ESTIMATED_COST_LIMIT) {
    errors.push({
      type: "FieldValueForbidden",
      field: `${path}.${field}`,
      detail: costErrorMessage(
        field === "rule" ? "estimated rule cost" : "estimated messageExpression cost",
        cost,
        STATIC_ESTIMATED_COST_LIMIT,
      ),
    });
  }
  scope.total.observe(`${path}.${field}`, cost);
  return errors;
}

/** `getCostErrorMessage`: the factor with Go's %f under 1.5, %.1f up to 100, then "more than 100x". */
export function costErrorMessage(name: string, cost: number, limit: number): string {
  const factor = cost / limit;
  const shown = factor > 100
    ? "more than 100x"
    : factor < 1.5
    ? `${factor.toFixed(6)}x`
    : `${factor.toFixed(1)}x`;
  return `${name} exceeds budget by factor of ${shown} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}
