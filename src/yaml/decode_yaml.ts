// The first YAML document of a text decoded as sigs.k8s.io/yaml's YAMLToJSON decodes it.

import { firstDisallowed } from "./_chars.ts";
import { decodeFirstDocument } from "./document_decoder.ts";
import { YamlError } from "./yaml_error.ts";

/** A decoded document and the keys go-yaml's strict decode would refuse as given twice. */
export interface YamlDocument {
  readonly value: unknown;
  /** `line 7: key "a" already set in map`, one per repeated key, in decoding order. */
  readonly duplicates: readonly string[];
}

/**
 * Decodes the first document of `text` into a JSON value as YAMLToJSON does (an empty stream is
 * null); throws YamlError with go-yaml's message.
 */
export function decodeYaml(text: string): YamlDocument {
  // libyaml's reader refuses control characters before the scanner sees them (readerc.go); it
  // reads ahead in 512-byte chunks, so here the whole text is checked.
  if (firstDisallowed(text) >= 0) throw new YamlError("yaml: control characters are not allowed");
  return decodeFirstDocument(text);
}
