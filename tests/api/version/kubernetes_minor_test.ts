// kubernetesMinor reads the minor of 1.x versions only; callers name their own fallback.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubernetesMinor } from "../../../src/api/version/mod.ts";

describe("kubernetesMinor", () => {
  it("reads the minor of a 1.x version, with or without v, patch or suffix", () => {
    assert.equal(kubernetesMinor("v1.33.1"), 33);
    assert.equal(kubernetesMinor("1.29.0"), 29);
    assert.equal(kubernetesMinor("v1.36.0-alpha.1+abc"), 36);
    assert.equal(kubernetesMinor("v1.31"), 31);
  });

  it("is undefined for a missing version, another major or no version at all", () => {
    assert.equal(kubernetesMinor(undefined), undefined);
    assert.equal(kubernetesMinor(""), undefined);
    assert.equal(kubernetesMinor("v2.5.0"), undefined);
    assert.equal(kubernetesMinor("latest"), undefined);
    assert.equal(kubernetesMinor("v1.x.0"), undefined);
  });
});
