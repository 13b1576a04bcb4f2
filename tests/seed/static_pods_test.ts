// Mirror pods are rendered in Go's shape: the parts that name the node are never shared between
// clusters, so the store would otherwise rebuild them in every cluster.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goShapedKind } from "../../src/api/schema/mod.ts";
import { CONTROL_PLANE_COMPONENTS, renderStaticPod } from "../../src/seed/mod.ts";

const POD = { group: "", version: "v1", kind: "Pod" };

describe("static pods", () => {
  for (const version of ["v1.29.4", "v1.33.1", "v1.36.3"]) {
    it(`come with spec and status as Go writes them at ${version}, so shaping keeps them as they are`, () => {
      for (const component of CONTROL_PLANE_COMPONENTS) {
        const pod = renderStaticPod({
          component,
          nodeName: "cp-1",
          nodeUid: "node-uid",
          nodeIP: "10.0.0.2",
          kubernetesVersion: version,
          now: new Date("2026-01-02T03:04:05Z"),
        });
        const shaped = goShapedKind(version, POD, pod);
        // The very objects: nothing reordered or added.
        assert.equal(shaped.spec, pod.spec, `${component} spec`);
        assert.equal(shaped.status, pod.status, `${component} status`);
      }
    });
  }
});
