// YAML read as go-yaml v2 (go.yaml.in/yaml/v2 v2.4.x) reads it under sigs.k8s.io/yaml: a
// TypeScript port of its reading path (scanner, parser, node building, decoding, resolution).

export { decodeYaml, type YamlDocument } from "./decode_yaml.ts";
export { YamlError } from "./yaml_error.ts";
export { resolve, Tag } from "./resolve.ts";
