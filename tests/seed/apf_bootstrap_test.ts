// The API priority-and-fairness defaults per minor: what kube-apiserver's config producer creates.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  APF_BOOTSTRAP_MINORS,
  apfMinor,
  renderApfBootstrap,
} from "../../src/seed/apf_bootstrap.ts";
import { renderApiServerObjects } from "../../src/seed/apiserver_objects.ts";

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

const NOW = new Date("2026-01-02T03:04:05.678Z");
const named = (objects: Obj[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

describe("APF bootstrap configuration", () => {
  it("covers every supported minor 1.29–1.36; others take the nearest older one", () => {
    assert.deepEqual(APF_BOOTSTRAP_MINORS, [29, 30, 31, 32, 33, 34, 35, 36]);
    assert.equal(apfMinor("v1.33.1"), 33);
    assert.equal(apfMinor("v1.38.0"), 36);
    assert.equal(apfMinor("v1.27.3"), 29);
    assert.equal(apfMinor("nonsense"), 33);
  });

  it("creates upstream's suggested then mandatory objects, levels before schemas", () => {
    const schemas = (removed: readonly string[]) =>
      [
        "system-nodes",
        "system-node-high",
        "probes",
        "system-leader-election",
        "workload-leader-election",
        "endpoint-controller",
        "kube-controller-manager",
        "kube-scheduler",
        "kube-system-service-accounts",
        "service-accounts",
        "global-default",
      ].filter((n) => !removed.includes(n)).map((n) => `FlowSchema/${n}`);
    const levels = ["system", "node-high", "leader-election", "workload-high", "workload-low"]
      .concat("global-default").map((n) => `PriorityLevelConfiguration/${n}`);
    const mandatory = [
      "PriorityLevelConfiguration/catch-all",
      "PriorityLevelConfiguration/exempt",
      "FlowSchema/exempt",
      "FlowSchema/catch-all",
    ];
    const names = (version: string) =>
      renderApfBootstrap(version, NOW).map((o) => `${o.kind}/${o.metadata.name}`);
    for (const version of ["v1.29.6", "v1.33.1"]) {
      assert.deepEqual(names(version), [...levels, ...schemas([]), ...mandatory], version);
    }
    // 1.34 dropped the schemas of endpoints-based leader election and the endpoints controller.
    const removed = ["workload-leader-election", "endpoint-controller"];
    for (const version of ["v1.34.4", "v1.36.3"]) {
      assert.deepEqual(names(version), [...levels, ...schemas(removed), ...mandatory], version);
    }
  });

  it("writes the exempt level and schema as kube-apiserver serves them, Dangling False", () => {
    const objects = renderApfBootstrap("v1.33.1", NOW) as Obj[];
    assert.deepEqual(named(objects, "PriorityLevelConfiguration", "exempt"), {
      apiVersion: "flowcontrol.apiserver.k8s.io/v1",
      kind: "PriorityLevelConfiguration",
      metadata: { name: "exempt", annotations: { "apf.kubernetes.io/autoupdate-spec": "true" } },
      spec: { type: "Exempt", exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } },
      status: {},
    });
    assert.deepEqual(named(objects, "PriorityLevelConfiguration", "workload-low")!.spec, {
      type: "Limited",
      limited: {
        nominalConcurrencyShares: 100,
        limitResponse: {
          type: "Queue",
          queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 },
        },
        lendablePercent: 90,
      },
    });
    const exempt = named(objects, "FlowSchema", "exempt")!;
    assert.deepEqual(exempt.spec, {
      priorityLevelConfiguration: { name: "exempt" },
      matchingPrecedence: 1,
      rules: [{
        subjects: [{ kind: "Group", group: { name: "system:masters" } }],
        resourceRules: [{
          verbs: ["*"],
          apiGroups: ["*"],
          resources: ["*"],
          clusterScope: true,
          namespaces: ["*"],
        }],
        nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
      }],
    });
    assert.deepEqual(exempt.status, {
      conditions: [{
        type: "Dangling",
        status: "False",
        lastTransitionTime: "2026-01-02T03:04:05Z",
        reason: "Found",
        message:
          'This FlowSchema references the PriorityLevelConfiguration object named "exempt" and it exists',
      }],
    });
  });

  it("shares specs, annotations and one second's statuses between clusters; metadata is each one's", () => {
    const a = named(renderApfBootstrap("v1.33.1", NOW) as Obj[], "FlowSchema", "probes")!;
    const b = named(renderApfBootstrap("v1.33.9", NOW) as Obj[], "FlowSchema", "probes")!;
    assert.equal(a.spec, b.spec);
    assert.equal(a.metadata.annotations, b.metadata.annotations);
    assert.equal(a.status, b.status);
    assert.ok(Object.isFrozen(a.spec.rules[0].subjects));
    assert.notEqual(a.metadata, b.metadata);
    const later = new Date(NOW.getTime() + 1000);
    const c = named(renderApfBootstrap("v1.33.1", later) as Obj[], "FlowSchema", "probes")!;
    assert.equal(c.status.conditions[0].lastTransitionTime, "2026-01-02T03:04:06Z");
  });

  it("is among the objects kube-apiserver creates, with or without the RBAC policy", () => {
    const shape = { kubernetesVersion: "v1.33.1", serviceSubnet: "10.96.0.0/12", now: NOW };
    for (const policy of [false, true]) {
      const keys = renderApiServerObjects(shape, 6443, policy).map((o) => o.resourceKey);
      assert.equal(keys.filter((k) => k.endsWith("/flowschemas")).length, 13);
      assert.equal(keys.filter((k) => k.endsWith("/prioritylevelconfigurations")).length, 8);
    }
  });
});
