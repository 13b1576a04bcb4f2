// The generic encoder: a JSON object → protobuf bytes, as Go's generated marshallers write them.

import type { FieldDescriptor, MessageDescriptor } from "./descriptor.ts";
import type { ProtoWriter } from "./proto_writer.ts";
import { decodeBase64 } from "./special_types.ts";
import { goSorted } from "../encoding/mod.ts";

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
 *
 * A value of the wrong JSON type is written as the Go zero value, never thrown: kube-apiserver
 * refuses such a body when it is written, but fkas's stores may hold one, and a single such object
 * must not break every protobuf GET, LIST and watch of its resource.
 */
export function encodeMessage(
  writer: ProtoWriter,
  message: MessageDescriptor,
  value: unknown,
): void {
  if (message.special) return message.special.encode(writer, value);
  if (message.array) {
    if (!Array.isArray(value)) return; // nil (or not a list): no items
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
  if (!isObject(value)) return encodeMessage(writer, message, undefined);
  encodeFields(writer, message, value);
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
    } else if (field.map) {
      if (isObject(fieldValue)) writeMap(writer, field, fieldValue);
    } else if (field.repeated) {
      if (Array.isArray(fieldValue)) {
        for (const item of fieldValue) writeValue(writer, field, item);
      }
    } else writeValue(writer, field, fieldValue);
  }
}

// Go's generated code sorts map keys (sort.Strings: byte order). Stored maps are in that order
// already but for array-index keys, which any JavaScript object lists first.
function writeMap(writer: ProtoWriter, field: FieldDescriptor, map: JsonObject): void {
  const keys = goSorted(Object.keys(map));
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
      if (typeof value !== "string") value = "";
      writer.uint(no << 3 | 2).string(value as string);
      return;
    case "bool":
      if (typeof value !== "boolean") value = false;
      writer.uint(no << 3).uint(value ? 1 : 0);
      return;
    case "int32":
    case "int64":
      if (!Number.isSafeInteger(value)) value = 0;
      writer.uint(no << 3).int(value as number);
      return;
    case "double":
      if (typeof value !== "number") value = 0;
      writer.uint(no << 3 | 1).double(value as number);
      return;
    case "bytes":
      // A nil []byte is not written at all; only a present (maybe empty) one reaches here.
      if (typeof value !== "string") return;
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

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
