// The defaulted `logging` block kubeadm marshals into kubelet and kube-proxy configs.

import { atLeastMinor } from "./addon_versions.ts";

/** component-base LoggingConfiguration at its zero values; the text options appeared in 1.30. */
export function zeroLogging(kubernetesVersion: string): Record<string, unknown> {
  const buffer = { infoBufferSize: "0" };
  return {
    flushFrequency: 0,
    options: atLeastMinor(kubernetesVersion, 30)
      ? { json: buffer, text: buffer }
      : { json: buffer },
    verbosity: 0,
  };
}
