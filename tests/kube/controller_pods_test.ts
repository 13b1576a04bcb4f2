import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const TEMPLATE_SPEC = { containers: [{ name: "c", image: "nginx" }] };

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: TEMPLATE_SPEC },
  },
};

type Call = ReturnType<typeof kubeFixture>["call"];

// The Deployment's first pod, once its controllers made it.
async function controllerPod(call: Call) {
  for (let i = 0; i < 200; i++) {
    const items = (await call("GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb"))
      .json.items;
    if (items.length > 0) return items[0];
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the Deployment made no pod");
}

// A pod spec with its random token volume name made constant.
// deno-lint-ignore no-explicit-any
const shapeOf = (spec: any) =>
  JSON.parse(JSON.stringify(spec).replace(/kube-api-access-\w{5}/g, "kube-api-access-*"));

describe("pods made by workload controllers", () => {
  it("are what a REST create stores: decode-time defaults and admission", async () => {
    const { call, cluster } = kubeFixture({ workloads: true });
    try {
      assert.equal(
        (await call("POST", "/apis/apps/v1/namespaces/default/deployments", deployment)).status,
        201,
      );
      const pod = await controllerPod(call);
      const created = await call("POST", "/api/v1/namespaces/default/pods", {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "mine" },
        spec: TEMPLATE_SPEC,
      });
      assert.equal(created.status, 201);
      assert.deepEqual(shapeOf(pod.spec), shapeOf(created.json.spec));
      assert.equal(pod.spec.enableServiceLinks, true);
      assert.match(pod.spec.volumes[0].name, /^kube-api-access-[b-z2-9]{5}$/);
      assert.equal(pod.spec.priority, 0);
      assert.equal(pod.spec.serviceAccount, "default");
      // The Deployment's stored template is not changed by its pods' admission.
      const rs = (await call("GET", "/apis/apps/v1/namespaces/default/replicasets")).json.items[0];
      assert.deepEqual(Object.keys(rs.spec.template.spec).includes("volumes"), false);
      assert.equal(rs.spec.template.spec.containers[0].volumeMounts, undefined);
    } finally {
      await cluster.close();
    }
  });

  it("answer 200 to a PUT of themselves unchanged", async () => {
    const { call, cluster } = kubeFixture({ workloads: true });
    try {
      await call("POST", "/apis/apps/v1/namespaces/default/deployments", deployment);
      const pod = await controllerPod(call);
      const put = await call("PUT", `/api/v1/namespaces/default/pods/${pod.metadata.name}`, pod);
      assert.equal(put.status, 200, put.text);
      assert.deepEqual(put.json.spec, pod.spec);
    } finally {
      await cluster.close();
    }
  });
});
