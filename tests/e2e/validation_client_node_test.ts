// @kubernetes/client-node against fkas's validation: 422 Invalid with kube-apiserver's Status and causes.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type * as K8s from "@kubernetes/client-node";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import { closeClients, clusterConfig, k8s, statusOf } from "./client_node_fixture.ts";

async function invalid(call: Promise<unknown>): Promise<K8s.V1Status> {
  const error = await call.then(
    (value) => assert.fail(`expected a 422, got ${JSON.stringify(value)}`),
    (e) => e,
  );
  const { code, status } = statusOf(error);
  assert.equal(code, 422, String(error));
  assert.ok(status);
  return status;
}

describe("@kubernetes/client-node and validation", { timeout: 60_000 }, () => {
  let fkas: FkasProcess;
  let apps: K8s.AppsV1Api;
  let rbac: K8s.RbacAuthorizationV1Api;
  before(async () => {
    fkas = await startFkasProcess();
    const kc = await clusterConfig(fkas, "valid");
    apps = kc.makeApiClient(k8s.AppsV1Api);
    rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  });
  after(async () => {
    await closeClients();
    await fkas?.stop();
  });

  it("a Deployment without a selector: two causes, in kube-apiserver's order and words", async () => {
    const status = await invalid(apps.createNamespacedDeployment({
      namespace: "default",
      body: {
        metadata: { name: "web" },
        spec: {
          selector: undefined as never,
          template: {
            metadata: { labels: { app: "web" } },
            spec: { containers: [{ name: "web", image: "nginx" }] },
          },
        },
      },
    }));
    assert.equal(status.reason, "Invalid");
    assert.equal(
      status.message,
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    assert.deepEqual(status.details, {
      name: "web",
      group: "apps",
      kind: "Deployment",
      causes: [
        { reason: "FieldValueRequired", message: "Required value", field: "spec.selector" },
        {
          reason: "FieldValueInvalid",
          message:
            'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
          field: "spec.template.metadata.labels",
        },
      ],
    });
  });

  it("a RoleBinding's roleRef cannot change", async () => {
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" };
    const created = await rbac.createNamespacedRoleBinding({
      namespace: "default",
      body: { metadata: { name: "rb" }, roleRef, subjects: [{ kind: "User", name: "alice" }] },
    });
    const status = await invalid(rbac.replaceNamespacedRoleBinding({
      name: "rb",
      namespace: "default",
      body: { ...created, roleRef: { ...roleRef, name: "edit" } },
    }));
    assert.equal(
      status.message,
      'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
    assert.deepEqual(status.details?.causes, [{
      reason: "FieldValueInvalid",
      message:
        'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
      field: "roleRef",
    }]);
  });
});
