// The quota evaluators' usage and scopes (k8s.io/kubernetes v1.36.3 pkg/quota/v1/evaluator/core).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchingNames, objectUsage, QuantitySums, scopesMatch } from "../../src/quota/mod.ts";

const PODS = { name: "pods", group: "" };
const container = (requests: object, limits: object = {}) => ({
  name: "c",
  image: "nginx",
  resources: { requests, limits },
});

describe("quota usage", () => {
  it("counts a pod's compute by the pod totals, and a finished pod as an object only", () => {
    const pod = {
      spec: {
        containers: [container({ cpu: "250m", memory: "64Mi" }, { memory: "128Mi" })],
        initContainers: [container({ cpu: "1" })],
      },
    };
    assert.deepEqual(objectUsage(PODS, pod, true), {
      "count/pods": "1",
      pods: "1",
      cpu: "1",
      "requests.cpu": "1",
      memory: "64Mi",
      "requests.memory": "64Mi",
      "limits.memory": "128Mi",
    });
    assert.deepEqual(objectUsage(PODS, { ...pod, status: { phase: "Succeeded" } }, true), {
      "count/pods": "1",
    });
  });

  it("counts services' node ports and load balancers, claims' storage per class, others by count", () => {
    const services = { name: "services", group: "" };
    const lb = { spec: { type: "LoadBalancer", ports: [{ port: 80 }, { port: 443 }] } };
    assert.deepEqual(objectUsage(services, lb, true), {
      "count/services": "1",
      services: "1",
      "services.loadbalancers": "1",
      "services.nodeports": "2",
    });
    const claims = { name: "persistentvolumeclaims", group: "" };
    const claim = {
      spec: { storageClassName: "fast", resources: { requests: { storage: "5Gi" } } },
    };
    assert.deepEqual(objectUsage(claims, claim, true), {
      persistentvolumeclaims: "1",
      "count/persistentvolumeclaims": "1",
      "fast.storageclass.storage.k8s.io/persistentvolumeclaims": "1",
      "requests.storage": "5Gi",
      "fast.storageclass.storage.k8s.io/requests.storage": "5Gi",
    });
    const deployments = { name: "deployments", group: "apps" };
    assert.deepEqual(objectUsage(deployments, {}, true), { "count/deployments.apps": "1" });
    assert.deepEqual(
      matchingNames(deployments, ["count/deployments.apps", "pods", "count/deployments"]),
      ["count/deployments.apps"],
    );
  });

  it("selects pods by the quota's scopes and no other kind", () => {
    const bestEffort = { spec: { containers: [{ name: "c" }] } };
    const burstable = { spec: { containers: [container({ cpu: "1" })], activeDeadlineSeconds: 5 } };
    const quota = (scopes: string[]) => ({ spec: { scopes } });
    assert.equal(scopesMatch(PODS, quota(["BestEffort"]), bestEffort), true);
    assert.equal(scopesMatch(PODS, quota(["BestEffort"]), burstable), false);
    assert.equal(scopesMatch(PODS, quota(["NotBestEffort", "Terminating"]), burstable), true);
    assert.equal(scopesMatch(PODS, quota(["NotTerminating"]), burstable), false);
    const priority = {
      spec: {
        scopeSelector: {
          matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }],
        },
      },
    };
    assert.equal(scopesMatch(PODS, priority, { spec: { priorityClassName: "high" } }), true);
    assert.equal(scopesMatch(PODS, priority, { spec: {} }), false);
    assert.equal(scopesMatch({ name: "configmaps", group: "" }, quota(["BestEffort"]), {}), false);
  });

  it("adds quantities in the first addend's format, as Quantity.Add does", () => {
    const sums = new QuantitySums().add({ memory: "600Mi", cpu: "1" }).add({
      memory: "500M",
      cpu: "1500m",
    });
    assert.deepEqual(sums.list(), { memory: "1129145600", cpu: "2500m" });
    assert.deepEqual(new QuantitySums().add({ m: "0" }).add({ m: "100Mi" }).list(), { m: "100Mi" });
  });
});
