// A CRD group's versions in discovery are ordered by Kubernetes version priority, the first being
// the preferred one (kube-apiserver v1.36.3 answers `/apis/probe.example.com` with v2 before v1
// and prefers v2 for a CRD declaring v1 then v2); built-in groups keep their recorded order.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";
import { compareKubeAwareVersions } from "../../src/kube/version_priority.ts";

const crd = (versions: string[]) => ({
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.probe.example.com" },
  spec: {
    group: "probe.example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: versions.map((name, i) => ({
      name,
      served: true,
      storage: i === 0,
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    })),
  },
});

describe("CRD version priority", () => {
  it("sorts as apimachinery's CompareKubeAwareVersionStrings (GA, beta, alpha; then numbers)", () => {
    const versions = ["v1alpha1", "foo", "v2beta1", "v1", "v11alpha2", "v2", "v1beta2", "bar"];
    assert.deepEqual(versions.sort(compareKubeAwareVersions), [
      "v2",
      "v1",
      "v2beta1",
      "v1beta2",
      "v11alpha2",
      "v1alpha1",
      "bar",
      "foo",
    ]);
  });

  it("lists a CRD group's versions by priority in discovery and prefers the highest", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    assert.equal((await call("POST", crds, crd(["v1", "v2", "v1beta1"]))).status, 201);
    const group = (await call("GET", "/apis/probe.example.com")).json;
    assert.deepEqual(group.versions.map((v: { version: string }) => v.version), [
      "v2",
      "v1",
      "v1beta1",
    ]);
    assert.deepEqual(group.preferredVersion, {
      groupVersion: "probe.example.com/v2",
      version: "v2",
    });
    const list = (await call("GET", "/apis")).json;
    const listed = list.groups.find((g: { name: string }) => g.name === "probe.example.com");
    assert.equal(listed.preferredVersion.version, "v2");
    const aggregated = (await call("GET", "/apis", undefined, {
      accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    })).json;
    const item = aggregated.items.find((i: { metadata: { name: string } }) =>
      i.metadata.name === "probe.example.com"
    );
    assert.deepEqual(item.versions.map((v: { version: string }) => v.version), [
      "v2",
      "v1",
      "v1beta1",
    ]);
    // A built-in group keeps kube-apiserver's recorded order.
    const autoscaling = (await call("GET", "/apis/autoscaling")).json;
    assert.deepEqual(autoscaling.versions.map((v: { version: string }) => v.version), [
      "v2",
      "v1",
    ]);
  });
});
