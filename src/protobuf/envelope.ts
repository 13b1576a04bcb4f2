// The Kubernetes protobuf envelope: the `k8s\0` magic, then runtime.Unknown wrapping the object.

import { BinaryReader } from "@bufbuild/protobuf/wire";
import { decodeMessage } from "./decode_message.ts";
import type { MessageDescriptor } from "./descriptor.ts";
import { encodeMessage } from "./encode_message.ts";
import { type MessageRegistry, messageRegistry } from "./kinds.ts";
import { ProtobufError } from "./protobuf_error.ts";
import { ProtoWriter, varintSize } from "./proto_writer.ts";

// runtime.Unknown {typeMeta = 1, raw = 2, contentEncoding = 3, contentType = 4} and
// runtime.TypeMeta {apiVersion = 1, kind = 2}: kubernetes/apimachinery pkg/runtime/generated.proto.
const MAGIC = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);

/** A decoded request body: its type and the object as its JSON form would look. */
export interface DecodedObject {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/**
 * Decodes an `application/vnd.kubernetes.protobuf` body into the object's JSON form, with the
 * messages of `registry`'s Kubernetes minor (the newest by default).
 */
export function decodeKubernetesProtobuf(
  body: Uint8Array,
  registry: MessageRegistry = messageRegistry(),
): DecodedObject {
  if (body.length < 4 || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufError("Malformed", "Cannot decode protobuf body: missing the k8s\\0 prefix");
  }
  let apiVersion = "", kind = "", contentEncoding = "";
  let raw: Uint8Array = new Uint8Array(0);
  try {
    const reader = new BinaryReader(body.subarray(4));
    while (reader.pos < reader.len) {
      const [no, wt] = reader.tag();
      if (no === 1 && wt === 2) [apiVersion, kind] = readTypeMeta(reader.bytes(), apiVersion, kind);
      else if (no === 2 && wt === 2) raw = reader.bytes();
      else if (no === 3 && wt === 2) contentEncoding = reader.string();
      else reader.skip(wt, no);
    }
  } catch (error) {
    throw asProtobufError(error);
  }
  if (kind === "") {
    throw new ProtobufError(
      "Malformed",
      "Cannot decode protobuf body: runtime.Unknown has no kind",
    );
  }
  if (contentEncoding !== "") {
    throw new ProtobufError(
      "Malformed",
      `Cannot decode protobuf body: unsupported contentEncoding ${JSON.stringify(contentEncoding)}`,
      kind,
      apiVersion,
    );
  }
  const message = requireKindMessage(apiVersion, kind, registry);
  const object: Record<string, unknown> = { apiVersion, kind };
  try {
    const reader = new BinaryReader(raw);
    decodeMessage(reader, reader.len, message, object);
  } catch (error) {
    throw asProtobufError(error, kind, apiVersion);
  }
  return { apiVersion, kind, object };
}

/** Encodes an object (with apiVersion and kind) as the apiserver answers and client-go sends it. */
export function encodeKubernetesProtobuf(
  object: Record<string, unknown>,
  registry: MessageRegistry = messageRegistry(),
): Uint8Array {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    throw new ProtobufError(
      "Malformed",
      "Cannot encode object: apiVersion and kind must be strings",
    );
  }
  return wrapInEnvelope(apiVersion, kind, encodeObjectMessage(apiVersion, kind, object, registry));
}

/** The message of a kind, or a ProtobufError("UnsupportedKind") when it has no protobuf form. */
export function requireKindMessage(
  apiVersion: string,
  kind: string,
  registry: MessageRegistry = messageRegistry(),
): MessageDescriptor {
  const message = registry.kindMessage(apiVersion, kind);
  if (!message) {
    throw new ProtobufError(
      "UnsupportedKind",
      `no protobuf decoder for ${apiVersion} ${kind}`,
      kind,
      apiVersion,
    );
  }
  return message;
}

/** The bare message bytes of an object of `apiVersion`/`kind` (no envelope): a list item. */
export function encodeObjectMessage(
  apiVersion: string,
  kind: string,
  object: unknown,
  registry: MessageRegistry = messageRegistry(),
): Uint8Array {
  const writer = new ProtoWriter();
  encodeMessage(writer, requireKindMessage(apiVersion, kind, registry), object);
  return writer.finish();
}

/**
 * The `k8s\0` envelope around message bytes: runtime.Unknown {typeMeta, raw, contentEncoding "",
 * contentType ""}, both strings written empty as Go's marshaller writes non-pointer strings.
 */
export function wrapInEnvelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const writer = new ProtoWriter(raw.length + apiVersion.length + kind.length + 32);
  writer.raw(MAGIC).uint(0x0a);
  const typeMeta = writer.fork();
  writer.uint(0x0a).string(apiVersion).uint(0x12).string(kind).join(typeMeta);
  writer.uint(0x12).bytes(raw).uint(0x1a).uint(0).uint(0x22).uint(0);
  return writer.finish();
}

/**
 * A `<Kind>List` in its envelope from pre-encoded items: the list message's other fields
 * (metadata) come from `list`, `items` (field 2 in every Kubernetes list) from `items`. The bytes
 * are sized first and copied once, so a 100,000-item list costs one allocation.
 */
export function encodeListEnvelope(
  apiVersion: string,
  listKind: string,
  list: Record<string, unknown>,
  items: readonly Uint8Array[],
  registry: MessageRegistry = messageRegistry(),
): Uint8Array {
  const message = requireKindMessage(apiVersion, listKind, registry);
  const last = message.fields[message.fields.length - 1];
  if (last.no !== 2 || last.name !== "items") {
    throw new Error(`Cannot encode ${listKind}: items is not its last field`);
  }
  const head = new ProtoWriter(256);
  encodeMessage(head, { ...message, fields: message.fields.slice(0, -1) }, list);
  let rawLength = head.pos;
  for (const item of items) rawLength += 1 + varintSize(item.length) + item.length;
  const typeMeta = new ProtoWriter(64);
  typeMeta.uint(0x0a).string(apiVersion).uint(0x12).string(listKind);
  const total = 4 + 1 + varintSize(typeMeta.pos) + typeMeta.pos + 1 + varintSize(rawLength) +
    rawLength + 4;
  // Sized exactly, so finish() hands the buffer over without copying it.
  const out = new ProtoWriter(total);
  out.raw(MAGIC).uint(0x0a).bytes(typeMeta.view());
  out.uint(0x12).uint(rawLength).raw(head.view());
  for (const item of items) out.uint(0x12).bytes(item);
  out.uint(0x1a).uint(0).uint(0x22).uint(0);
  return out.finish();
}

/**
 * One frame of a protobuf watch stream: a 4-byte big-endian length, then a meta/v1 WatchEvent
 * {type = 1, object = 2 RawExtension{raw = 1}} without envelope (apimachinery's RawSerializer and
 * LengthDelimitedFramer), whose raw holds the object in its own `k8s\0` envelope.
 */
export function encodeWatchFrame(type: string, object: Uint8Array): Uint8Array {
  const writer = new ProtoWriter(object.length + type.length + 16);
  writer.pos = 4;
  writer.uint(0x0a).string(type).uint(0x12);
  const ext = writer.fork();
  writer.uint(0x0a).bytes(object).join(ext);
  const frame = writer.finish();
  new DataView(frame.buffer).setUint32(0, frame.length - 4);
  return frame;
}

function readTypeMeta(bytes: Uint8Array, apiVersion: string, kind: string): [string, string] {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, wt] = reader.tag();
    if (no === 1 && wt === 2) apiVersion = reader.string();
    else if (no === 2 && wt === 2) kind = reader.string();
    else reader.skip(wt, no);
  }
  return [apiVersion, kind];
}

/** Any failure inside the decoder is a malformed body (400), wrapped with its cause. */
function asProtobufError(error: unknown, kind?: string, apiVersion?: string): ProtobufError {
  if (error instanceof ProtobufError && error.kind !== undefined) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const message = error instanceof ProtobufError
    ? reason
    : `Cannot decode protobuf body: ${reason}`;
  return new ProtobufError("Malformed", message, kind, apiVersion, { cause: error });
}
