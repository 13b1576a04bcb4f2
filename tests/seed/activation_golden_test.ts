// Golden tests: the objects an initialized control plane leaves, for two Kubernetes versions.
// Regenerate after an intended change with FKAS_UPDATE_GOLDEN=1 and review the diff.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { renderActivationObjects } from "../../src/seed/activation.ts";
import { renderCorefile } from "../../src/seed/corefile.ts";
import { renderKubeProxyConfiguration } from "../../src/seed/kube_proxy.ts";
import { renderClusterConfiguration } from "../../src/seed/kubeadm_config.ts";
import { renderKubeletConfiguration } from "../../src/seed/kubelet_config.ts";
import { shapeAt } from "./activation_fixture.ts";

function golden(file: string, text: string) {
  const path = new URL(`./golden/${file}`, import.meta.url);
  if (process.env.FKAS_UPDATE_GOLDEN === "1") writeFileSync(path, text);
  assert.equal(text, readFileSync(path, "utf8"), `${file} differs from tests/seed/golden/${file}`);
}

// v1.29 writes v1beta3 and the pre-1.32 Corefile; v1.33 writes v1beta4, and its `+` exercises
// the OCI tag rule.
const VERSIONS = [["v1.29.4", "v1.29"], ["v1.33.1+fkas.1", "v1.33"]] as const;

describe("activation objects", () => {
  for (const [version, label] of VERSIONS) {
    it(`the whole set for ${version}`, () => {
      const objects = renderActivationObjects(shapeAt(version));
      golden(`activation-${label}.json`, JSON.stringify(objects, null, 2) + "\n");
    });

    it(`the embedded configs for ${version}, readable as YAML`, () => {
      const shape = shapeAt(version);
      golden(`cluster-configuration-${label}.yaml`, renderClusterConfiguration(shape));
      golden(`kubelet-configuration-${label}.yaml`, renderKubeletConfiguration(shape));
      golden(`kube-proxy-configuration-${label}.yaml`, renderKubeProxyConfiguration(shape));
      golden(`corefile-${label}.txt`, renderCorefile(version, shape.dnsDomain));
    });
  }
});
