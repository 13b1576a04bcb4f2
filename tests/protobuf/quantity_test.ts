// Quantity strings as Go's resource.Quantity marshals them; each pair is what k8s.io/apimachinery
// v0.33.1's ParseQuantity(s).String() printed.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalQuantity } from "../../src/protobuf/quantity.ts";
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";

const GO: readonly [string, string | undefined][] = [
  ["1000m", "1"],
  ["0.5", "500m"],
  ["1Ki", "1Ki"],
  ["1", "1"],
  ["100m", "100m"],
  ["1.5", "1500m"],
  ["2000", "2k"],
  ["1500", "1500"],
  ["1e3", "1e3"],
  ["1.5e3", "1500"],
  ["1024", "1024"],
  ["1024Ki", "1Mi"],
  ["1536Ki", "1536Ki"],
  ["0.5Ki", "512"],
  ["0.5Gi", "512Mi"],
  ["1.5Ki", "1536"],
  ["+1", "+1"],
  ["01", "01"],
  ["-1000m", "-1"],
  ["1n", "1n"],
  ["0.1n", "1n"],
  ["1e-12", "1e-9"],
  ["100Mi", "100Mi"],
  ["129e6", "129e6"],
  ["12345678901234567890", "12345678901234567890"],
  ["1Ei", "1Ei"],
  ["8Ei", "9223372036854775807"],
  ["10Ei", "9223372036854775807"],
  ["0Ki", "0"],
  ["0.0", "0"],
  ["1.", "1."],
  ["abc", undefined],
  ["1Z", undefined],
  ["4Gi", "4Gi"],
  ["250m", "250m"],
  ["1000000k", "1G"],
  ["-0.5", "-500m"],
];

describe("Quantity canonical form", () => {
  for (const [input, expected] of GO) {
    it(`${JSON.stringify(input)} marshals as ${JSON.stringify(expected)}`, () => {
      assert.equal(canonicalQuantity(input), expected);
    });
  }

  it("past E there is no DecimalSI suffix: exponent notation keeps the value (apimachinery main)", () => {
    assert.equal(canonicalQuantity("1000E"), "1e21");
  });

  it("huge exponents cost nothing: 1e-999999999 rounds up to a nano", () => {
    assert.equal(canonicalQuantity("1e-999999999"), "1e-9");
    assert.equal(canonicalQuantity("1e999999999"), "1e999999999");
  });

  it("a pod's resources go out in protobuf canonical, and read back canonical", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: {
        containers: [{
          name: "c",
          resources: { requests: { cpu: "1000m", memory: "0.5Gi" }, limits: { cpu: 0.5 } },
        }],
      },
    };
    const decoded = decodeKubernetesProtobuf(encodeKubernetesProtobuf(pod)).object as {
      spec: { containers: { resources: unknown }[] };
    };
    assert.deepEqual(decoded.spec.containers[0].resources, {
      requests: { cpu: "1", memory: "512Mi" },
      limits: { cpu: "500m" },
    });
  });
});
