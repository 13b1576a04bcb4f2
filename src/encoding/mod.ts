// Byte handling shared across folders: base64 (kube API, registry, seeds) and joining chunks
// (framers, parsers, journals).

export { base64Utf8, fromBase64Utf8 } from "./base64.ts";
export { concatBytes } from "./bytes.ts";
