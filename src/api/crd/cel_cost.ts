// A bound on what one CEL evaluation can cost, from the shape of its expression and the size of its input.
//
// kube-apiserver counts every operation cel-go runs and cancels a rule past `PerCallLimit`
// (1,000,000; k8s.io/apiserver pkg/apis/cel/config.go), after refusing at CRD write time rules
// whose worst case exceeds its static limit. @bufbuild/cel has no counter and cannot be
// interrupted, so fkas refuses to start an evaluation whose worst case could exceed the limit:
// expression nodes × longest list or map ^ (comprehension nesting depth) + input size.
// `self.all(x, self.all(y, ...))` over 10,000 items is refused before it runs, never left to spin;
// the same over a Gateway's 64 listeners costs about 80,000 and runs.

/** The shape of a parsed expression that its cost depends on. */
export interface ExprShape {
  /** Expression nodes (a bound on the work per input element). */
  readonly nodes: number;
  /** Deepest nesting of comprehensions (`all`, `exists`, `map`, `filter`, ...). */
  readonly depth: number;
}

/** k8s.io/apiserver pkg/apis/cel/config.go `PerCallLimit`. */
export const PER_CALL_LIMIT = 1_000_000;

interface Node {
  exprKind?: { case?: string; value?: unknown };
}

/** Measures a parsed expression (`parse(...).expr`). */
export function shapeOf(expr: unknown): ExprShape {
  let nodes = 0;
  const visit = (value: unknown): number => {
    if (typeof value !== "object" || value === null) return 0;
    if (Array.isArray(value)) return Math.max(0, ...value.map(visit));
    const node = value as Node;
    let depth = 0;
    if (node.exprKind) {
      nodes++;
      if (node.exprKind.case === "comprehensionExpr") depth = 1;
    }
    let inner = 0;
    for (const [key, child] of Object.entries(value)) {
      if (key === "$typeName" || typeof child !== "object") continue;
      inner = Math.max(inner, visit(child));
    }
    return depth + inner;
  };
  const depth = visit(expr);
  return { nodes, depth };
}

/** How big a rule's input is: all its units, and its longest list or map. */
export interface InputSize {
  nodes: number;
  longest: number;
}

/** The worst-case cost of evaluating an expression of `shape` over `input`. */
export function worstCase(shape: ExprShape, input: InputSize): number {
  return shape.nodes * Math.max(1, input.longest) ** shape.depth + input.nodes;
}
