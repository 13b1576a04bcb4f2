// Tests how unsupported fields fail: per-kind conversions, the generic built-in fallback, custom resources.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFieldSelector, SelectorError } from "../../src/selectors/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";

function rejects(text: string, resourceKey: string, message: string, namespaced?: boolean) {
  assert.throws(() => parseFieldSelector(text, resourceKey, { namespaced }), (error) => {
    assert.ok(error instanceof SelectorError);
    assert.equal(error.message, message);
    return true;
  });
}

function readsAll(resourceKey: string, object: KubeObject, fields: Record<string, string>) {
  for (const [field, value] of Object.entries(fields)) {
    assert.equal(parseFieldSelector(`${field}=${value}`, resourceKey).matches(object), true, field);
  }
}

describe("unsupported field labels", () => {
  it("kinds with their own conversion say field label not supported", () => {
    rejects("spec.replicas=1", "pods", "field label not supported: spec.replicas");
    rejects("status.phase=Ready", "nodes", "field label not supported: status.phase");
    rejects("metadata.namespace=", "nodes", "field label not supported: metadata.namespace");
    rejects("metadata.namespace=", "namespaces", "field label not supported: metadata.namespace");
  });

  it("other built-ins use the generic metadata-only message", () => {
    rejects(
      "spec.replicas=1",
      "apps/deployments",
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    rejects(
      "data=x",
      "configmaps",
      '"data" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    readsAll("rbac.authorization.k8s.io/clusterroles", { metadata: { name: "admin" } }, {
      "metadata.name": "admin",
      "metadata.namespace": "",
    });
  });

  it("custom resources support the metadata fields only", () => {
    const machine: KubeObject = {
      metadata: { name: "m1", namespace: "ns" },
      spec: { clusterName: "c" },
    };
    readsAll("cluster.x-k8s.io/machines", machine, {
      "metadata.name": "m1",
      "metadata.namespace": "ns",
    });
    rejects(
      "spec.clusterName=c",
      "cluster.x-k8s.io/machines",
      "field label not supported: spec.clusterName",
    );
    rejects(
      "metadata.namespace=",
      "example.com/clusterwides",
      "field label not supported: metadata.namespace",
      false,
    );
  });
});
