// The generic decoder: walks protobuf bytes with a message descriptor and builds the JSON object.

import { base64Encode, type BinaryReader } from "@bufbuild/protobuf/wire";
import type { FieldDescriptor, MessageDescriptor } from "./descriptor.ts";
import { ProtobufError } from "./protobuf_error.ts";
import { putOwn } from "../encoding/mod.ts";

type JsonObject = Record<string, unknown>;

/** Decodes the message body between `reader.pos` and `end` into `out` (returned). */
export function decodeMessage(
  reader: BinaryReader,
  end: number,
  message: MessageDescriptor,
  out: JsonObject,
): JsonObject {
  const byNumber = message.byNumber;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const no = tag >>> 3, wt = tag & 7;
    const field = byNumber[no];
    if (field === undefined) {
      if (no === 0) throw malformed(`field number 0 in ${message.name}`);
      reader.skip(wt, no);
    } else if (wt === field.wireType) {
      if (field.map) readMapEntry(reader, field, out);
      else if (field.inline) decodeMessage(reader, messageEnd(reader), field.message!, out);
      else store(field, out, readValue(reader, field, out));
    } else if (wt === 2 && field.repeated && field.wireType === 0) {
      // Packed repeated varints: gogo never writes them for proto2, but protobuf allows them.
      const packedEnd = messageEnd(reader);
      while (reader.pos < packedEnd) store(field, out, readValue(reader, field, out));
      checkEnd(reader, packedEnd);
    } else {
      throw malformed(
        `${message.name}.${field.name || "(inline)"} (field ${no}) has wire type ${wt}`,
      );
    }
  }
  checkEnd(reader, end);
  return out;
}

/** Reads one value of the field's type; `undefined` means "omit". */
function readValue(
  reader: BinaryReader,
  field: FieldDescriptor,
  out: JsonObject | undefined,
): unknown {
  switch (field.type) {
    case "string":
      return reader.string();
    case "bool":
      return reader.bool();
    case "int32":
      return reader.int32();
    case "int64":
      return Number(reader.int64());
    case "double":
      return reader.double();
    case "bytes":
      return base64Encode(reader.bytes());
    case "message": {
      const end = messageEnd(reader);
      const message = field.message!;
      if (message.special) {
        const value = message.special.decode(reader, end);
        checkEnd(reader, end);
        return value;
      }
      if (message.array) {
        // A Go named slice: the JSON value is the list itself (nil when empty).
        const items = decodeMessage(reader, end, message, {})[message.fields[0].name];
        return items ?? [];
      }
      // A singular message seen twice is merged, as protobuf requires.
      const existing = out !== undefined && !field.repeated && !field.map
        ? out[field.name]
        : undefined;
      const target = typeof existing === "object" && existing !== null
        ? existing as JsonObject
        : {};
      return decodeMessage(reader, end, message, target);
    }
  }
}

/**
 * Stores a decoded value: appended when repeated; a singular scalar is dropped when zero unless the
 * field keeps zeros (omitempty). Messages are kept even when zero: IntOrString 0 is a real value.
 */
function store(field: FieldDescriptor, out: JsonObject, value: unknown): void {
  if (value === undefined) return;
  if (field.repeated) {
    const list = out[field.name];
    if (Array.isArray(list)) list.push(value);
    else out[field.name] = [value];
  } else if (
    field.keep || field.type === "message" || (value !== "" && value !== 0 && value !== false)
  ) {
    out[field.name] = value;
  }
}

/** Reads one `{key = 1, value = 2}` map entry into `out[field.name]`. */
function readMapEntry(reader: BinaryReader, field: FieldDescriptor, out: JsonObject): void {
  const end = messageEnd(reader);
  let key = "";
  let value: unknown;
  while (reader.pos < end) {
    const tag = reader.uint32();
    const no = tag >>> 3, wt = tag & 7;
    if (no === 1 && wt === 2) key = reader.string();
    else if (no === 2 && wt === valueWireType(field)) value = readValue(reader, field, undefined);
    else if (no === 0) throw malformed(`field number 0 in a ${field.name} entry`);
    else reader.skip(wt, no);
  }
  checkEnd(reader, end);
  let map = out[field.name] as JsonObject | undefined;
  if (map === undefined) out[field.name] = map = {};
  const entry = value ?? zeroValue(field);
  // A "__proto__" key must become an own property, not the object's prototype.
  putOwn(map, key, entry);
}

function valueWireType(field: FieldDescriptor): number {
  return field.type === "bool" || field.type === "int32" || field.type === "int64"
    ? 0
    : field.type === "double"
    ? 1
    : 2;
}

function zeroValue(field: FieldDescriptor): unknown {
  switch (field.type) {
    case "string":
    case "bytes":
      return "";
    case "bool":
      return false;
    case "int32":
    case "int64":
    case "double":
      return 0;
    case "message":
      return field.message!.special ? null : {};
  }
}

/** Reads a length prefix and returns where the length-delimited value ends. */
function messageEnd(reader: BinaryReader): number {
  const length = reader.uint32();
  const end = reader.pos + length;
  if (end > reader.len) throw malformed("length-delimited field runs past the end of its message");
  return end;
}

function checkEnd(reader: BinaryReader, end: number): void {
  if (reader.pos !== end) throw malformed("field overruns its message");
}

function malformed(reason: string): ProtobufError {
  return new ProtobufError("Malformed", `Cannot decode protobuf body: ${reason}`);
}
