// YAML written the way Go's sigs.k8s.io/yaml writes it, so embedded configs read like kubeadm's.

import { stringify } from "yaml";

/** Stringifies without line folding, anchors or aliases, and with sequences flush with their key. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false });
}
