// metadata.generation where each release's registry strategies set it: 1 on create, +1 when what
// the kind counts changes; pods only from 1.33 (k8s.io/kubernetes pkg/registry/*/strategy.go).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const POD = {
  metadata: { name: "p" },
  spec: { containers: [{ name: "c", image: "busybox" }] },
};

describe("metadata.generation", () => {
  it("a Pod has none before 1.33 and 1 from 1.33 on", async () => {
    for (const [version, expected] of [["v1.32.13", undefined], ["v1.33.1", 1]] as const) {
      const { call } = kubeFixture({ kubernetesVersion: version });
      const created = await call("POST", "/api/v1/namespaces/default/pods", POD);
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.metadata.generation, expected, version);
    }
  });

  it("a PriorityClass, IngressClass and FlowSchema start at 1 as in kube-apiserver v1.36.3", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const priority = await call("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", {
      metadata: { name: "high" },
      value: 1000,
    });
    assert.equal(priority.status, 201, priority.text);
    assert.equal(priority.json.metadata.generation, 1);
    const ingressClass = await call("POST", "/apis/networking.k8s.io/v1/ingressclasses", {
      metadata: { name: "nginx" },
      spec: { controller: "example.com/ingress" },
    });
    assert.equal(ingressClass.json.metadata.generation, 1);
  });

  it("a PodTemplate counts changes of its template, not of its labels", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const path = "/api/v1/namespaces/default/podtemplates";
    const created = await call("POST", path, {
      metadata: { name: "t" },
      template: { spec: { containers: [{ name: "c", image: "a" }] } },
    });
    assert.equal(created.json.metadata.generation, 1);
    const merge = { "content-type": "application/merge-patch+json" };
    const labelled = await call("PATCH", `${path}/t`, { metadata: { labels: { a: "b" } } }, merge);
    assert.equal(labelled.json.metadata.generation, 1);
    const changed = await call("PATCH", `${path}/t`, {
      template: { metadata: { labels: { x: "y" } } },
    }, merge);
    assert.equal(changed.json.metadata.generation, 2);
  });
});
