// The plans Go shaping walks by: per struct, each field's Go position, code and zero; per code, its target.
//
// Worked out once per struct and field code of a schema source (a handful of sources per
// process), so that shaping a value costs one map lookup per field (src/api/schema/go_shape.ts).

import type { SchemaSource, StructSchema } from "./schema_source.ts";
import type { GoZero } from "./schema_table.ts";

/**
 * What shaping needs of a struct, worked out once per struct: each field's plan by JSON name,
 * and how many fields Go always writes. One map lookup per field of a walked value.
 */
export interface Plan {
  readonly source: SchemaSource;
  readonly fields: Map<string, FieldPlan>;
  readonly zeros: Readonly<Record<string, GoZero>> | undefined;
  readonly zeroCount: number;
  /**
   * The known fields a struct of the plan last held, by position in its key order (the walk's
   * cache of `fields`: objects of one kind mostly hold the same keys in the same order).
   */
  readonly seen: { readonly keys: string[]; readonly fields: FieldPlan[] };
}

/**
 * One field of a struct: its position in Go order, its code, whether Go always writes it, and
 * whether its values may need shaping (structs, lists and maps of them, maps to sort).
 */
export interface FieldPlan {
  readonly at: number;
  readonly code: string;
  readonly zero: boolean;
  /** Go leaves the field out when empty (omitempty, not a pointer): see `isGoEmpty`. */
  readonly empty: boolean;
  readonly nested: boolean;
  /** What a value of the field is shaped as, resolved on first use. */
  target?: Target;
}

/**
 * How a value of a code is shaped: as a struct (with its plan), a list or a map (with their
 * element's target), or not at all. Resolved once per code and source.
 */
export interface Target {
  readonly form: Form;
  readonly plan?: Plan;
  readonly element?: Target;
}

/** How a value is shaped: as a struct, a list, a map, or not at all. */
export type Form = "none" | "struct" | "list" | "map";

const NONE: Target = { form: "none" };
const OBJECT_META = "meta.v1.ObjectMeta";

/**
 * Whether encoding/json leaves out a value of an omitempty non-pointer field: `""`, `0`, `false`,
 * an empty list or map, or null (which Go decodes to the zero value).
 */
export function isGoEmpty(value: unknown): boolean {
  if (value === null || value === "" || value === 0 || value === false) return true;
  if (typeof value !== "object") return false;
  if (Array.isArray(value)) return value.length === 0;
  for (const _ in value) return false;
  return true;
}
const targets = new WeakMap<SchemaSource, Map<string, Target>>();

/** The target of a field code (`#core.v1.Container`, `[#core.v1.Volume`, `{string`). */
export function targetOf(source: SchemaSource, code: string): Target {
  let codes = targets.get(source);
  if (codes === undefined) targets.set(source, codes = new Map());
  let target = codes.get(code);
  if (target === undefined) {
    switch (code.charCodeAt(0)) {
      case 35: { // #
        const plan = planOfCode(source, code);
        target = plan ? { form: "struct", plan } : NONE;
        break;
      }
      case 91: // [
      case 123: { // {
        const element = targetOf(source, code.slice(1));
        const list = code.charCodeAt(0) === 91;
        target = list && element === NONE ? NONE : { form: list ? "list" : "map", element };
        break;
      }
      default:
        target = NONE;
    }
    codes.set(code, target);
  }
  return target;
}

const plans = new WeakMap<StructSchema, Plan>();

/** The plan of a struct of `source`. */
export function planOf(source: SchemaSource, schema: StructSchema): Plan {
  let plan = plans.get(schema);
  if (plan === undefined) {
    const zeros = schema.entry.z;
    // ObjectMeta is the store's to order and fill (src/store/created_metadata.ts), placeholders
    // (`resourceVersion: ""`) included: its empty strings are not dropped here.
    const empties = schema.ref === OBJECT_META ? undefined : schema.entry.e;
    const fields = new Map<string, FieldPlan>();
    let at = 0;
    for (const field in schema.fields) {
      const code = schema.fields[field][0];
      fields.set(field, {
        at: at++,
        code,
        zero: zeros !== undefined && Object.hasOwn(zeros, field),
        empty: empties !== undefined && empties.includes(field),
        nested: nested(code),
      });
    }
    plan = {
      source,
      fields,
      zeros,
      zeroCount: zeros ? Object.keys(zeros).length : 0,
      seen: { keys: [], fields: [] },
    };
    plans.set(schema, plan);
  }
  return plan;
}

// Plans by field code, per schema source.
const byCode = new WeakMap<SchemaSource, Map<string, Plan | null>>();

/** The plan of a struct by its field code (`#core.v1.Container`), undefined for unknown ones. */
export function planOfCode(source: SchemaSource, code: string): Plan | undefined {
  let codes = byCode.get(source);
  if (codes === undefined) byCode.set(source, codes = new Map());
  let plan = codes.get(code);
  if (plan === undefined) {
    const schema = source.structOf(code);
    plan = schema ? planOf(source, schema) : null;
    codes.set(code, plan);
  }
  return plan ?? undefined;
}

// Whether values of a code may need shaping (structs, lists and maps of them, maps to sort).
function nested(code: string): boolean {
  const first = code.charCodeAt(0);
  return first === 35 || first === 91 || first === 123;
}
