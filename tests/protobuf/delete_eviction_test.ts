// DeleteOptions bodies of typed deletes (A.7) and drain Evictions (A.8).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeKubernetesProtobuf } from "../../src/protobuf/mod.ts";
import { envelope, goMetaDefaults, message, str, sub, varint } from "./_wire.ts";

// apimachinery meta/v1 generated.proto DeleteOptions: gracePeriodSeconds = 1, preconditions = 2,
// orphanDependents = 3, propagationPolicy = 4, dryRun = 5; Preconditions: uid = 1, resourceVersion = 2.
const foregroundWithUid = message((w) => {
  sub(w, 2, (p) => str(p, 1, "6a1c0e5e-aaaa-bbbb-cccc-ddddeeeeffff"));
  str(w, 4, "Foreground");
});

describe("DeleteOptions", () => {
  it("decodes propagationPolicy and preconditions.uid of a node delete (A.7)", () => {
    const decoded = decodeKubernetesProtobuf(envelope("v1", "DeleteOptions", foregroundWithUid));
    assert.deepEqual(decoded.object, {
      apiVersion: "v1",
      kind: "DeleteOptions",
      preconditions: { uid: "6a1c0e5e-aaaa-bbbb-cccc-ddddeeeeffff" },
      propagationPolicy: "Foreground",
    });
  });

  it("keeps gracePeriodSeconds 0 and orphanDependents false, which are pointers in Go", () => {
    const raw = message((w) => {
      varint(w, 1, 0);
      sub(w, 2, (p) => str(str(p, 1, "u"), 2, "41"));
      varint(w, 3, false);
      str(w, 5, "All");
    });
    const decoded = decodeKubernetesProtobuf(envelope("meta.k8s.io/v1", "DeleteOptions", raw));
    assert.deepEqual(decoded.object, {
      apiVersion: "meta.k8s.io/v1",
      kind: "DeleteOptions",
      gracePeriodSeconds: 0,
      preconditions: { uid: "u", resourceVersion: "41" },
      orphanDependents: false,
      dryRun: ["All"],
    });
  });

  it("accepts DeleteOptions under any group version, as every group registers it", () => {
    const decoded = decodeKubernetesProtobuf(
      envelope("apps/v1", "DeleteOptions", foregroundWithUid),
    );
    assert.equal(decoded.apiVersion, "apps/v1");
    assert.equal(decoded.object.propagationPolicy, "Foreground");
  });

  it("decodes an empty body to an object with only apiVersion and kind", () => {
    assert.deepEqual(
      decodeKubernetesProtobuf(envelope("v1", "DeleteOptions", new Uint8Array(0))).object,
      {
        apiVersion: "v1",
        kind: "DeleteOptions",
      },
    );
  });
});

describe("Eviction", () => {
  it("decodes the drain eviction of A.8", () => {
    // k8s.io/api policy/v1 generated.proto Eviction: metadata = 1, deleteOptions = 2.
    const raw = message((w) => {
      sub(w, 1, (m) => {
        str(m, 1, "kube-proxy-xyz");
        str(m, 3, "kube-system");
        goMetaDefaults(m);
      });
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("policy/v1", "Eviction", raw)).object, {
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: "kube-proxy-xyz", namespace: "kube-system" },
    });
  });

  it("decodes embedded DeleteOptions with a grace period", () => {
    const raw = message((w) => {
      sub(w, 1, (m) => str(str(m, 1, "p"), 3, "ns"));
      sub(w, 2, (d) => {
        varint(d, 1, 30);
        sub(d, 2, (p) => str(p, 1, "pod-uid"));
      });
    });
    assert.deepEqual(decodeKubernetesProtobuf(envelope("policy/v1", "Eviction", raw)).object, {
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: "p", namespace: "ns" },
      deleteOptions: { gracePeriodSeconds: 30, preconditions: { uid: "pod-uid" } },
    });
  });
});
