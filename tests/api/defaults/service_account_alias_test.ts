// v1's deprecated `serviceAccount`: aliased to `serviceAccountName` in every kind holding a PodSpec.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applySchemeDefaults, defaultOnCreate } from "../../../src/api/defaults/mod.ts";
import { target, testContext } from "./_context.ts";

const POD = target("", "Pod", "pods");
const CONTAINERS = [{ name: "c", image: "x:1", imagePullPolicy: "IfNotPresent" }];

// deno-lint-ignore no-explicit-any
type Loose = any;

// Whether serviceAccount is the key right after serviceAccountName, as Go encodes a PodSpec.
const adjacent = (spec: Loose) => {
  const keys = Object.keys(spec);
  return keys[keys.indexOf("serviceAccountName") + 1] === "serviceAccount";
};

describe("the serviceAccount alias of v1 conversion", () => {
  it("a pod naming serviceAccountName stores serviceAccount right after it", () => {
    const pod: Loose = {
      metadata: { name: "p", namespace: "default" },
      spec: { serviceAccountName: "robot", containers: CONTAINERS },
    };
    applySchemeDefaults(POD, pod, testContext());
    assert.equal(pod.spec.serviceAccount, "robot");
    assert.ok(adjacent(pod.spec));
  });

  it("an empty serviceAccountName takes serviceAccount's value (the new field wins otherwise)", () => {
    const old: Loose = { spec: { serviceAccount: "legacy", containers: CONTAINERS } };
    applySchemeDefaults(POD, old, testContext());
    assert.equal(old.spec.serviceAccountName, "legacy");
    assert.equal(old.spec.serviceAccount, "legacy");
    assert.ok(adjacent(old.spec));
    const both: Loose = {
      spec: { serviceAccount: "legacy", serviceAccountName: "new", containers: CONTAINERS },
    };
    applySchemeDefaults(POD, both, testContext());
    assert.equal(both.spec.serviceAccountName, "new");
    assert.equal(both.spec.serviceAccount, "new");
    assert.ok(adjacent(both.spec));
  });

  it("admission's default service account gets its alias too", () => {
    const pod: Loose = {
      metadata: { name: "p", namespace: "default" },
      spec: { containers: CONTAINERS },
    };
    defaultOnCreate(POD, pod, testContext());
    assert.equal(pod.spec.serviceAccountName, "default");
    assert.equal(pod.spec.serviceAccount, "default");
  });

  it("empty names are omitted, as Go's omitempty", () => {
    const pod: Loose = { spec: { serviceAccount: "", containers: CONTAINERS } };
    applySchemeDefaults(POD, pod, testContext());
    assert.equal("serviceAccount" in pod.spec, false);
  });

  it("reaches the template of every workload kind, and a CronJob's job template", () => {
    const template = () => ({ spec: { serviceAccountName: "robot", containers: CONTAINERS } });
    const kinds: [Loose, Loose][] = [
      [target("", "PodTemplate", "podtemplates"), { template: template() }],
      [target("", "ReplicationController", "replicationcontrollers"), {
        spec: { template: template() },
      }],
      [target("apps", "Deployment", "apps/deployments"), { spec: { template: template() } }],
      [target("apps", "ReplicaSet", "apps/replicasets"), { spec: { template: template() } }],
      [target("apps", "DaemonSet", "apps/daemonsets"), { spec: { template: template() } }],
      [target("apps", "StatefulSet", "apps/statefulsets"), { spec: { template: template() } }],
      [target("batch", "Job", "batch/jobs"), { spec: { template: template() } }],
      [target("batch", "CronJob", "batch/cronjobs"), {
        spec: { jobTemplate: { spec: { template: template() } } },
      }],
    ];
    for (const [kind, object] of kinds) {
      applySchemeDefaults(kind, object, testContext());
      const spec = kind.key === "podtemplates"
        ? object.template.spec
        : kind.key === "batch/cronjobs"
        ? object.spec.jobTemplate.spec.template.spec
        : object.spec.template.spec;
      assert.equal(spec.serviceAccount, "robot", kind.key);
    }
  });

  it("leaves values of the wrong type to validation", () => {
    const pod: Loose = { spec: { serviceAccountName: 7, containers: CONTAINERS } };
    applySchemeDefaults(POD, pod, testContext());
    assert.equal("serviceAccount" in pod.spec, false);
  });

  it("a PodSpec whose keys must move is replaced in its parent, never reordered in place", () => {
    // Deleting and re-adding every key leaves an object slow to read (V8's and JavaScriptCore's
    // dictionary mode); a template's PodSpec is replaced where it is held.
    const spec: Loose = { containers: CONTAINERS, serviceAccountName: "robot", hostname: "h" };
    const deployment: Loose = { spec: { template: { spec } } };
    applySchemeDefaults(
      target("apps", "Deployment", "apps/deployments"),
      deployment,
      testContext(),
    );
    const stored = deployment.spec.template.spec;
    assert.notEqual(stored, spec);
    // The walker's defaults are added to it in place; the alias is the new spec's only.
    assert.deepEqual(Object.keys(spec).slice(0, 3), [
      "containers",
      "serviceAccountName",
      "hostname",
    ]);
    assert.equal("serviceAccount" in spec, false);
    assert.equal(stored.serviceAccount, "robot");
    assert.ok(adjacent(stored));
    assert.equal(stored.hostname, "h");
  });
});
