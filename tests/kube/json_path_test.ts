// Tests the JSONPath subset of CRD printer columns against the paths real CRDs use.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileJsonPath } from "../../src/kube/json_path.ts";

const MACHINE = {
  metadata: {
    name: "m-0",
    labels: { "cluster.x-k8s.io/cluster-name": "demo", "app.kubernetes.io/name": "fkas" },
  },
  spec: { replicas: 3, version: "v1.33.1" },
  status: {
    conditions: [
      { type: "Available", status: "False" },
      { type: "Ready", status: "True", reason: "Provisioned" },
    ],
    addresses: [{ address: "10.0.0.2" }, { address: "10.0.0.3" }],
  },
};

const read = (path: string) => compileJsonPath(path)(MACHINE);

describe("printer column JSONPaths", () => {
  it("follows dotted fields, with or without braces and a leading $", () => {
    assert.equal(read(".spec.replicas"), 3);
    assert.equal(read("{.spec.version}"), "v1.33.1");
    assert.equal(read("$.metadata.name"), "m-0");
  });

  it("reads label keys in quoted brackets, with escaped dots (CAPI's Cluster column)", () => {
    assert.equal(read(".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']"), "demo");
    assert.equal(read('.metadata.labels["cluster.x-k8s.io/cluster-name"]'), "demo");
  });

  it("reads keys whose dots are escaped in the dotted form", () => {
    assert.equal(read(".metadata.labels.app\\.kubernetes\\.io/name"), "fkas");
  });

  it("indexes arrays, negative indexes from the end", () => {
    assert.equal(read(".status.addresses[0].address"), "10.0.0.2");
    assert.equal(read(".status.addresses[-1].address"), "10.0.0.3");
    assert.equal(read(".status.addresses[5].address"), undefined);
  });

  it("filters list items by a field (CAPI's Ready and Reason columns)", () => {
    assert.equal(read('.status.conditions[?(@.type=="Ready")].status'), "True");
    assert.equal(read(".status.conditions[?(@.type=='Ready')].reason"), "Provisioned");
    assert.equal(read('.status.conditions[?(@.type=="Missing")].status'), undefined);
  });

  it("answers undefined for paths through missing or scalar values", () => {
    assert.equal(read(".spec.missing.deeper"), undefined);
    assert.equal(read(".spec.replicas.deeper"), undefined);
    assert.equal(read(".metadata.name[0]"), undefined);
  });
});
