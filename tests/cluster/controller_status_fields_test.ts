// kube-controller-manager's status entry: its set follows the status's structure, its time moves only with it.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { controllerStatusEntries } from "../../src/cluster/controller_status_fields.ts";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import type { KubeObject } from "../../src/store/mod.ts";

const REPLICASETS = BUILTIN_CATALOG.byKey("apps/replicasets")!;
const T0 = new Date("2026-01-02T03:04:05Z");
const T1 = new Date("2026-01-02T03:04:09Z");

const withEntries = (managedFields: readonly object[]): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name: "web", namespace: "ns", managedFields },
});

describe("controller status entries", () => {
  it("keeps the list (and its time) while only counts change; a new field set moves the time", () => {
    const first = controllerStatusEntries("v1.33.1", REPLICASETS, withEntries([]), {
      replicas: 1,
      observedGeneration: 1,
    }, T0)!;
    assert.equal(first.length, 1);
    assert.equal(first[0].time, "2026-01-02T03:04:05Z");
    assert.deepEqual(first[0].fieldsV1, {
      "f:status": { "f:observedGeneration": {}, "f:replicas": {} },
    });
    const counts = controllerStatusEntries("v1.33.1", REPLICASETS, withEntries(first), {
      replicas: 3,
      observedGeneration: 2,
    }, T1);
    assert.equal(counts, first);
    const more = controllerStatusEntries("v1.33.1", REPLICASETS, withEntries(first), {
      replicas: 3,
      readyReplicas: 3,
      observedGeneration: 2,
    }, T1)!;
    assert.equal(more.length, 1);
    assert.equal(more[0].time, "2026-01-02T03:04:09Z");
    assert.deepEqual(Object.keys(more[0].fieldsV1 as object), ["f:status"]);
  });

  it("gives equal status writes of one second (any cluster) one frozen list and entry", () => {
    const status = { replicas: 2, readyReplicas: 2, observedGeneration: 1 };
    const seeded = Object.freeze({
      manager: "kubeadm",
      operation: "Update",
      apiVersion: "apps/v1",
      time: "2026-01-02T03:04:00Z",
      fieldsType: "FieldsV1",
      fieldsV1: Object.freeze({ "f:spec": {} }),
    });
    const one = controllerStatusEntries("v1.33.1", REPLICASETS, withEntries([seeded]), status, T0)!;
    const two = controllerStatusEntries("v1.33.1", REPLICASETS, withEntries([seeded]), status, T0)!;
    assert.equal(two, one);
    assert.ok(Object.isFrozen(one) && Object.isFrozen(one[1]));
    assert.deepEqual(one.map((e) => e.manager), ["kubeadm", "kube-controller-manager"]);
    // Another cluster's own first entry: the controller's entry is still the one shared.
    const own = { ...seeded };
    const three = controllerStatusEntries("v1.33.1", REPLICASETS, withEntries([own]), status, T0)!;
    assert.notEqual(three, one);
    assert.equal(three[1], one[1]);
    assert.equal(three[0], own);
  });

  it("sorts beside other managers as kube-apiserver encodes: operation, time, manager", () => {
    const kubectl = {
      manager: "kubectl",
      operation: "Update",
      apiVersion: "apps/v1",
      time: "2026-01-02T03:04:05Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:spec": {} },
    };
    const applied = {
      ...kubectl,
      manager: "helm",
      operation: "Apply",
      time: "2026-01-02T03:04:09Z",
    };
    const entries = controllerStatusEntries(
      "v1.33.1",
      REPLICASETS,
      withEntries([kubectl, applied]),
      { replicas: 1 },
      T0,
    )!;
    assert.deepEqual(entries.map((e) => e.manager), ["helm", "kube-controller-manager", "kubectl"]);
  });
});
