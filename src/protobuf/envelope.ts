// The Kubernetes protobuf envelope: the `k8s\0` magic, then runtime.Unknown wrapping the object.

import { BinaryReader, BinaryWriter } from "@bufbuild/protobuf/wire";
import { decodeMessage } from "./decode_message.ts";
import { encodeMessage } from "./encode_message.ts";
import { kindMessage } from "./kinds.ts";
import { ProtobufError } from "./protobuf_error.ts";

// runtime.Unknown {typeMeta = 1, raw = 2, contentEncoding = 3, contentType = 4} and
// runtime.TypeMeta {apiVersion = 1, kind = 2}: kubernetes/apimachinery pkg/runtime/generated.proto.
const MAGIC = new Uint8Array([0x6b, 0x38, 0x73, 0x00]);

/** A decoded request body: its type and the object as its JSON form would look. */
export interface DecodedObject {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/** Decodes an `application/vnd.kubernetes.protobuf` body into the object's JSON form. */
export function decodeKubernetesProtobuf(body: Uint8Array): DecodedObject {
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
  const message = kindMessage(apiVersion, kind);
  if (!message) {
    throw new ProtobufError(
      "UnsupportedKind",
      `no protobuf decoder for ${apiVersion} ${kind}`,
      kind,
      apiVersion,
    );
  }
  const object: Record<string, unknown> = { apiVersion, kind };
  try {
    const reader = new BinaryReader(raw);
    decodeMessage(reader, reader.len, message, object);
  } catch (error) {
    throw asProtobufError(error, kind, apiVersion);
  }
  return { apiVersion, kind, object };
}

/** Encodes an object (with apiVersion and kind) the way client-go sends it. */
export function encodeKubernetesProtobuf(object: Record<string, unknown>): Uint8Array {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    throw new ProtobufError(
      "Malformed",
      "Cannot encode object: apiVersion and kind must be strings",
    );
  }
  const message = kindMessage(apiVersion, kind);
  if (!message) {
    throw new ProtobufError(
      "UnsupportedKind",
      `no protobuf decoder for ${apiVersion} ${kind}`,
      kind,
      apiVersion,
    );
  }
  const raw = new BinaryWriter();
  encodeMessage(raw, message, object);
  return new BinaryWriter()
    .raw(MAGIC)
    .tag(1, 2).fork().tag(1, 2).string(apiVersion).tag(2, 2).string(kind).join()
    .tag(2, 2).bytes(raw.finish())
    .tag(3, 2).string("")
    .tag(4, 2).string("")
    .finish();
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
