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

  it("names the release's commit and date where the Go module proxy lists them", async () => {
    const released = await kubeFixture({ kubernetesVersion: "v1.33.1" }).call("GET", "/version");
    assert.equal(released.json.gitCommit, "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828");
    assert.equal(released.json.buildDate, "2025-05-15T08:19:07Z");
    const other = await kubeFixture({ kubernetesVersion: "v1.36.1" }).call("GET", "/version");
    assert.equal(other.json.gitCommit, "0000000000000000000000000000000000000000");
    assert.equal(
      other.json.buildDate,
      "2026-07-22T18:07:38Z",
      "the nearest tag's date of its minor",
    );
  });
});
