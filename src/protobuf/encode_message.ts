// The generic encoder: the inverse of decode_message.ts, JSON object → protobuf bytes.

import type { BinaryWriter } from "@bufbuild/protobuf/wire";
import type { FieldDescriptor, MessageDescriptor } from "./descriptor.ts";
import { ProtobufError } from "./protobuf_error.ts";
import { decodeBase64 } from "./special_types.ts";

type JsonObject = Record<string, unknown>;

/** Writes the fields of `value` that `message` knows, in table order; unknown JSON keys are dropped. */
export function encodeMessage(
  writer: BinaryWriter,
  message: MessageDescriptor,
  value: unknown,
): void {
  if (message.special) {
    message.special.encode(writer, value);
    return;
  }
  const object = asObject(value, message.name);
  for (const field of message.fields) {
    if (field.inline) {
      writer.tag(field.no, 2).fork();
      encodeMessage(writer, field.message!, object);
      writer.join();
      continue;
    }
    const fieldValue = object[field.name];
    if (fieldValue === undefined || fieldValue === null) continue;
    if (field.map) {
      for (const [key, entry] of Object.entries(asObject(fieldValue, field.name))) {
        writer.tag(field.no, 2).fork().tag(1, 2).string(key);
        writeValue(writer, 2, field, entry);
        writer.join();
      }
    } else if (field.repeated) {
      if (!Array.isArray(fieldValue)) throw unexpected(field.name, fieldValue);
      for (const item of fieldValue) writeValue(writer, field.no, field, item);
    } else {
      writeValue(writer, field.no, field, fieldValue);
    }
  }
}

function writeValue(
  writer: BinaryWriter,
  no: number,
  field: FieldDescriptor,
  value: unknown,
): void {
  switch (field.type) {
    case "string":
      if (typeof value !== "string") throw unexpected(field.name, value);
      writer.tag(no, 2).string(value);
      return;
    case "bool":
      if (typeof value !== "boolean") throw unexpected(field.name, value);
      writer.tag(no, 0).bool(value);
      return;
    case "int32":
      if (!Number.isInteger(value)) throw unexpected(field.name, value);
      writer.tag(no, 0).int32(value as number);
      return;
    case "int64":
      if (!Number.isInteger(value)) throw unexpected(field.name, value);
      writer.tag(no, 0).int64(value as number);
      return;
    case "bytes":
      writer.tag(no, 2).bytes(decodeBase64(value));
      return;
    case "message":
      writer.tag(no, 2).fork();
      encodeMessage(writer, field.message!, value);
      writer.join();
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
