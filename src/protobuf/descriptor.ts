// Messages as data: the generated tables (one string per message) compiled into descriptors.

import type { ProtoWriter } from "./proto_writer.ts";
import type { BinaryReader } from "@bufbuild/protobuf/wire";

/**
 * A value that may differ between Kubernetes minors: one value for every minor of its package, or
 * values keyed by minor ranges (`"29-30"`, `"31-36"`, `"29,31"`); a minor no key covers lacks it.
 */
export type Versioned<T> = T | Readonly<Record<string, T>>;

/**
 * One proto package as scripts/protobuf/generate_descriptors.ts writes it. Each message is
 * `no json type[flags]` per field, comma-separated, ascending by number: `[]` repeated, `{}` a map
 * with string keys, `*` written only when set (Go pointer or []byte), `!` a zero value stays in
 * JSON (no `omitempty`); JSON name `...` is an embedded struct inlined into its parent's JSON;
 * `pkg:Name` names another package's message. A leading `@array` marks a Go named slice
 * (`type ExtraValue []string`): its JSON form is the array of field 1.
 */
export interface GeneratedPackage {
  /** Short package id: `core.v1`, `meta.v1`, `resource`, `intstr`, `runtime`. */
  readonly id: string;
  /** The apiVersion of the package's kinds (`apps/v1`); empty for packages without kinds. */
  readonly apiVersion: string;
  /** The Kubernetes minors the package exists in (`"29-36"`). */
  readonly minors: string;
  /** The kinds register.go adds to the scheme. */
  readonly kinds: Versioned<readonly string[]>;
  readonly messages: Readonly<Record<string, Versioned<string>>>;
}

/** Whether `minor` lies in ranges written as `29-30,33`. */
export function inMinors(ranges: string, minor: number): boolean {
  for (const range of ranges.split(",")) {
    const dash = range.indexOf("-");
    const low = Number(dash < 0 ? range : range.slice(0, dash));
    const high = dash < 0 ? low : Number(range.slice(dash + 1));
    if (minor >= low && minor <= high) return true;
  }
  return false;
}

/** The value of a versioned entry at `minor`, or undefined when that minor lacks it. */
export function atMinor<T>(
  value: Versioned<T>,
  minor: number,
  plain: (value: Versioned<T>) => value is T,
): T | undefined {
  if (plain(value)) return value;
  for (const [ranges, v] of Object.entries(value as Readonly<Record<string, T>>)) {
    if (inMinors(ranges, minor)) return v;
  }
  return undefined;
}

/** A scalar field type on the wire. */
export type ScalarType = "string" | "bool" | "int32" | "int64" | "bytes" | "double";

/** A message whose JSON form is not a plain object (Time, Quantity, IntOrString, ...), by hand. */
export interface SpecialCodec {
  /** Reads the message body up to `end`; `undefined` means "omit the field". */
  decode(reader: BinaryReader, end: number): unknown;
  /** Writes the message body (without tag and length); `value` is undefined for a Go zero value. */
  encode(writer: ProtoWriter, value: unknown): void;
}

/** A compiled field. */
export interface FieldDescriptor {
  readonly no: number;
  /** The JSON name; empty for an inline field. */
  readonly name: string;
  readonly type: ScalarType | "message";
  readonly message: MessageDescriptor | undefined;
  readonly repeated: boolean;
  readonly map: boolean;
  /** Go writes the field only when set (pointer); otherwise always, zero or not. */
  readonly presence: boolean;
  /** Decoding keeps a zero scalar in JSON (a pointer, or no `omitempty`). */
  readonly keep: boolean;
  readonly inline: boolean;
  readonly wireType: number;
  /** The field's tag as a varint (`no << 3 | wireType`). */
  readonly tag: number;
}

/** A compiled message: fields by number (for decoding) and ascending (for encoding). */
export interface MessageDescriptor {
  /** `package:Message`. */
  readonly name: string;
  readonly fields: readonly FieldDescriptor[];
  readonly byNumber: ReadonlyArray<FieldDescriptor | undefined>;
  readonly special: SpecialCodec | undefined;
  /** A Go named slice: the JSON value is the array of field 1. */
  readonly array: boolean;
}

/** Mutable while a package compiles; frozen in use by convention. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const SCALARS = new Set<string>(["string", "bool", "int32", "int64", "bytes", "double"]);
const FIELD = /^(\d+) (\.\.\.|[$\w-]+) ((?:[\w.]+:)?\w+)(\[\]|\{\})?([*!])?$/;

/** Parses one generated message spec; message references are left for `resolve` to fill in. */
export function parseMessage(
  pkg: string,
  name: string,
  spec: string,
): { message: Mutable<MessageDescriptor>; refs: [Mutable<FieldDescriptor>, string][] } {
  const parts = spec === "" ? [] : spec.split(",");
  const array = parts[0] === "@array";
  if (array) parts.shift();
  const fields: FieldDescriptor[] = [];
  const byNumber: (FieldDescriptor | undefined)[] = [];
  const refs: [Mutable<FieldDescriptor>, string][] = [];
  for (const text of parts) {
    const m = FIELD.exec(text);
    if (!m) throw new Error(`Cannot compile ${pkg}:${name}: bad field "${text}"`);
    const [, no, json, typeName, shape, flag] = m;
    const type = SCALARS.has(typeName) ? typeName as ScalarType : "message";
    const map = shape === "{}";
    // Maps, strings, bytes and messages are length-delimited; double is fixed64; the rest varints.
    const wireType = map || type === "string" || type === "bytes" || type === "message"
      ? 2
      : type === "double"
      ? 1
      : 0;
    const field: Mutable<FieldDescriptor> = {
      no: Number(no),
      name: json === "..." ? "" : json,
      type,
      message: undefined,
      repeated: shape === "[]",
      map,
      presence: flag === "*",
      keep: flag === "*" || flag === "!",
      inline: json === "...",
      wireType,
      tag: (Number(no) << 3 | wireType) >>> 0,
    };
    if (type === "message") {
      refs.push([field, typeName.includes(":") ? typeName : `${pkg}:${typeName}`]);
    }
    fields.push(field);
    byNumber[field.no] = field;
  }
  return {
    message: { name: `${pkg}:${name}`, fields, byNumber, special: undefined, array },
    refs,
  };
}
