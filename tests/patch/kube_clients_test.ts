// What real clients send: kubectl label/annotate/cordon, CAPI's Machine-controller node patch, and the schemas.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  applyMergePatch,
  applyStrategicMergePatch,
  strategicSchemaFor,
} from "../../src/patch/mod.ts";
import { at, node } from "./_fixtures.ts";

const NODES = strategicSchemaFor("nodes");

describe("kubectl", () => {
  it("label: a merge patch adds one label and `env-` removes it with null", () => {
    const labelled = applyMergePatch(node(), { metadata: { labels: { env: "prod" } } });
    assert.deepEqual(at(labelled, "metadata.labels"), {
      "kubernetes.io/hostname": "wl-md-0-abcde",
      env: "prod",
    });
    const unlabelled = applyMergePatch(labelled, { metadata: { labels: { env: null } } });
    assert.deepEqual(at(unlabelled, "metadata.labels"), {
      "kubernetes.io/hostname": "wl-md-0-abcde",
    });
  });

  it("annotate: the same body works as a strategic merge patch", () => {
    const annotated = applyStrategicMergePatch(
      node(),
      { metadata: { annotations: { note: "x" } } },
      NODES,
    );
    assert.deepEqual(at(annotated, "metadata.annotations"), {
      "node.alpha.kubernetes.io/ttl": "0",
      note: "x",
    });
  });

  it("cordon and uncordon: {spec: {unschedulable}} leaves taints and the rest alone", () => {
    const cordoned = applyStrategicMergePatch(node(), { spec: { unschedulable: true } }, NODES);
    assert.deepEqual(at(cordoned, "spec"), { ...node().spec, unschedulable: true });
    const uncordoned = applyStrategicMergePatch(cordoned, { spec: { unschedulable: null } }, NODES);
    assert.deepEqual(at(uncordoned, "spec"), node().spec);
  });
});

describe("Cluster API", () => {
  it("Machine controller (A.5): annotations merge and resourceVersion is carried for the optimistic lock", () => {
    const patch = {
      metadata: {
        annotations: {
          "cluster.x-k8s.io/annotations-from-machine": "",
          "cluster.x-k8s.io/cluster-name": "wl",
          "cluster.x-k8s.io/cluster-namespace": "default",
          "cluster.x-k8s.io/labels-from-machine": "",
          "cluster.x-k8s.io/machine": "wl-md-0-xyz",
          "cluster.x-k8s.io/owner-kind": "MachineSet",
          "cluster.x-k8s.io/owner-name": "wl-md-0-abc",
        },
        resourceVersion: "17",
      },
    };
    const patched = applyStrategicMergePatch(node(), patch, NODES);
    assert.deepEqual(at(patched, "metadata.annotations"), {
      "node.alpha.kubernetes.io/ttl": "0",
      ...patch.metadata.annotations,
    });
    assert.equal(at(patched, "metadata.resourceVersion"), "17");
    assert.deepEqual(at(patched, "metadata.labels"), node().metadata.labels);
    assert.deepEqual(at(patched, "spec"), node().spec);
  });

  it("taint sync: spec.taints has no merge key, so the patch list replaces the node's", () => {
    const taints = [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }];
    const patched = applyStrategicMergePatch(node(), { spec: { taints } }, NODES);
    assert.deepEqual(at(patched, "spec.taints"), taints);
  });
});

describe("strategicSchemaFor", () => {
  it("knows the built-in kinds by resource key", () => {
    for (
      const key of [
        "pods",
        "nodes",
        "services",
        "configmaps",
        "apps/deployments",
        "apps/daemonsets",
      ]
    ) {
      assert.ok(strategicSchemaFor(key), key);
    }
    assert.deepEqual(strategicSchemaFor("pods")?.["spec.containers.ports"], {
      patchStrategy: "merge",
      patchMergeKey: "containerPort",
    });
    assert.deepEqual(
      strategicSchemaFor("apps/deployments")?.["spec.template.spec.containers.env"],
      {
        patchStrategy: "merge",
        patchMergeKey: "name",
      },
    );
    assert.equal(strategicSchemaFor("nodes")?.["spec.taints"], undefined);
  });

  it("has no schema for custom resources (the caller answers 415)", () => {
    assert.equal(strategicSchemaFor("cluster.x-k8s.io/machines"), undefined);
    assert.equal(strategicSchemaFor("toString"), undefined);
  });
});
