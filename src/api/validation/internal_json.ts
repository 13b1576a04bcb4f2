// A stored (core/v1 JSON) value as `json.Marshal` prints kube-apiserver's internal Go struct behind
// it: what field.Invalid shows for a struct bad value from v1.34 (apimachinery's
// `field.Error.ErrorBody`). Internal types carry no json tags, so keys are Go field names, every
// field is present (nil pointers, slices and maps as null, zero scalars as 0, "" or false) and map
// keys are sorted. The layouts come from internal_structs_table.ts (generated from upstream).

import { INTERNAL_STRUCTS, INTERNAL_STRUCTS_BY_MINOR } from "./internal_structs_table.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** `[json.Marshal key ("" when embedded), core/v1 key ("" when none), encoding, omit tag]`. */
type Field = readonly [string, string, string, false | "omitempty" | "omitzero"];

const byMinor = new Map<number, Map<string, readonly Field[]>>();

// The fields Convert_v1_PodSpec_To_core_PodSpec moves from the v1 PodSpec into the internal
// PodSecurityContext (which it therefore always allocates).
const HOST_FIELDS = ["hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "hostUsers"];

/**
 * The internal `type` (`core.PodSpec`, `core.PodTemplateSpec`) of `value` as its JSON, or
 * undefined when the minor's layouts are not in the table (before v1.34, when validation printed
 * `%#v` instead).
 */
export function internalJson(type: string, value: Loose, minor: number): unknown {
  const layouts = layoutsOf(minor);
  if (!layouts?.has(type)) return undefined;
  return encode(layouts, `struct:${type}`, value);
}

function layoutsOf(minor: number): Map<string, readonly Field[]> | undefined {
  let layouts = byMinor.get(minor);
  if (layouts) return layouts;
  const indices = INTERNAL_STRUCTS_BY_MINOR[Math.min(minor, maxMinor())];
  if (indices === undefined) return undefined;
  layouts = new Map();
  for (const index of indices.split(" ")) {
    const [name, fields] = JSON.parse(INTERNAL_STRUCTS[Number(index)]);
    layouts.set(name, fields);
  }
  byMinor.set(minor, layouts);
  return layouts;
}

function maxMinor(): number {
  return Math.max(...Object.keys(INTERNAL_STRUCTS_BY_MINOR).map(Number));
}

function encode(layouts: Map<string, readonly Field[]>, encoding: string, value: Loose): unknown {
  if (encoding.startsWith("*")) {
    return value === undefined || value === null ? null : encode(layouts, encoding.slice(1), value);
  }
  if (encoding.startsWith("[]")) {
    if (!Array.isArray(value)) return null;
    return value.map((item) => encode(layouts, encoding.slice(2), item));
  }
  if (encoding.startsWith("map:")) {
    if (value === undefined || value === null || typeof value !== "object") return null;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = encode(layouts, encoding.slice(4), value[key]);
    }
    return out;
  }
  if (encoding.startsWith("struct:")) {
    const out: Record<string, unknown> = {};
    writeStruct(layouts, encoding.slice(7), value ?? {}, out);
    return out;
  }
  switch (encoding) {
    case "string":
      return value ?? "";
    case "bool":
      return value ?? false;
    case "number":
      return value ?? 0;
    // A zero resource.Quantity marshals as "0"; a zero IntOrString is the integer 0.
    case "marshal:Quantity":
      return value ?? "0";
    case "marshal:IntOrString":
      return value ?? 0;
    default:
      // bytes (base64 in both), metav1.Time (null when zero), interfaces.
      return value ?? null;
  }
}

function writeStruct(
  layouts: Map<string, readonly Field[]>,
  type: string,
  value: Loose,
  out: Record<string, unknown>,
): void {
  const fields = layouts.get(type);
  if (!fields) throw new Error(`Cannot render internal ${type}: not in the layout table`);
  const source = type === "core.PodSpec" ? withHostFields(value) : value;
  for (const [key, v1Key, encoding, omit] of fields) {
    if (encoding.startsWith("inline:")) {
      // An embedded struct's fields are the parent's; its v1 twin may sit under a key (metadata).
      writeStruct(layouts, encoding.slice(7), (v1Key ? source[v1Key] : source) ?? {}, out);
      continue;
    }
    const given = v1Key
      ? source[v1Key]
      : type === "core.PodSecurityContext"
      ? source[key[0].toLowerCase() + key.slice(1)]
      : undefined;
    const encoded = encode(layouts, encoding, given);
    if (omit && isEmpty(omit, encoding, encoded)) continue;
    out[key] = encoded;
  }
}

// The host namespace fields as the internal PodSecurityContext holds them.
function withHostFields(spec: Loose): Loose {
  const context: Record<string, unknown> = { ...spec.securityContext };
  for (const field of HOST_FIELDS) context[field] = spec[field];
  return { ...spec, securityContext: context };
}

// encoding/json's omitempty: false, 0, "", nil and empty slices and maps, never a struct;
// omitzero (apimachinery v0.34+ on creationTimestamp) also a zero metav1.Time.
function isEmpty(omit: "omitempty" | "omitzero", encoding: string, value: unknown): boolean {
  if (encoding.startsWith("struct:")) return false;
  if (encoding === "marshal:Time") return omit === "omitzero" && value === null;
  if (value === null || value === false || value === 0 || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value as object).length === 0;
}
