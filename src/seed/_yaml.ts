// YAML written the way Go's sigs.k8s.io/yaml writes it, so embedded configs read like kubeadm's.

import { goYaml } from "../encoding/mod.ts";

// Most embedded configs are identical across clusters of one version (kubelet, kube-proxy config):
// even the go-yaml writer (~20 µs for kubeadm's ClusterConfiguration, the yaml library took ~115)
// is dearer than the JSON key that finds a previous result.
const CACHE_LIMIT = 512;
const cache = new Map<string, string>();

/**
 * `value` as kubeadm's sigs.k8s.io/yaml Marshal writes it (go-yaml v2: keys sorted, block style,
 * sequences flush with their key).
 */
export function toYaml(value: unknown): string {
  const key = JSON.stringify(value);
  let yaml = cache.get(key);
  if (yaml === undefined) {
    // The writer builds its text by concatenation: a rope in JSC (2.7 KB for kubeadm's 333-byte
    // ClusterConfiguration), which stored ConfigMaps would keep for good. A JSON round trip
    // answers the same text as one flat string (~0.4 KB).
    yaml = JSON.parse(JSON.stringify(goYaml(value))) as string;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, yaml);
  }
  return yaml;
}
