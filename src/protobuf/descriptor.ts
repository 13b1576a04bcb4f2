// Messages as data: tables of `fieldNo: "jsonName type"` per message, compiled once into descriptors.

import type { BinaryReader, BinaryWriter } from "@bufbuild/protobuf/wire";

// The table format: `type` is `string`, `bool`, `int32`, `int64`, `bytes` or a message name;
// `T[]` is repeated, `map<T>` a map with string keys (entries `{key = 1, value = 2}`). A trailing
// `?` keeps zero values present on the wire (Go pointer fields and fields without `omitempty`);
// other scalars follow `omitempty` and drop "", 0 and false. The JSON name `...` marks a Go struct
// embedded with `json:",inline"` (Probe's ProbeHandler, Volume's VolumeSource): its fields are
// merged into the parent object.

/** One message as written in the tables: field number → `"jsonName type"`. */
export type MessageSpec = Readonly<Record<number, string>>;

/** A group of message specs keyed by message name, one table per API group/version. */
export type MessageTable = Readonly<Record<string, MessageSpec>>;

/** A scalar field type on the wire. */
export type ScalarType = "string" | "bool" | "int32" | "int64" | "bytes";

/** A message whose JSON form is not an object (Time, Quantity, IntOrString, ...), coded by hand. */
export interface SpecialCodec {
  /** Reads the message body up to `end`; `undefined` means "omit the field". */
  decode(reader: BinaryReader, end: number): unknown;
  /** Writes the message body (without tag and length) for a JSON value. */
  encode(writer: BinaryWriter, value: unknown): void;
}

/** A compiled field. */
export interface FieldDescriptor {
  readonly no: number;
  readonly name: string;
  readonly type: ScalarType | "message";
  readonly message: MessageDescriptor | undefined;
  readonly repeated: boolean;
  readonly map: boolean;
  readonly keep: boolean;
  readonly inline: boolean;
  readonly wireType: number;
}

/** A compiled message: fields by number (for decoding) and in table order (for encoding). */
export interface MessageDescriptor {
  readonly name: string;
  readonly fields: readonly FieldDescriptor[];
  readonly byNumber: ReadonlyArray<FieldDescriptor | undefined>;
  readonly special: SpecialCodec | undefined;
}

const SCALARS = new Set<string>(["string", "bool", "int32", "int64", "bytes"]);
const SPEC = /^(\.\.\.|[A-Za-z][A-Za-z0-9]*) (map<)?([A-Za-z][A-Za-z0-9]*)(>)?(\[\])?(\?)?$/;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Compiles message tables plus hand-coded special messages into descriptors keyed by name. */
export function compileMessages(
  tables: readonly MessageTable[],
  specials: Readonly<Record<string, SpecialCodec>>,
): ReadonlyMap<string, MessageDescriptor> {
  const messages = new Map<string, Mutable<MessageDescriptor>>();
  for (const [name, special] of Object.entries(specials)) {
    messages.set(name, { name, fields: [], byNumber: [], special });
  }
  const pending: [Mutable<FieldDescriptor>, string][] = [];
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (messages.has(name)) throw new Error(`Cannot compile message ${name}: defined twice`);
      const fields: FieldDescriptor[] = [];
      const byNumber: (FieldDescriptor | undefined)[] = [];
      for (const [no, text] of Object.entries(spec)) {
        const field = parseField(name, Number(no), text);
        pending.push([field, text.split(" ")[1].replace(/^map<|>|\[\]|\?/g, "")]);
        fields.push(field);
        byNumber[field.no] = field;
      }
      messages.set(name, { name, fields, byNumber, special: undefined });
    }
  }
  for (const [field, typeName] of pending) {
    if (field.type !== "message") continue;
    const message = messages.get(typeName);
    if (!message) {
      throw new Error(`Cannot compile field ${field.name}: unknown message ${typeName}`);
    }
    field.message = message;
  }
  return messages;
}

function parseField(message: string, no: number, text: string): Mutable<FieldDescriptor> {
  const m = SPEC.exec(text);
  if (!m || !(no > 0) || (m[2] !== undefined) !== (m[4] !== undefined)) {
    throw new Error(`Cannot compile ${message} field ${no}: bad spec "${text}"`);
  }
  const [, name, mapOpen, typeName, , list, keep] = m;
  const type = SCALARS.has(typeName) ? typeName as ScalarType : "message";
  const inline = name === "...";
  if (inline && (type !== "message" || list || mapOpen)) {
    throw new Error(`Cannot compile ${message} field ${no}: only a single message can be inlined`);
  }
  return {
    no,
    name: inline ? "" : name,
    type,
    message: undefined,
    repeated: list !== undefined,
    map: mapOpen !== undefined,
    keep: keep !== undefined,
    inline,
    // Maps, strings, bytes and messages are length-delimited; bools and ints are varints.
    wireType: mapOpen || type === "string" || type === "bytes" || type === "message" ? 2 : 0,
  };
}
