// The generic encoder: a JSON object → protobuf bytes, as Go's generated marshallers write them.

import type { FieldDescriptor, MessageDescriptor } from "./descriptor.ts";
import type { ProtoWriter } from "./proto_writer.ts";
import { ProtobufError } from "./protobuf_error.ts";
import { decodeBase64 } from "./special_types.ts";

type JsonObject = Record<string, unknown>;
const EMPTY: JsonObject = Object.freeze({}) as JsonObject;
// The bytes of each message's Go zero value (every non-pointer field zero), made once: an absent
// non-pointer struct (a Pod's empty status, a container's resources) is written often.
const zeroValues = new WeakMap<MessageDescriptor, Uint8Array>();

/**
 * Writes `value` as `message`, as the apiserver would after decoding the same JSON into its Go
 * struct: fields ascending by number; a non-pointer field is always written (absent means Go's
 * zero value: "", 0, false, an empty message); a pointer field only when set; map entries sorted
 * by key. Unknown JSON keys are dropped. `undefined` stands for the Go zero value.
 */
export function encodeMessage(
  writer: ProtoWriter,
  message: MessageDescriptor,
  value: unknown,
): void {
  if (message.special) return message.special.encode(writer, value);
  if (message.array) {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) throw unexpected(message.name, value);
    for (const item of value) writeValue(writer, message.fields[0], item);
    return;
  }
  if (value === undefined || value === null) {
    let zero = zeroValues.get(message);
    if (zero === undefined) {
      const start = writer.pos;
      encodeFields(writer, message, EMPTY);
      zero = writer.view().slice(start);
      zeroValues.set(message, zero);
      return;
    }
    writer.raw(zero);
    return;
  }
  encodeFields(writer, message, asObject(value, message.name));
}

function encodeFields(writer: ProtoWriter, message: MessageDescriptor, object: JsonObject): void {
  for (const field of message.fields) {
    if (field.inline) {
      writer.uint(field.tag);
      const start = writer.fork();
      encodeMessage(writer, field.message!, object);
      writer.join(start);
      continue;
    }
    const fieldValue = object[field.name];
    if (fieldValue === undefined || fieldValue === null) {
      if (!field.presence && !field.repeated && !field.map) writeValue(writer, field, undefined);
    } else if (field.map) writeMap(writer, field, asObject(fieldValue, field.name));
    else if (field.repeated) {
      if (!Array.isArray(fieldValue)) throw unexpected(field.name, fieldValue);
      for (const item of fieldValue) writeValue(writer, field, item);
    } else writeValue(writer, field, fieldValue);
  }
}

// Go's generated code sorts map keys (sort.Strings: byte order, which UTF-16 order matches for
// every key without surrogate pairs).
function writeMap(writer: ProtoWriter, field: FieldDescriptor, map: JsonObject): void {
  const keys = Object.keys(map);
  if (keys.length > 1) keys.sort();
  for (const key of keys) {
    writer.uint(field.tag);
    const start = writer.fork();
    writer.uint(0x0a).string(key);
    const entry = map[key];
    writeValue(writer, field, entry === null ? undefined : entry, 2);
    writer.join(start);
  }
}

/** Writes one value (with its tag); `undefined` writes the Go zero value. */
function writeValue(
  writer: ProtoWriter,
  field: FieldDescriptor,
  value: unknown,
  no = field.no,
): void {
  switch (field.type) {
    case "string":
      if (value === undefined) value = "";
      else if (typeof value !== "string") throw unexpected(field.name, value);
      writer.uint(no << 3 | 2).string(value as string);
      return;
    case "bool":
      if (value === undefined) value = false;
      else if (typeof value !== "boolean") throw unexpected(field.name, value);
      writer.uint(no << 3).uint(value ? 1 : 0);
      return;
    case "int32":
    case "int64":
      if (value === undefined) value = 0;
      else if (!Number.isSafeInteger(value)) throw unexpected(field.name, value);
      writer.uint(no << 3).int(value as number);
      return;
    case "double":
      if (value === undefined) value = 0;
      else if (typeof value !== "number") throw unexpected(field.name, value);
      writer.uint(no << 3 | 1).double(value as number);
      return;
    case "bytes":
      // A nil []byte is not written at all; only a present (maybe empty) one reaches here.
      if (value === undefined) return;
      writer.uint(no << 3 | 2).bytes(decodeBase64(value));
      return;
    case "message": {
      writer.uint(no << 3 | 2);
      const start = writer.fork();
      encodeMessage(writer, field.message!, value);
      writer.join(start);
    }
  }
}

function asObject(value: unknown, name: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw unexpected(name, value);
  }
  return value as JsonObject;
}

function unexpected(name: string, value: unknown): ProtobufError {
  return new ProtobufError(
    "Malformed",
    `Cannot encode ${name}: unexpected value ${JSON.stringify(value)}`,
  );
}
