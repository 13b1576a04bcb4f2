// Kubernetes protobuf request bodies: decode to (and encode from) the JSON objects the apiserver stores.

export {
  type DecodedObject,
  decodeKubernetesProtobuf,
  encodeKubernetesProtobuf,
} from "./envelope.ts";
export { SUPPORTED_KINDS } from "./kinds.ts";
export { ProtobufError, type ProtobufErrorReason } from "./protobuf_error.ts";
