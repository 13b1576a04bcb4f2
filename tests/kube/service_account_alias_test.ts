import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const pod = (spec: Loose) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { ...spec, containers: [{ name: "c", image: "nginx" }] },
});

describe("spec.serviceAccount, v1's alias of serviceAccountName", () => {
  it("is stored with the name and owned with it by the writer that set either", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const created = await call(
        "POST",
        "/api/v1/namespaces/default/pods",
        pod({ serviceAccount: "default" }),
      );
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.spec.serviceAccountName, "default");
      assert.equal(created.json.spec.serviceAccount, "default");
      const owned = created.json.metadata.managedFields[0].fieldsV1["f:spec"];
      assert.deepEqual(owned["f:serviceAccount"], {});
      assert.deepEqual(owned["f:serviceAccountName"], {});
    } finally {
      await cluster.close();
    }
  });

  it("admission's default is no manager's, alias included", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const created = await call("POST", "/api/v1/namespaces/default/pods", pod({}));
      assert.equal(created.json.spec.serviceAccount, "default");
      const owned = created.json.metadata.managedFields[0].fieldsV1["f:spec"];
      assert.equal(owned["f:serviceAccount"], undefined);
      assert.equal(owned["f:serviceAccountName"], undefined);
    } finally {
      await cluster.close();
    }
  });

  it("follows the name in a Deployment's template on update", async () => {
    const { call, cluster } = kubeFixture();
    try {
      const path = "/apis/apps/v1/namespaces/default/deployments";
      const template = (spec: Loose) => ({
        metadata: { labels: { app: "a" } },
        spec: { ...spec, containers: [{ name: "c", image: "nginx" }] },
      });
      const body = (spec: Loose) => ({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "a" },
        spec: { selector: { matchLabels: { app: "a" } }, template: template(spec) },
      });
      const created = await call("POST", path, body({ serviceAccountName: "one" }));
      assert.equal(created.json.spec.template.spec.serviceAccount, "one");
      const updated = await call("PUT", `${path}/a`, {
        ...created.json,
        spec: {
          ...created.json.spec,
          template: template({ serviceAccountName: "two", serviceAccount: "one" }),
        },
      });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.json.spec.template.spec.serviceAccountName, "two");
      assert.equal(updated.json.spec.template.spec.serviceAccount, "two");
    } finally {
      await cluster.close();
    }
  });
});
