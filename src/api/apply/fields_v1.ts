// The FieldsV1 encoding of field sets (`metadata.managedFields[].fieldsV1`), after fieldpath/serialize.go.
//
// A level is a JSON object: `"."` first when the level itself is a member of its parent and has
// more below it, then one key per element in element order; a member without children is `{}`.

import { FieldSet, insertSorted } from "./field_set.ts";
import {
  comparePathElements,
  fieldElement,
  indexElement,
  type Json,
  keyElement,
  type PathElement,
  valueElement,
} from "./path_element.ts";
import { goJson } from "./path_element.ts";

/** A FieldsV1 value that cannot be decoded, with upstream's reason. */
export class FieldsV1Error extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FieldsV1Error";
  }
}

/** The FieldsV1 JSON text of a set, byte for byte as kube-apiserver writes it. */
export function encodeFieldsV1(set: FieldSet): string {
  const out: string[] = ["{"];
  emit(set, false, out);
  out.push("}");
  return out.join("");
}

/** The FieldsV1 object of a set (what a stored object holds), with keys in upstream's order. */
export function fieldsV1Object(set: FieldSet): { [key: string]: Json } {
  return level(set, false);
}

// The object form of `emit`: the same keys in the same order (none is integer-like, so insertion
// order is kept).
function level(set: FieldSet, includeSelf: boolean): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const { members, children } = set;
  if (includeSelf && (members.length > 0 || children.length > 0)) out["."] = {};
  let mi = 0, ci = 0;
  while (mi < members.length || ci < children.length) {
    const m = members[mi], c = children[ci];
    const cmp = m === undefined ? 1 : c === undefined ? -1 : compareForEmit(m, c.pe);
    if (cmp < 0) {
      out[m.s] = {};
      mi++;
    } else {
      out[c.pe.s] = level(c.set, cmp === 0);
      if (cmp === 0) mi++;
      ci++;
    }
  }
  return out;
}

function emit(set: FieldSet, includeSelf: boolean, out: string[]): void {
  let first = true;
  const key = (k: string) => {
    if (!first) out.push(",");
    first = false;
    out.push(goJson(k), ":");
  };
  const { members, children } = set;
  if (includeSelf && (members.length > 0 || children.length > 0)) {
    key(".");
    out.push("{}");
  }
  let mi = 0, ci = 0;
  while (mi < members.length || ci < children.length) {
    const m = members[mi], c = children[ci];
    // Members and children are both sorted and share the element order.
    const cmp = m === undefined ? 1 : c === undefined ? -1 : compareForEmit(m, c.pe);
    if (cmp < 0) {
      key(m.s);
      out.push("{}");
      mi++;
    } else {
      key(c.pe.s);
      out.push("{");
      emit(c.set, cmp === 0, out);
      out.push("}");
      if (cmp === 0) mi++;
      ci++;
    }
  }
}

function compareForEmit(a: PathElement, b: PathElement): number {
  return a.s === b.s ? 0 : comparePathElements(a, b);
}

/** Decodes a FieldsV1 object (or its JSON text) into a set; throws `FieldsV1Error`. */
export function decodeFieldsV1(fields: unknown): FieldSet {
  const object = typeof fields === "string" ? parseText(fields) : fields;
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    throw new FieldsV1Error("FieldsV1 must be a JSON object");
  }
  return readLevel(object as Record<string, unknown>, 0).children ?? new FieldSet();
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FieldsV1Error(`invalid FieldsV1 JSON: ${(error as Error).message}`, { cause: error });
  }
}

const MAX_DEPTH = 100;

// One level: its child set (undefined when there is nothing below) and whether it is a member.
function readLevel(
  object: Record<string, unknown>,
  depth: number,
): { children: FieldSet | undefined; isMember: boolean } {
  if (depth > MAX_DEPTH) throw new FieldsV1Error("FieldsV1 nested too deeply");
  let children: FieldSet | undefined;
  let isMember = false;
  for (const [key, value] of Object.entries(object)) {
    if (key === ".") {
      isMember = true;
      continue;
    }
    const pe = parsePathElement(key);
    if (pe === undefined) continue; // an element type a future version knows: dropped, as upstream
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new FieldsV1Error(`value of ${JSON.stringify(key)} must be a JSON object`);
    }
    const below = readLevel(value as Record<string, unknown>, depth + 1);
    children ??= new FieldSet();
    if (below.isMember) insertSorted(children.members, pe);
    if (below.children) {
      const into = children.descend(pe);
      into.members.push(...below.children.members);
      into.children.push(...below.children.children);
    }
  }
  if (children === undefined) isMember = true;
  return { children, isMember };
}

/** Parses one FieldsV1 key into a path element; undefined for an unknown element type. */
export function parsePathElement(key: string): PathElement | undefined {
  if (key.length < 2) throw new FieldsV1Error("key must be 2 characters long:");
  if (key[1] !== ":") throw new FieldsV1Error(`missing colon: ${key}`);
  const body = key.slice(2);
  switch (key[0]) {
    case "f":
      return fieldElement(body);
    case "v":
      return valueElement(parseJson(body) as Json);
    case "k": {
      const fields = parseJson(body);
      if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
        throw new FieldsV1Error(`key element must be a JSON object: ${key}`);
      }
      return keyElement(Object.entries(fields as Record<string, Json>));
    }
    case "i":
      if (!/^[+-]?\d{1,18}$/.test(body)) {
        throw new FieldsV1Error(`strconv.Atoi: parsing ${JSON.stringify(body)}: invalid syntax`);
      }
      return indexElement(Number(body));
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FieldsV1Error(`managedFields parsing: ${(error as Error).message}`, { cause: error });
  }
}
