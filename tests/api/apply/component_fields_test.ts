// A component's create entries: equal lists are one, and one controller's lists in other clusters share their FieldsV1 parts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  builtinType,
  componentCreateEntries,
  type Json,
  managedFieldsAfterCreate,
} from "../../../src/api/apply/mod.ts";
import { builtinSchemas } from "../../../src/api/schema/mod.ts";

const TYPE = builtinType(builtinSchemas("v1.33.1"), "", "v1", "Pod")!;
const REQUEST = {
  type: TYPE,
  apiVersion: "v1",
  manager: "kube-controller-manager",
  now: Date.parse("2026-01-02T03:04:05Z"),
};

// A DaemonSet's pod as kube-controller-manager sends it, in a cluster where the owner has `uid`.
function sentPod(uid: string, name = "proxy-abcde"): Json {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: "proxy-",
      name,
      namespace: "kube-system",
      labels: { app: "proxy" },
      ownerReferences: [{
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        name: "proxy",
        uid,
        controller: true,
        blockOwnerDeletion: true,
      }],
    },
    spec: {
      containers: [{ name: "proxy", image: "proxy:1.0", command: ["/proxy", "--v=2"] }],
      restartPolicy: "Always",
    },
  };
}

type Fields = Record<string, Record<string, unknown>>;

describe("componentCreateEntries", () => {
  it("makes one frozen list of equal creates", () => {
    const a = componentCreateEntries({ metadata: {} }, sentPod("uid-one"), REQUEST);
    const b = componentCreateEntries({ metadata: {} }, sentPod("uid-one", "proxy-fghij"), REQUEST);
    assert.equal(a, b);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a[0].fieldsV1));
  });

  it("shares the FieldsV1 parts that one controller's creates in other clusters have alike", () => {
    const one = componentCreateEntries({ metadata: {} }, sentPod("uid-cluster-1"), REQUEST);
    const two = componentCreateEntries({ metadata: {} }, sentPod("uid-cluster-2"), REQUEST);
    const fieldsOne = one[0].fieldsV1 as Fields;
    const fieldsTwo = two[0].fieldsV1 as Fields;
    assert.notEqual(one, two);
    // The spec and the labels are equal in both clusters: one object.
    assert.equal(fieldsTwo["f:spec"], fieldsOne["f:spec"]);
    assert.equal(fieldsTwo["f:metadata"]["f:labels"], fieldsOne["f:metadata"]["f:labels"]);
    // The owner's uid differs: that part is the list's own, and the text is as unshared.
    assert.notEqual(
      fieldsTwo["f:metadata"]["f:ownerReferences"],
      fieldsOne["f:metadata"]["f:ownerReferences"],
    );
    const unshared = managedFieldsAfterCreate({ metadata: {} }, sentPod("uid-cluster-2"), REQUEST);
    assert.equal(JSON.stringify(two), JSON.stringify(unshared));
    assert.match(JSON.stringify(two), /k:\{\\"uid\\":\\"uid-cluster-2\\"\}/);
    assert.ok(Object.isFrozen(fieldsTwo["f:metadata"]));
  });
});
