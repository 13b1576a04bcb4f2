// The worst-case cost of a CEL rule as kube-apiserver estimates it when a CRD is written.
//
// A port of cel-go v0.26.0 checker/cost.go (`coster`: paths through the declared types, sizes of
// literals, call results and comprehension variables), with apiextensions' size estimator
// (pkg/apiserver/schema/cel/compilation.go `sizeEstimator`: a path's DeclType.MaxElements) and
// k8s.io/apiserver pkg/cel/library/cost.go (`EstimateCallCost`) through cel_cost_functions.ts.
// Older minors differ, and are estimated only where they agree with this port: 1.29–1.32 run
// cel-go v0.17–v0.22, whose coster tracks no sizes of local variables or built containers (no
// cel.bind, no comprehension over anything but a schema value); before 1.34 Kubernetes' library
// estimated its network, quantity, semver and URL functions otherwise (none of them here).
// `undefined` whenever the rule uses what this port does not know: the CRD is then never
// refused for cost.

import type { Expr } from "./cel_cost_types.ts";
import { add, fixed, MAX_U64, multiply, type Range, union, UNKNOWN } from "./cel_cost_math.ts";
import { type CelT, celTypeOf, fieldType, listOf, mapOf, resolveCall } from "./cel_cost_types.ts";
import * as T from "./cel_cost_types.ts";
import {
  type CostNode,
  type Entry,
  functionCost,
  LIBRARY_CHANGED_IN_1_34,
} from "./cel_cost_functions.ts";
import { constType, literalSize, SCALARS, TYPE_NAMES } from "./cel_cost_literals.ts";
import type { DeclType } from "./cel_decl_type.ts";

class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported();
}

interface LocalVar {
  readonly path?: readonly string[];
  readonly size?: Range;
  readonly entry?: Entry;
  readonly type: CelT;
}

// parser.AccumulatorName and HiddenAccumulatorName: results are no path into the schema.
const ACCUMULATORS = new Set(["__result__", "@result"]);

/**
 * The estimated maximum cost of `expr` with `self` (and `oldSelf`) declared as `root`, as the
 * kube-apiserver of `minor` estimates it.
 */
export function estimateMaxCost(expr: Expr, root: DeclType, minor: number): number | undefined {
  try {
    return new Coster(root, minor).cost(expr).max;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Coster {
  readonly #paths = new Map<bigint, readonly string[]>();
  readonly #sizes = new Map<bigint, Range>();
  readonly #entries = new Map<bigint, Entry>();
  readonly #types = new Map<bigint, CelT>();
  readonly #locals = new Map<string, LocalVar[]>();
  readonly #rootType: CelT;

  constructor(readonly root: DeclType, readonly minor: number) {
    this.#rootType = celTypeOf(root);
  }

  cost(e: Expr): Range {
    const kind = e.exprKind;
    switch (kind.case) {
      case "constExpr":
        this.#types.set(e.id, constType(kind.value.constantKind.case) ?? unsupported());
        return fixed(0);
      case "identExpr":
        return this.#ident(e, kind.value.name);
      case "selectExpr":
        return this.#select(e, kind.value.operand!, kind.value.field, kind.value.testOnly);
      case "callExpr":
        return this.#call(e, kind.value.function, kind.value.target, kind.value.args);
      case "listExpr":
        return this.#list(e, kind.value.elements);
      case "structExpr":
        return this.#map(e, kind.value);
      case "comprehensionExpr":
        return this.#comprehension(e, kind.value);
    }
    throw new Unsupported();
  }

  #ident(e: Expr, name: string): Range {
    const local = this.#peek(name);
    if (local) {
      if (local.path) this.#paths.set(e.id, local.path);
      this.#types.set(e.id, local.type);
    } else {
      // Any other name is a path of its own, whose first element the size estimator skips
      // as it skips `self`: `int` in `type(x) == int` is sized as the rule's node.
      const type = name === "self" || name === "oldSelf"
        ? this.#rootType
        : TYPE_NAMES.has(name)
        ? T.TYPE
        : undefined;
      if (!type) throw new Unsupported();
      this.#paths.set(e.id, [name]);
      this.#types.set(e.id, type);
    }
    return fixed(1);
  }

  #select(e: Expr, operand: Expr, field: string, testOnly: boolean): Range {
    // Kubernetes estimates has() as free (environment/base.go PresenceTestHasCost(false)).
    let sum = this.cost(operand);
    const type = this.#type(operand);
    if (testOnly) {
      this.#types.set(e.id, T.BOOL);
      return sum;
    }
    if (type.k === "struct") {
      this.#types.set(e.id, fieldType(type, field) ?? unsupported());
    } else if (type.k === "map") this.#types.set(e.id, type.elem!);
    else if (type.k === "dyn") this.#types.set(e.id, T.DYN);
    else throw new Unsupported();
    if (type.k === "struct" || type.k === "map") sum = add(sum, fixed(1));
    this.#paths.set(e.id, [...this.#path(operand), field]);
    return sum;
  }

  #call(e: Expr, fn: string, target: Expr | undefined, args: readonly Expr[]): Range {
    if (fn === "dyn" && args.length === 1 && !target) {
      const argCost = this.cost(args[0]);
      this.#copySizes(e, args[0]);
      this.#types.set(e.id, T.DYN);
      return add(fixed(1), argCost);
    }
    const argCosts = args.map((arg) => this.cost(arg));
    const argNodes = args.map((arg) => this.#node(arg));
    let sum = fixed(0);
    let targetNode: CostNode | undefined;
    if (target) {
      sum = add(sum, this.cost(target));
      targetNode = this.#node(target);
    }
    const resolved = resolveCall(fn, targetNode?.type, argNodes.map((n) => n.type));
    if (!resolved) throw new Unsupported();
    if (this.minor < 34 && LIBRARY_CHANGED_IN_1_34.has(fn)) throw new Unsupported();
    if (this.minor < 34 && fn === "_==_" && argNodes[0].type.k === "opaque") {
      throw new Unsupported();
    }
    this.#types.set(e.id, resolved.type);
    const estimate = functionCost(
      { fn, overload: resolved.overload, target: targetNode, args: argNodes, argCosts },
      {
        sizeOf: (node) => this.#sizeOfNode(node),
        entryOf: (node) => node.expr ? this.#entry(node.expr) : undefined,
        setEntry: (entry) => entry && this.#entries.set(e.id, entry),
        elementNode: (node) => this.#elementNode(node),
      },
    );
    if (!estimate) throw new Unsupported();
    let resultSize = estimate.resultSize;
    if (resolved.overload === "index_list" || resolved.overload === "index_map") {
      resultSize = this.#entry(args[0])?.val;
      this.#paths.set(
        e.id,
        [...this.#path(args[0]), resolved.overload === "index_list" ? "@items" : "@values"],
      );
    }
    resultSize ??= this.#size(e);
    if (resultSize) this.#sizes.set(e.id, resultSize);
    return add(sum, estimate.cost);
  }

  #list(e: Expr, elements: readonly Expr[]): Range {
    let sum = fixed(0);
    let item: Range = { min: elements.length === 0 ? 0 : MAX_U64, max: 0 };
    let elem: CelT = T.DYN;
    for (const element of elements) {
      sum = add(sum, this.cost(element));
      item = union(item, this.#size(element) ?? UNKNOWN);
      elem = this.#type(element);
    }
    this.#entries.set(e.id, { container: "list", key: fixed(1), val: item });
    this.#types.set(e.id, listOf(elem));
    return add(sum, fixed(10));
  }

  #map(e: Expr, value: Extract<Expr["exprKind"], { case: "structExpr" }>["value"]): Range {
    if (value.messageName !== "") throw new Unsupported();
    let sum = fixed(0);
    const empty = value.entries.length === 0 ? 0 : MAX_U64;
    let key: Range = { min: empty, max: 0 };
    let val: Range = { min: empty, max: 0 };
    let types: [CelT, CelT] = [T.DYN, T.DYN];
    for (const entry of value.entries) {
      if (entry.keyKind.case !== "mapKey" || !entry.value || entry.optionalEntry) {
        throw new Unsupported();
      }
      sum = add(add(sum, this.cost(entry.keyKind.value)), this.cost(entry.value));
      key = union(key, this.#size(entry.keyKind.value) ?? UNKNOWN);
      val = union(val, this.#size(entry.value) ?? UNKNOWN);
      types = [this.#type(entry.keyKind.value), this.#type(entry.value)];
    }
    this.#entries.set(e.id, { container: "map", key, val });
    this.#types.set(e.id, mapOf(...types));
    return add(sum, fixed(30));
  }

  #comprehension(
    e: Expr,
    c: Extract<Expr["exprKind"], { case: "comprehensionExpr" }>["value"],
  ): Range {
    const range = c.iterRange!;
    const isBind = range.exprKind.case === "listExpr" &&
      range.exprKind.value.elements.length === 0 &&
      c.loopCondition?.exprKind.case === "constExpr" &&
      c.loopCondition.exprKind.value.constantKind.value === false && !ACCUMULATORS.has(c.accuVar);
    let sum = add(this.cost(range), this.cost(c.accuInit!));
    if (this.minor < 33 && (isBind || !SCHEMA_ROOTS.has(this.#path(range)[0]))) {
      throw new Unsupported();
    }
    this.#pushLocal(c.accuVar, c.accuInit!);
    if (isBind) {
      sum = add(sum, this.cost(c.result!));
      this.#pop(c.accuVar);
      this.#copySizes(e, c.result!);
      this.#types.set(e.id, this.#type(c.result!));
      return sum;
    }
    if (c.iterVar2) throw new Unsupported();
    this.#pushIter(c.iterVar, range);
    const loop = this.cost(c.loopCondition!);
    const step = this.cost(c.loopStep!);
    this.#pop(c.iterVar);
    sum = add(sum, this.cost(c.result!));
    this.#pop(c.accuVar);
    const count = this.#size(range) ?? UNKNOWN;
    sum = add(sum, multiply(count, add(step, loop)));
    const init = c.accuInit!.exprKind.case;
    if (init === "constExpr") {
      const size = this.#size(c.accuInit!);
      if (size) this.#sizes.set(e.id, size);
    } else if (init === "listExpr" || init === "structExpr") {
      this.#sizes.set(e.id, count);
      const entry = this.#entry(c.loopStep!);
      if (entry) this.#entries.set(e.id, entry);
    }
    // map() and filter() build their list in the step: its type is the result's.
    const resultType = this.#type(c.result!);
    this.#types.set(e.id, resultType.k === "list" ? this.#type(c.loopStep!) : resultType);
    return sum;
  }

  // pushIterSingle: a list's items (`@items`) or a map's keys (`@keys`).
  #pushIter(name: string, range: Expr): void {
    const entry = this.#entry(range);
    const type = this.#type(range);
    const container = entry?.container ?? (type.k === "list" ? "list" : "map");
    const elemType = type.k === "list" ? type.elem! : type.k === "map" ? type.key! : T.DYN;
    this.#push(name, {
      path: [...this.#path(range), container === "list" ? "@items" : "@keys"],
      size: container === "list" ? entry?.val : entry?.key,
      type: elemType,
    });
  }

  #pushLocal(name: string, e: Expr): void {
    this.#push(name, {
      path: this.#path(e),
      size: this.#size(e),
      entry: this.#entry(e),
      type: this.#type(e),
    });
  }

  #push(name: string, local: LocalVar): void {
    const stack = this.#locals.get(name) ?? [];
    stack.push(local);
    this.#locals.set(name, stack);
  }

  #pop(name: string): void {
    this.#locals.get(name)?.pop();
  }

  #peek(name: string): LocalVar | undefined {
    const stack = this.#locals.get(name);
    return stack && stack.length > 0 ? stack[stack.length - 1] : undefined;
  }

  #type(e: Expr): CelT {
    const type = this.#types.get(e.id);
    if (!type) throw new Unsupported();
    return type;
  }

  #path(e: Expr): readonly string[] {
    if (e.exprKind.case === "identExpr") {
      const local = this.#peek(e.exprKind.value.name);
      if (local) return local.path ?? [];
    }
    return this.#paths.get(e.id) ?? [];
  }

  #node(e: Expr): CostNode {
    let path = this.#path(e);
    if (path.length > 0 && ACCUMULATORS.has(path[0])) path = [];
    return { expr: e, path, type: this.#type(e), computed: this.#size(e) };
  }

  #elementNode(node: CostNode): CostNode | undefined {
    if (node.type.k !== "list") return undefined;
    const path = node.path.length > 0 ? [...node.path, "@items"] : [];
    return { path, type: node.type.elem! };
  }

  // library.CostEstimator.sizeEstimate: the node's computed size, else its path's.
  #sizeOfNode(node: CostNode): Range {
    return node.computed ?? this.#estimateSize(node.path) ?? UNKNOWN;
  }

  // coster.computeSize.
  #size(e: Expr): Range | undefined {
    const computed = this.#sizes.get(e.id) ?? literalSize(e);
    if (computed) return computed;
    const estimated = this.#estimateSize(this.#path(e));
    if (estimated) {
      this.#sizes.set(e.id, estimated);
      return estimated;
    }
    const type = this.#types.get(e.id);
    if (type && SCALARS.has(type.k)) return fixed(1);
    if (e.exprKind.case === "identExpr") return this.#peek(e.exprKind.value.name)?.size;
    return undefined;
  }

  // compilation.go sizeEstimator.EstimateSize: the path's first element stands for self,
  // whatever it names.
  #estimateSize(path: readonly string[]): Range | undefined {
    if (path.length === 0) return undefined;
    let node: DeclType | undefined = this.root;
    for (const step of path.slice(1)) {
      if (step === "@items" || step === "@values") node = node.elem;
      else if (step === "@keys") node = node.key;
      else node = node.fields?.get(step);
      if (!node) return undefined;
    }
    return { min: 0, max: node.maxElements };
  }

  #entry(e: Expr): Entry | undefined {
    const entry = this.#entries.get(e.id);
    if (entry) return entry;
    if (e.exprKind.case === "identExpr") return this.#peek(e.exprKind.value.name)?.entry;
    return undefined;
  }

  #copySizes(to: Expr, from: Expr): void {
    const size = this.#size(from);
    if (size) this.#sizes.set(to.id, size);
    const entry = this.#entry(from);
    if (entry) this.#entries.set(to.id, entry);
  }
}

const SCHEMA_ROOTS = new Set<string | undefined>(["self", "oldSelf"]);
