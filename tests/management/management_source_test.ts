import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { managementSource, SERVICE_ACCOUNT_TOKEN } from "../../src/management/management_source.ts";

const IN_POD = { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443" };
const tokenMounted = (path: string) => path === SERVICE_ACCOUNT_TOKEN;
const nothingMounted = () => false;

describe("managementSource", () => {
  it("none means no management cluster, even in a pod", () => {
    assert.equal(managementSource("none", IN_POD, tokenMounted), undefined);
  });

  it("in-cluster means the pod's service account, whatever the environment says", () => {
    assert.deepEqual(managementSource("in-cluster", {}, nothingMounted), { kind: "in-cluster" });
  });

  it("anything else is a kubeconfig path, taken as given", () => {
    assert.deepEqual(managementSource("/etc/fkas/kubeconfig", IN_POD, tokenMounted), {
      kind: "kubeconfig",
      path: "/etc/fkas/kubeconfig",
    });
    assert.deepEqual(managementSource("relative/kubeconfig", {}, nothingMounted), {
      kind: "kubeconfig",
      path: "relative/kubeconfig",
    });
  });

  it("unset means in-cluster inside a pod with a mounted service account token", () => {
    assert.equal(SERVICE_ACCOUNT_TOKEN, "/var/run/secrets/kubernetes.io/serviceaccount/token");
    assert.deepEqual(managementSource(undefined, IN_POD, tokenMounted), { kind: "in-cluster" });
  });

  it("unset means none outside a pod: no service host, or no token mounted", () => {
    assert.equal(managementSource(undefined, {}, tokenMounted), undefined);
    assert.equal(
      managementSource(undefined, { KUBERNETES_SERVICE_HOST: "" }, tokenMounted),
      undefined,
    );
    assert.equal(managementSource(undefined, IN_POD, nothingMounted), undefined);
  });
});
