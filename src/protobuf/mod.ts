// Kubernetes protobuf: decode request bodies, encode objects, lists and watch frames, from tables
// generated out of Kubernetes' own generated.proto files.

export {
  type DecodedObject,
  decodeKubernetesProtobuf,
  encodeKubernetesProtobuf,
  encodeListEnvelope,
  encodeObjectMessage,
  encodeWatchFrame,
  wrapInEnvelope,
} from "./envelope.ts";
export {
  kindMessage,
  MessageRegistry,
  messageRegistry,
  PROTOBUF_MINORS,
  PROTOBUF_SOURCE_VERSION,
  registryForVersion,
  SUPPORTED_KINDS,
} from "./kinds.ts";
export { ProtobufError, type ProtobufErrorReason } from "./protobuf_error.ts";
export { BINARY_SUFFIXES, canonicalQuantity, DECIMAL_SUFFIXES } from "./quantity.ts";
