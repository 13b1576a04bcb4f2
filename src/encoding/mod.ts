// Byte encodings shared by the kube API, the cluster registry and the seed templates.

export { base64Utf8, fromBase64Utf8 } from "./base64.ts";
