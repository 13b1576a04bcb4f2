// Byte handling shared across folders: base64 (kube API, registry, seeds), joining chunks
// (framers, parsers, journals) and YAML as Go's sigs.k8s.io/yaml writes it (kube API, seeds).

export { base64Utf8, fromBase64Utf8 } from "./base64.ts";
export { concatBytes } from "./bytes.ts";
export { goYaml } from "./go_yaml.ts";
