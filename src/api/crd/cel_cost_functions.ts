// What one call costs at most: Kubernetes' estimates for its libraries first, then cel-go's for the standard ones.
//
// Sources: k8s.io/apiserver pkg/cel/library/cost.go `EstimateCallCost` (v0.36.3; matched by
// function name, added to the arguments' cost) and cel-go v0.26.0 checker/cost.go
// `functionCost` (matched by overload). Anything else costs 1 plus its arguments. `undefined`
// for a Kubernetes function whose estimate this port leaves out.

import type { Expr } from "./cel_cost_types.ts";
import {
  add,
  byFactor,
  fixed,
  MAX_U64,
  multiply,
  type Range,
  union,
  UNKNOWN,
} from "./cel_cost_math.ts";
import type { CelT } from "./cel_cost_types.ts";

/** An argument or target as the estimators see it (cel-go's AstNode). */
export interface CostNode {
  readonly expr?: Expr;
  /** The path from `self` through fields, `@items`, `@keys` and `@values`; empty if none. */
  readonly path: readonly string[];
  readonly type: CelT;
  /** The size known from the expression itself (`ComputedSize`). */
  readonly computed?: Range;
}

/** The sizes of a list's or map's keys and values (cel-go's entrySizeEstimate). */
export interface Entry {
  readonly container: "list" | "map";
  readonly key: Range;
  readonly val: Range;
}

/** One call to estimate. */
export interface Call {
  readonly fn: string;
  readonly overload: string;
  readonly target?: CostNode;
  readonly args: readonly CostNode[];
  readonly argCosts: readonly Range[];
}

/** What the estimators need from the coster. */
export interface CostContext {
  /** library.CostEstimator.sizeEstimate: computed size, else the path's, else unknown. */
  sizeOf(node: CostNode): Range;
  entryOf(node: CostNode): Entry | undefined;
  /** Records the entry sizes of the call's result. */
  setEntry(entry: Entry | undefined): void;
  /** listElementNode: a list's items, with the path to them. */
  elementNode(node: CostNode): CostNode | undefined;
}

/** A call's cost (its arguments included, its target not) and the size of its result. */
export interface CallEstimate {
  readonly cost: Range;
  readonly resultSize?: Range;
}

/** The functions k8s.io/apiserver pkg/cel/library/cost.go estimates as here only since v0.34. */
export const LIBRARY_CHANGED_IN_1_34 = new Set([
  "url",
  "cidr",
  "isIP",
  "isCIDR",
  "ip",
  "ip.isCanonical",
  "containsIP",
  "containsCIDR",
  "masked",
  "prefixLength",
  "family",
  "isUnspecified",
  "isLoopback",
  "isLinkLocalMulticast",
  "isLinkLocalUnicast",
  "isGlobalUnicast",
  "quantity",
  "isQuantity",
  "semver",
  "isSemver",
  "sign",
  "asInteger",
  "isInteger",
  "asApproximateFloat",
  "isGreaterThan",
  "isLessThan",
  "compareTo",
  "add",
  "sub",
  "major",
  "minor",
  "patch",
  "getScheme",
  "getHostname",
  "getHost",
  "getPort",
  "getEscapedPath",
  "getQuery",
]);

const TRAVERSAL = 0.1; // common.StringTraversalCostFactor
const REGEX = 0.25; // common.RegexStringLengthCostFactor

/** The estimate of one call. */
export function functionCost(call: Call, ctx: CostContext): CallEstimate | undefined {
  const argSum = call.argCosts.reduce(add, fixed(0));
  const kube = kubeEstimate(call, ctx);
  if (kube === null) return undefined;
  if (kube) return { cost: add(kube.cost, argSum), resultSize: kube.resultSize };
  const own = (node: CostNode) => node.computed ?? UNKNOWN;
  const { args, target } = call;
  switch (call.overload) {
    case "string_format":
      return { cost: add(byFactor(own(target!), TRAVERSAL), argSum) };
    case "string_to_bytes": {
      const size = own(args[0]);
      return {
        cost: add(byFactor(size, TRAVERSAL), argSum),
        resultSize: { min: size.min, max: Math.min(MAX_U64, size.max * 4) },
      };
    }
    case "bytes_to_string": {
      const size = own(args[0]);
      return {
        cost: add(byFactor(size, TRAVERSAL), argSum),
        resultSize: { min: Math.floor(size.min / 4), max: size.max },
      };
    }
    case "starts_with_string":
      return { cost: add(byFactor(own(args[0]), TRAVERSAL), argSum) };
    case "in_list":
      return { cost: add(byFactor(own(args[1]), 1), argSum) };
    case "matches_string": {
      const text = byFactor(add(own(target!), fixed(1)), TRAVERSAL);
      const regex = byFactor(own(args[0]), REGEX);
      return { cost: add(multiply(text, regex), argSum) };
    }
    case "contains_string":
      return {
        cost: add(
          multiply(byFactor(own(target!), TRAVERSAL), byFactor(own(args[0]), TRAVERSAL)),
          argSum,
        ),
      };
    case "logical_and":
    case "logical_or": {
      const [lhs, rhs] = call.argCosts;
      return { cost: { min: lhs.min, max: add(lhs, rhs).max } };
    }
    case "conditional": {
      const size = union(own(args[1]), own(args[2]));
      const a = ctx.entryOf(args[1]);
      const b = ctx.entryOf(args[2]);
      ctx.setEntry(a && b ? unionEntry(a, b) : undefined);
      const [condition, ifTrue, ifFalse] = call.argCosts;
      return { cost: add(condition, union(ifTrue, ifFalse)), resultSize: size };
    }
    case "add_string":
    case "add_bytes":
    case "add_list": {
      const size = add(own(args[0]), own(args[1]));
      const a = ctx.entryOf(args[0]);
      const b = ctx.entryOf(args[1]);
      if (a && b) ctx.setEntry(unionEntry(a, b));
      const cost = call.overload === "add_list" ? fixed(1) : byFactor(size, TRAVERSAL);
      return { cost: add(cost, argSum), resultSize: size };
    }
    case "compare_string":
    case "compare_bytes":
    case "equals":
    case "not_equals": {
      const smallest = Math.min(own(args[0]).max, own(args[1]).max);
      const range = { min: smallest > 0 ? 1 : 0, max: smallest };
      return { cost: add(byFactor(range, TRAVERSAL), argSum) };
    }
  }
  return { cost: add(fixed(1), argSum) };
}

function unionEntry(a: Entry, b: Entry): Entry {
  return { container: a.container, key: union(a.key, b.key), val: union(a.val, b.val) };
}

const NOMINAL = new Set([
  "masked",
  "prefixLength",
  "family",
  "isUnspecified",
  "isLoopback",
  "isLinkLocalMulticast",
  "isLinkLocalUnicast",
  "isGlobalUnicast",
  "sign",
  "asInteger",
  "isInteger",
  "asApproximateFloat",
  "isGreaterThan",
  "isLessThan",
  "compareTo",
  "add",
  "sub",
  "major",
  "minor",
  "patch",
  "getScheme",
  "getHostname",
  "getHost",
  "getPort",
  "getEscapedPath",
  "getQuery",
]);

// EstimateCallCost: an estimate, undefined where it has none (cel-go's then applies), or null
// where this port leaves Kubernetes' estimate out.
function kubeEstimate(call: Call, ctx: CostContext): CallEstimate | undefined | null {
  const { fn, target, args } = call;
  const size = (node: CostNode) => ctx.sizeOf(node);
  if (NOMINAL.has(fn)) return { cost: fixed(1) };
  switch (fn) {
    case "isSorted":
    case "sum":
    case "max":
    case "min":
    case "indexOf":
    case "lastIndexOf": {
      if (!target) return undefined;
      const elem = ctx.elementNode(target);
      if (!elem) return { cost: byFactor(size(target), TRAVERSAL) };
      let each = fixed(1);
      if (elem.type.k === "string" || elem.type.k === "bytes") {
        each = add(each, byFactor(size(elem), TRAVERSAL));
      }
      return { cost: multiply(size(target), each) };
    }
    case "url":
      if (args.length !== 1) return undefined;
      return { cost: byFactor(size(args[0]), TRAVERSAL), resultSize: size(args[0]) };
    case "lowerAscii":
    case "upperAscii":
    case "substring":
    case "trim":
      if (!target) return undefined;
      return { cost: byFactor(size(target), TRAVERSAL), resultSize: size(target) };
    case "replace":
      return target && args.length >= 2
        ? replaceEstimate(size(target), size(args[0]), size(args[1]))
        : undefined;
    case "split": {
      if (!target) return undefined;
      const sz = size(target);
      let max = sz.max;
      const limit = args[1]?.expr?.exprKind;
      if (limit?.case === "constExpr" && limit.value.constantKind.case === "int64Value") {
        max = Number(limit.value.constantKind.value);
      }
      return { cost: byFactor(sz, 2 * TRAVERSAL), resultSize: { min: 0, max } };
    }
    case "join":
      return target ? joinEstimate(target, args, ctx) : undefined;
    case "find":
    case "findAll": {
      if (!target || args.length < 1) return undefined;
      const sz = size(target);
      const text = byFactor(add(sz, fixed(1)), TRAVERSAL);
      return {
        cost: multiply(text, byFactor(size(args[0]), REGEX)),
        resultSize: { min: 0, max: sz.max },
      };
    }
    case "cidr":
    case "isIP":
    case "isCIDR":
    case "quantity":
    case "isQuantity":
    case "semver":
    case "isSemver":
      return args.length >= 1 ? { cost: byFactor(size(args[0]), TRAVERSAL) } : undefined;
    case "ip":
      if (call.overload === "cidr_ip") return { cost: fixed(1) };
      return args.length >= 1 ? { cost: byFactor(size(args[0]), TRAVERSAL) } : undefined;
    case "ip.isCanonical":
      return args.length >= 1 ? { cost: byFactor(size(args[0]), 2 * TRAVERSAL) } : undefined;
    case "containsIP":
    case "containsCIDR":
      return args.length >= 1 ? containsEstimate(call, ctx) : undefined;
    case "_==_":
      return equalsEstimate(args);
    case "check":
    case "validate":
    case "format.named":
    case "fieldSelector":
    case "labelSelector":
      return null;
  }
  return undefined;
}

function replaceEstimate(sz: Range, from: Range, to: Range): CallEstimate {
  let countMax: number, countMin: number, keptMax = 0, keptMin = 0;
  if (from.min === 0) {
    countMax = sz.max < MAX_U64 ? sz.max + 1 : sz.max;
    keptMax = sz.max;
  } else if (to.max <= from.min) {
    countMax = 0;
    keptMax = sz.max;
  } else countMax = Math.ceil(sz.max / from.min);
  if (from.max === 0) {
    countMin = sz.min < MAX_U64 ? sz.min + 1 : sz.min;
    keptMin = sz.min;
  } else if (from.max <= to.min) {
    countMin = 0;
    keptMin = sz.min;
  } else countMin = Math.ceil(sz.min / from.max);
  const resultSize = add(multiply({ min: countMin, max: countMax }, to), {
    min: keptMin,
    max: keptMax,
  });
  return { cost: byFactor(sz, 2 * TRAVERSAL), resultSize };
}

function joinEstimate(target: CostNode, args: readonly CostNode[], ctx: CostContext): CallEstimate {
  let sz = fixed(0);
  const list = ctx.sizeOf(target);
  const elem = ctx.elementNode(target);
  if (elem) sz = multiply(list, ctx.sizeOf(elem));
  if (args.length > 0) {
    const separators = {
      min: list.min > 0 ? list.min - 1 : 0,
      max: list.max > 0 ? list.max - 1 : 0,
    };
    sz = add(sz, multiply(ctx.sizeOf(args[0]), separators));
  }
  return { cost: byFactor(sz, TRAVERSAL), resultSize: sz };
}

function containsEstimate(call: Call, ctx: CostContext): CallEstimate {
  // Two IPs compared byte by byte: 4 or 16 bytes each.
  const bytes = { min: 4, max: 16 };
  let cost = byFactor(add(bytes, bytes), TRAVERSAL);
  if (call.fn === "containsCIDR") cost = add(add(cost, byFactor(bytes, TRAVERSAL)), fixed(1));
  if (call.args[0].type.k === "string") {
    cost = add(cost, byFactor(ctx.sizeOf(call.args[0]), TRAVERSAL));
  }
  return { cost };
}

// Equality of Kubernetes types is O(1); a URL's is left out; anything else is cel-go's.
function equalsEstimate(args: readonly CostNode[]): CallEstimate | undefined | null {
  if (args.length !== 2) return undefined;
  const [lhs, rhs] = args;
  if (lhs.type.k !== "opaque" || rhs.type.k !== "opaque" || lhs.type.name !== rhs.type.name) {
    return undefined;
  }
  return lhs.type.name === "kubernetes.URL" ? null : { cost: fixed(1) };
}
