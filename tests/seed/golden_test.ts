// Golden tests: the seed objects a node brings, compared with reviewed JSON files.
// Regenerate after an intended change with FKAS_UPDATE_GOLDEN=1 and review the diff.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import {
  CONTROL_PLANE_COMPONENTS,
  renderNode,
  renderNodeLease,
  renderStaticPod,
} from "../../src/seed/mod.ts";

const NOW = new Date("2026-01-02T03:04:05Z");

function golden(name: string, actual: unknown) {
  const path = new URL(`./golden/${name}.json`, import.meta.url);
  const text = JSON.stringify(actual, null, 2) + "\n";
  if (process.env.FKAS_UPDATE_GOLDEN === "1") writeFileSync(path, text);
  assert.equal(
    text,
    readFileSync(path, "utf8"),
    `${name} differs from tests/seed/golden/${name}.json`,
  );
}

describe("seed objects", () => {
  it("a control-plane node", () => {
    golden(
      "node-control-plane",
      renderNode({
        name: "cp-1",
        labels: { "cluster.x-k8s.io/control-plane": "", "metal3.io/uuid": "u-1" },
        providerID: "metal3://default/host-0/cp-1",
        kubeletVersion: "v1.30.2",
        controlPlane: true,
        internalIP: "10.0.0.2",
        systemUUID: "8d3c1f4e-0000-4000-8000-000000000001",
        now: NOW,
      }),
    );
  });

  it("a worker node", () => {
    golden(
      "node-worker",
      renderNode({
        name: "md-1",
        labels: {},
        kubeletVersion: "v1.30.2",
        controlPlane: false,
        internalIP: "10.0.0.3",
        systemUUID: "8d3c1f4e-0000-4000-8000-000000000002",
        now: NOW,
      }),
    );
  });

  for (const component of CONTROL_PLANE_COMPONENTS) {
    it(`the ${component} static pod`, () => {
      golden(
        `pod-${component}`,
        renderStaticPod({
          component,
          nodeName: "cp-1",
          nodeUid: "node-uid",
          nodeIP: "10.0.0.2",
          kubernetesVersion: "v1.30.2+k3s1",
          now: NOW,
        }),
      );
    });
  }

  it("the node lease", () => {
    golden("lease-node", renderNodeLease({ name: "cp-1", uid: "node-uid" }, NOW));
  });
});
