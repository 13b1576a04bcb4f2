// PVCs, PVs, ResourceQuotas, LimitRanges and ReplicationControllers: the oracle's invalid objects
// with the causes kube-apiserver v1.36.3 answered, in its order.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidStatus, validateCreate } from "../../../src/api/validation/mod.ts";

function message(key: string, kind: string, body: Record<string, unknown>, namespaced = true) {
  const metadata = { name: "bad", ...(namespaced ? { namespace: "surface" } : {}) };
  const errors = validateCreate({ key, namespaced }, { metadata, ...body }, 36);
  return invalidStatus(kind, "bad", errors, 36).message;
}

describe("core storage, quota and controller kinds", () => {
  it("PersistentVolumeClaim: access modes and a positive storage request", () => {
    assert.equal(
      message("persistentvolumeclaims", "PersistentVolumeClaim", {
        spec: { accessModes: ["ReadSometimes"], resources: { requests: { storage: "-1Gi" } } },
      }),
      'PersistentVolumeClaim "bad" is invalid: [spec.accessModes: Unsupported value: "ReadSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod", spec.resources[storage]: Invalid value: "-1Gi": must be greater than zero]',
    );
  });

  it("PersistentVolume: access modes, a storage capacity, a reclaim policy, a volume type", () => {
    assert.equal(
      message("persistentvolumes", "PersistentVolume", {
        spec: { capacity: {}, accessModes: [], persistentVolumeReclaimPolicy: "Keep" },
      }, false),
      'PersistentVolume "bad" is invalid: [spec.accessModes: Required value, spec.capacity: Required value, spec.capacity: Unsupported value: {}: supported values: "storage", spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain", spec: Required value: must specify a volume type]',
    );
  });

  it("ResourceQuota and LimitRange: no negative quantity, a known type, min within max", () => {
    assert.equal(
      message("resourcequotas", "ResourceQuota", {
        spec: { hard: { pods: "-1", "bogus/thing": "1" } },
      }),
      'ResourceQuota "bad" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0',
    );
    assert.equal(
      message("limitranges", "LimitRange", {
        spec: { limits: [{ type: "Sideways", max: { cpu: "1" }, min: { cpu: "2" } }] },
      }),
      'LimitRange "bad" is invalid: [spec.limits[0].type: Invalid value: "Sideways": must be a standard limit type or fully qualified, spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1]',
    );
  });

  it("ReplicationController: replicas, the selector against the template, its containers", () => {
    assert.equal(
      message("replicationcontrollers", "ReplicationController", {
        spec: {
          replicas: -1,
          selector: { a: "b" },
          template: { metadata: { labels: { a: "c" } }, spec: { restartPolicy: "Always" } },
        },
      }),
      'ReplicationController "bad" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.metadata.labels: Invalid value: {"a":"c"}: `selector` does not match template `labels`, spec.template.spec.containers: Required value]',
    );
  });
});
