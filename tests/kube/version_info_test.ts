// /version as kube-apiserver answers it: since 1.33 with the emulated and minimum compatibility
// versions, the Go release the patch was built with.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

describe("/version", () => {
  it("1.36 reports its emulation and compatibility versions in kube-apiserver's key order", async () => {
    const { json } = await kubeFixture({ kubernetesVersion: "v1.36.3" }).call("GET", "/version");
    assert.deepEqual(Object.keys(json), [
      "major",
      "minor",
      "emulationMajor",
      "emulationMinor",
      "minCompatibilityMajor",
      "minCompatibilityMinor",
      "gitVersion",
      "gitCommit",
      "gitTreeState",
      "buildDate",
      "goVersion",
      "compiler",
      "platform",
    ]);
    assert.equal(json.emulationMinor, "36");
    assert.equal(json.minCompatibilityMinor, "35");
    assert.equal(json.goVersion, "go1.26.5");
  });

  it("before 1.33 there are no emulation fields", async () => {
    const { json } = await kubeFixture({ kubernetesVersion: "v1.32.2" }).call("GET", "/version");
    assert.equal(json.emulationMajor, undefined);
    assert.equal(json.minor, "32");
    assert.equal(json.goVersion, "go1.24.13");
  });
});
