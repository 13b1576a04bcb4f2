// Byte handling shared across folders: base64 (kube API, registry, seeds), joining chunks
// (framers, parsers, journals), YAML as Go's sigs.k8s.io/yaml writes it (kube API, seeds), and
// Go's key order and JSON bytes; JSON data frozen to be shared (deepFreeze); FNV-1a.

export { base64Utf8, fromBase64Utf8 } from "./base64.ts";
export { concatBytes } from "./bytes.ts";
export { deepFreeze } from "./deep_freeze.ts";
export { goYaml } from "./go_yaml.ts";
export { goCompare, goLess, goSorted, inGoOrder, isArrayIndexKey } from "./go_order.ts";
export { goJson, goOrderedJson, goScalarJson } from "./go_json.ts";
export { goJsonSyntaxError } from "./go_json_syntax.ts";
export { flatText } from "./flat_text.ts";
export { fnv32a } from "./fnv32a.ts";
export { goJsonAroundFrozen, withThawedTwin } from "./frozen_parts_json.ts";
export { goDurationNanoseconds } from "./go_duration.ts";
export { goQuote } from "./go_quote.ts";
export { putOwn } from "./put_own.ts";
