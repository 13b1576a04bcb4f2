// YAML read as kube-apiserver reads it: sigs.k8s.io/yaml over go-yaml v2 (go.yaml.in/yaml/v2), a
// port of libyaml, whose reading path src/yaml/ ports in turn. What clients can tell apart, and
// fkas therefore matches:
// - YAML 1.1 scalars (`yes`, `on`, `y` are booleans, `0755` octal, `0o17` too), merge keys, but
//   neither sexagesimal numbers (`1:20` stays a string) nor timestamps (kept as written), and
//   `!!binary` decoded into a string (go-yaml's resolve.go);
// - the first document only (`---` and what follows is never read);
// - duplicate keys allowed, the last one winning (a strict decode reports each one);
// - errors worded and placed by libyaml (`yaml: line 2: did not find expected key`), aliases
//   bounded by go-yaml's alias ratio rule, `.inf`/`.nan` refused by the JSON conversion.

import { decodeYaml, YamlError } from "../yaml/mod.ts";

/** A YAML parse failure, its message as go-yaml's error (`yaml: line 2: did not find expected key`). */
export class GoYamlError extends Error {
  override name = "GoYamlError";
}

/** A decoded document and its duplicate keys, as go-yaml's strict decode reports them. */
export interface GoYamlDocument {
  readonly value: unknown;
  /** `line 7: key "a" already set in map`, one per repeated key, in document order. */
  readonly duplicates: readonly string[];
}

/** Decodes the first YAML document of `text` as go-yaml v2 does; throws GoYamlError. */
export function decodeGoYaml(text: string): GoYamlDocument {
  try {
    return decodeYaml(text);
  } catch (cause) {
    if (cause instanceof YamlError) throw new GoYamlError(cause.message, { cause });
    throw cause;
  }
}
