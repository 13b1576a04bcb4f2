// The scale subresource of a custom resource: the Scale it reads, the replicas it writes, the checks on write.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  customResourceSchema,
  errorBody,
  scaleOf,
  validateCustomResource,
  withScaleReplicas,
} from "../../../src/api/crd/mod.ts";

const SUBRESOURCES = {
  status: {},
  scale: {
    specReplicasPath: ".spec.replicas",
    statusReplicasPath: ".status.replicas",
    labelSelectorPath: ".status.selector",
  },
};
const schema = customResourceSchema(
  { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  false,
  SUBRESOURCES,
)!;

const object = {
  apiVersion: "example.com/v1",
  kind: "Widget",
  metadata: { name: "w", namespace: "default", uid: "u", resourceVersion: "7", labels: { a: "b" } },
  spec: { replicas: 3 },
  status: { replicas: 2, selector: "app=w" },
};

describe("custom resource scale subresource", () => {
  it("reads an autoscaling/v1 Scale from the replica and selector paths", () => {
    assert.deepEqual(scaleOf(schema.scale!, object), {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: { name: "w", namespace: "default", uid: "u", resourceVersion: "7" },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: "app=w" },
    });
  });

  it("writes replicas at the spec path without touching the stored object", () => {
    const scaled = withScaleReplicas(schema.scale!, object, 5);
    assert.deepEqual(scaled.spec, { replicas: 5 });
    assert.equal(object.spec.replicas, 3);
  });

  it("negative or fractional replicas are 422 on every write, as ValidateScaleSpec", () => {
    const negative = { ...object, spec: { replicas: -1 } };
    const [error] = validateCustomResource(schema, negative, undefined, { minor: 33 });
    assert.equal(error.field, ".spec.replicas");
    assert.equal(errorBody(error, 33), "Invalid value: -1: should be a non-negative integer");
    const fraction = { ...object, spec: { replicas: 1.5 } };
    assert.equal(
      errorBody(validateCustomResource(schema, fraction, undefined, { minor: 33 })[0], 33),
      "Invalid value: 0: .spec.replicas accessor error: 1.5 is of the type float64, expected int64",
    );
  });
});

describe("custom resource scale paths naming prototype keys", () => {
  it("a path through __proto__ writes an own field and never touches Object.prototype", () => {
    const paths = { specReplicasPath: ".spec.__proto__.polluted", statusReplicasPath: "" };
    const scaled = withScaleReplicas(paths, { spec: {} }, 3);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(scaled.spec), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(scaled.spec)), { ["__proto__"]: { polluted: 3 } });
    assert.deepEqual(scaleOf(paths, { spec: {} }).spec, {});
  });
});
