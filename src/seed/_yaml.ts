// YAML written the way Go's sigs.k8s.io/yaml writes it, so embedded configs read like kubeadm's.

import { stringify } from "yaml";

// Most embedded configs are identical across clusters of one version (kubelet, kube-proxy config):
// the yaml library's stringify is ~10× dearer than the JSON key that finds a previous result.
const CACHE_LIMIT = 512;
const cache = new Map<string, string>();

/** Stringifies without line folding, anchors or aliases, and with sequences flush with their key. */
export function toYaml(value: unknown): string {
  const key = JSON.stringify(value);
  let yaml = cache.get(key);
  if (yaml === undefined) {
    yaml = stringify(value, { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false });
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, yaml);
  }
  return yaml;
}
