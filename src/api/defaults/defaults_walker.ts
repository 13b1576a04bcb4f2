// Walks an object along its schema and calls each struct's defaulting, as zz_generated.defaults.go does.
//
// kube-apiserver's generated `SetObjectDefaults_<Kind>` visits, for every struct of the object,
// its `SetDefaults_<Struct>` function and its `+default=` fields, parent before children. Here the
// structure comes from the schema source (`src/api/schema/`) and the per-struct work from tables
// (`StructDefaults`), so a pod template inside a CronJob gets the PodSpec defaults without a line
// per kind. Which subtrees can reach a defaulted struct is computed once per schema source.

import type { SchemaSource } from "../schema/mod.ts";
import type { DefaultsContext } from "./defaults_context.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** A struct's defaulting: fields set when empty, then a function for conditional rules. */
export interface StructDefaults {
  /** Field → value set when the field is absent, null or "" (kube's zero value for strings). */
  readonly fill?: Readonly<Record<string, unknown>>;
  /** `SetDefaults_<Struct>`: runs before `fill` and before the struct's children, as upstream. */
  readonly apply?: (object: Loose, context: DefaultsContext) => void;
}

type Child = readonly [field: string, shape: "one" | "list" | "map", ref: string];

/** The per-struct rules and the schema they walk: a plan per schema source, built on first use. */
export class DefaultsWalker {
  readonly #rules: Readonly<Record<string, StructDefaults>>;
  readonly #plans = new WeakMap<SchemaSource, Map<string, readonly Child[] | null>>();

  constructor(rules: Readonly<Record<string, StructDefaults>>) {
    this.#rules = rules;
  }

  /** Defaults `object`, whose struct is `ref` (`core.v1.Pod`), in place. */
  walk(source: SchemaSource, ref: string, object: Loose, context: DefaultsContext): void {
    let plan = this.#plans.get(source);
    if (!plan) this.#plans.set(source, plan = new Map());
    this.#visit(source, plan, ref, object, context);
  }

  /** Whether any rule applies somewhere under struct `ref` (false: a write can skip the walk). */
  reaches(source: SchemaSource, ref: string): boolean {
    let plan = this.#plans.get(source);
    if (!plan) this.#plans.set(source, plan = new Map());
    return this.#children(source, plan, ref) !== null;
  }

  #visit(
    source: SchemaSource,
    plan: Map<string, readonly Child[] | null>,
    ref: string,
    object: Loose,
    context: DefaultsContext,
  ): void {
    if (object === null || typeof object !== "object" || Array.isArray(object)) return;
    const rule = this.#rules[ref];
    if (rule) {
      rule.apply?.(object, context);
      if (rule.fill) {
        for (const field in rule.fill) {
          const value = object[field];
          if (value === undefined || value === null || value === "") {
            object[field] = copyOf(rule.fill[field]);
          }
        }
      }
    }
    const children = this.#children(source, plan, ref);
    if (!children) return;
    for (const [field, shape, child] of children) {
      const value = object[field];
      if (value === undefined || value === null) continue;
      if (shape === "one") this.#visit(source, plan, child, value, context);
      else if (shape === "list") {
        if (Array.isArray(value)) {
          for (const item of value) this.#visit(source, plan, child, item, context);
        }
      } else if (typeof value === "object" && !Array.isArray(value)) {
        for (const key in value) this.#visit(source, plan, child, value[key], context);
      }
    }
  }

  // The fields of `ref` leading to a defaulted struct, or null when nothing under it is defaulted
  // (in progress: null, so a recursive type ends the search instead of looping).
  #children(
    source: SchemaSource,
    plan: Map<string, readonly Child[] | null>,
    ref: string,
  ): readonly Child[] | null {
    const known = plan.get(ref);
    if (known !== undefined) return known;
    plan.set(ref, null);
    const struct = source.struct(ref);
    const children: Child[] = [];
    for (const [field, entry] of Object.entries(struct?.fields ?? {})) {
      const code = entry[0];
      const shape = code.startsWith("[") ? "list" : code.startsWith("{") ? "map" : "one";
      const inner = shape === "one" ? code : code.slice(1);
      if (!inner.startsWith("#")) continue;
      const child = inner.slice(1);
      if (this.#rules[child] || this.#children(source, plan, child) !== null) {
        children.push([field, shape, child]);
      }
    }
    const result = children.length > 0 || this.#rules[ref] ? children : null;
    plan.set(ref, result);
    return result;
  }
}

// Fill values are JSON literals, mostly `{}` (`securityContext`, selectors): copied so that no two
// objects share one, the empty object without serializing.
function copyOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  for (const _ in value) return JSON.parse(JSON.stringify(value));
  return Array.isArray(value) ? [] : {};
}
