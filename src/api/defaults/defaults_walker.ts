// Walks an object along its schema and calls each struct's defaulting, as zz_generated.defaults.go does.
//
// kube-apiserver's generated `SetObjectDefaults_<Kind>` visits, for every struct of the object,
// its `SetDefaults_<Struct>` function and its `+default=` fields, parent before children. Here the
// structure comes from the schema source (`src/api/schema/`) and the per-struct work from tables
// (`StructDefaults`), so a pod template inside a CronJob gets the PodSpec defaults without a line
// per kind. Which subtrees can reach a defaulted struct is computed once per schema source.
// Shared parts are never changed: frozen ones (held by other objects and clusters) and those an
// update's body shares with the stored object (a patch keeps what it does not touch). A shared
// part defaulting would change is replaced by a defaulted copy; whether it would is known once
// per part, so a part that stays as it is is not walked again.

import { deepFreeze, putOwn } from "../../encoding/mod.ts";
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
  // Per shared part: by minor, shape and struct, the part itself or its defaulted (frozen) copy.
  readonly #sharedAnswers = new WeakMap<object, Map<string, unknown>>();

  constructor(rules: Readonly<Record<string, StructDefaults>>) {
    this.#rules = rules;
  }

  /**
   * Defaults `object`, whose struct is `ref` (`core.v1.Pod`), in place, but for its frozen parts
   * and those it shares with `context.stored`: each is kept or replaced by a defaulted copy.
   */
  walk(source: SchemaSource, ref: string, object: Loose, context: DefaultsContext): void {
    let plan = this.#plans.get(source);
    if (!plan) this.#plans.set(source, plan = new Map());
    this.#visit(source, plan, ref, object, context, context.stored, []);
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
    twin?: Loose,
    path: (string | number)[] = [],
  ): void {
    if (object === null || typeof object !== "object" || Array.isArray(object)) return;
    // The stored counterpart at the same place, if it is a JSON object.
    if (twin === null || typeof twin !== "object") twin = undefined;
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
      const stored = twin?.[field];
      if (typeof value === "object" && (value === stored || Object.isFrozen(value))) {
        const defaulted = this.#sharedDefaulted(source, plan, shape, child, value, context);
        if (defaulted !== value) {
          this.#replace(object, field, defaulted, value === stored, path, context);
        }
        continue;
      }
      path.push(field);
      if (shape === "one") this.#visit(source, plan, child, value, context, stored, path);
      else if (Array.isArray(value)) {
        if (shape === "list") {
          for (let i = 0; i < value.length; i++) {
            this.#item(source, plan, child, value, i, context, stored?.[i], path);
          }
        }
      } else if (shape === "map" && typeof value === "object") {
        for (const key in value) {
          this.#item(source, plan, child, value, key, context, stored?.[key], path);
        }
      }
      path.pop();
    }
  }

  // An item of a list or map: visited in place, or (shared) kept or replaced by a defaulted copy.
  #item(
    source: SchemaSource,
    plan: Map<string, readonly Child[] | null>,
    ref: string,
    parent: Loose,
    key: string | number,
    context: DefaultsContext,
    stored: Loose,
    path: (string | number)[],
  ): void {
    const item = parent[key];
    if (item === null || typeof item !== "object") return;
    if (item !== stored && !Object.isFrozen(item)) {
      path.push(key);
      this.#visit(source, plan, ref, item, context, stored, path);
      path.pop();
      return;
    }
    const defaulted = this.#sharedDefaulted(source, plan, "one", ref, item, context);
    if (defaulted !== item) this.#replace(parent, key, defaulted, item === stored, path, context);
  }

  // Puts a shared part's defaulted copy in its place; one the stored object holds at the same
  // place is reported (`context.replaced`): the write is compared with the stored object as
  // decoding gives it, with that part defaulted too, as kube-apiserver decodes it from etcd.
  #replace(
    parent: Loose,
    key: string | number,
    defaulted: unknown,
    stored: boolean,
    path: readonly (string | number)[],
    context: DefaultsContext,
  ): void {
    parent[key] = defaulted;
    if (stored) context.replaced?.([...path, key], copyJson(defaulted));
  }

  // A shared part (frozen: held by other objects and clusters, a seeded pod template; or the
  // stored object's, which a patch keeps where it changes nothing) is never written to: it is
  // kept when defaulting leaves it as it is, else replaced by a defaulted copy of it. Which of
  // the two is known once per part, minor and struct (defaults read only the object and the
  // minor; stored parts never change), so writes of objects holding it skip its walk.
  #sharedDefaulted(
    source: SchemaSource,
    plan: Map<string, readonly Child[] | null>,
    shape: Child[1],
    ref: string,
    shared: object,
    context: DefaultsContext,
  ): unknown {
    const key = `${context.minor}|${shape}|${ref}`;
    let answers = this.#sharedAnswers.get(shared);
    if (!answers) this.#sharedAnswers.set(shared, answers = new Map());
    let defaulted = answers.get(key);
    if (defaulted === undefined) {
      const copy: Loose = copyJson(shared);
      if (shape === "one") this.#visit(source, plan, ref, copy, context);
      else if (shape === "list") {
        if (Array.isArray(copy)) {
          for (const item of copy) this.#visit(source, plan, ref, item, context);
        }
      } else if (!Array.isArray(copy)) {
        for (const k in copy) this.#visit(source, plan, ref, copy[k], context);
      }
      defaulted = JSON.stringify(copy) === JSON.stringify(shared) ? shared : deepFreeze(copy);
      answers.set(key, defaulted);
    }
    // The caller's object is its own to change further (admission, aliases): a copy, not the
    // frozen answer.
    return defaulted === shared ? shared : copyJson(defaulted);
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

// A deep copy of JSON data (an own `__proto__` key stays a plain data key).
function copyJson(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    putOwn(copy, key, copyJson((value as Record<string, unknown>)[key]));
  }
  return copy;
}
