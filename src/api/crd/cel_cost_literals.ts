// Literals and names as cel-go's coster sizes and types them (checker/cost.go computeExprSize, isScalar).

import { fixed, type Range } from "./cel_cost_math.ts";
import * as T from "./cel_cost_types.ts";
import type { CelT, Expr } from "./cel_cost_types.ts";

/** The type names a rule may write as identifiers (`type(x) == int`). */
export const TYPE_NAMES = new Set([
  "int",
  "uint",
  "double",
  "bool",
  "string",
  "bytes",
  "list",
  "map",
  "null_type",
  "type",
]);
/** Types of a fixed size (1): `isScalar`. */
export const SCALARS = new Set(["bool", "double", "duration", "int", "timestamp", "uint"]);

/** computeExprSize: a literal's own size. */
export function literalSize(e: Expr): Range | undefined {
  const kind = e.exprKind;
  if (kind.case === "constExpr") {
    const constant = kind.value.constantKind;
    if (constant.case === "stringValue") return fixed([...constant.value].length);
    if (constant.case === "bytesValue") return fixed(constant.value.length);
    return constant.case === undefined ? undefined : fixed(1);
  }
  if (kind.case === "listExpr") return fixed(kind.value.elements.length);
  if (kind.case === "structExpr" && kind.value.messageName === "") {
    return fixed(kind.value.entries.length);
  }
  return undefined;
}

/** The type of a constant, or undefined for one the coster does not know. */
export function constType(kind: string | undefined): CelT | undefined {
  switch (kind) {
    case "stringValue":
      return T.STRING;
    case "int64Value":
      return T.INT;
    case "uint64Value":
      return T.UINT;
    case "doubleValue":
      return T.DOUBLE;
    case "boolValue":
      return T.BOOL;
    case "bytesValue":
      return T.BYTES;
    case "nullValue":
      return T.NULL;
  }
  return undefined;
}
