// The smaller kinds' defaults, release differences, and what the schema walk skips.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applySchemeDefaults, defaultOnCreate } from "../../../src/api/defaults/mod.ts";
import { target, testContext } from "./_context.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

describe("other kinds' defaults", () => {
  it("Namespace: the kubernetes.io/metadata.name label, also over a wrong value", () => {
    const object: Loose = {
      metadata: { name: "team", labels: { "kubernetes.io/metadata.name": "x" } },
    };
    defaultOnCreate(target("", "Namespace", "namespaces"), object, testContext());
    assert.deepEqual(object.metadata.labels, { "kubernetes.io/metadata.name": "team" });
  });

  it("PVC: volumeMode Filesystem and phase Pending; Secret: type Opaque", () => {
    const claim: Loose = { metadata: { name: "c" }, spec: { accessModes: ["ReadWriteOnce"] } };
    defaultOnCreate(
      target("", "PersistentVolumeClaim", "persistentvolumeclaims"),
      claim,
      testContext(),
    );
    assert.deepEqual([claim.spec.volumeMode, claim.status], ["Filesystem", { phase: "Pending" }]);
    const secret: Loose = { metadata: { name: "s" } };
    defaultOnCreate(target("", "Secret", "secrets"), secret, testContext());
    assert.equal(secret.type, "Opaque");
  });

  it("RBAC subjects and roleRef get their apiGroup (a ServiceAccount's empty one is left out, as kube-apiserver stores it)", () => {
    const binding: Loose = {
      metadata: { name: "b" },
      roleRef: { kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "User", name: "u" }, {
        kind: "ServiceAccount",
        name: "sa",
        namespace: "d",
      }],
    };
    defaultOnCreate(
      target(
        "rbac.authorization.k8s.io",
        "ClusterRoleBinding",
        "rbac.authorization.k8s.io/clusterrolebindings",
      ),
      binding,
      testContext(),
    );
    assert.equal(binding.roleRef.apiGroup, "rbac.authorization.k8s.io");
    assert.deepEqual(binding.subjects.map((s: Loose) => s.apiGroup), [
      "rbac.authorization.k8s.io",
      undefined,
    ]);
    assert.equal("apiGroup" in binding.subjects[1], false);
  });

  it("StorageClass, NetworkPolicy, HPA v2, webhooks", () => {
    const storage: Loose = { metadata: { name: "s" }, provisioner: "p" };
    defaultOnCreate(
      target("storage.k8s.io", "StorageClass", "storage.k8s.io/storageclasses"),
      storage,
      testContext(),
    );
    assert.deepEqual([storage.reclaimPolicy, storage.volumeBindingMode], ["Delete", "Immediate"]);
    const policy: Loose = {
      metadata: { name: "n" },
      spec: { egress: [{ ports: [{ port: 53 }] }] },
    };
    defaultOnCreate(
      target("networking.k8s.io", "NetworkPolicy", "networking.k8s.io/networkpolicies"),
      policy,
      testContext(),
    );
    assert.deepEqual(policy.spec.policyTypes, ["Ingress", "Egress"]);
    assert.equal(policy.spec.egress[0].ports[0].protocol, "TCP");
    const hpa: Loose = {
      metadata: { name: "h" },
      spec: { maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
    };
    defaultOnCreate(
      target(
        "autoscaling",
        "HorizontalPodAutoscaler",
        "autoscaling/horizontalpodautoscalers",
        "v2",
      ),
      hpa,
      testContext(),
    );
    assert.equal(hpa.spec.minReplicas, 1);
    assert.equal(hpa.spec.metrics[0].resource.target.averageUtilization, 80);
    assert.equal(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds, 60);
    assert.equal(hpa.spec.behavior.scaleUp.selectPolicy, "Max");
    // autoscaling/v1: the internal type's default CPU metric comes back as an 80 % target.
    const v1: Loose = {
      metadata: { name: "h" },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "w" },
        maxReplicas: 3,
      },
    };
    defaultOnCreate(
      target(
        "autoscaling",
        "HorizontalPodAutoscaler",
        "autoscaling/horizontalpodautoscalers",
        "v1",
      ),
      v1,
      testContext(),
    );
    assert.deepEqual([v1.spec.minReplicas, v1.spec.targetCPUUtilizationPercentage], [1, 80]);
    // flowcontrol/v1: an unset matching precedence is 1000.
    const schema: Loose = {
      metadata: { name: "f" },
      spec: { priorityLevelConfiguration: { name: "p" } },
    };
    defaultOnCreate(
      target(
        "flowcontrol.apiserver.k8s.io",
        "FlowSchema",
        "flowcontrol.apiserver.k8s.io/flowschemas",
      ),
      schema,
      testContext(),
    );
    assert.equal(schema.spec.matchingPrecedence, 1000);
    const hook: Loose = {
      metadata: { name: "w" },
      webhooks: [{
        name: "a.b.c",
        clientConfig: { service: { name: "s", namespace: "n" } },
        rules: [{ operations: ["CREATE"] }],
      }],
    };
    defaultOnCreate(
      target(
        "admissionregistration.k8s.io",
        "MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/mutatingwebhookconfigurations",
      ),
      hook,
      testContext(),
    );
    const [webhook] = hook.webhooks;
    assert.deepEqual(
      [
        webhook.failurePolicy,
        webhook.matchPolicy,
        webhook.timeoutSeconds,
        webhook.reinvocationPolicy,
        webhook.namespaceSelector,
      ],
      ["Fail", "Equivalent", 10, "Never", {}],
    );
    assert.equal(webhook.clientConfig.service.port, 443);
    assert.equal(webhook.rules[0].scope, "*");
  });

  it("release differences: a LoadBalancer ingress IP gets ipMode VIP from 1.30 on", () => {
    const lb = () => ({
      metadata: { name: "l" },
      spec: { type: "LoadBalancer" },
      status: { loadBalancer: { ingress: [{ ip: "1.2.3.4" }] } },
    });
    const old: Loose = lb();
    applySchemeDefaults(target("", "Service", "services"), old, testContext({ minor: 29 }));
    assert.equal(old.status.loadBalancer.ingress[0].ipMode, undefined);
    const current: Loose = lb();
    applySchemeDefaults(target("", "Service", "services"), current, testContext({ minor: 30 }));
    assert.equal(current.status.loadBalancer.ingress[0].ipMode, "VIP");
  });

  it("kinds without defaults are left as they are", () => {
    const configMap: Loose = { metadata: { name: "c" }, data: { a: "" } };
    defaultOnCreate(target("", "ConfigMap", "configmaps"), configMap, testContext());
    assert.deepEqual(configMap, { metadata: { name: "c" }, data: { a: "" } });
  });
});
