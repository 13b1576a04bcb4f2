// Oracle probes for a PersistentVolumeClaim's update rules (ValidatePersistentVolumeClaimUpdate):
// an unbound claim's spec is immutable but for volumeName set once and a storageClassName set
// where none was; a bound claim's storage request may grow (then the resize admission decides)
// and shrink only above its status capacity; volumeMode and the beta class annotation never change.
// The oracle runs no PV controller: the claim's phase is written through /status on both servers.

import type { Probe } from "./_probes.ts";

const CLAIMS = "/api/v1/namespaces/claims/persistentvolumeclaims";
const MERGE = "application/merge-patch+json";

const claim = (name: string, extra: object = {}) => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...extra },
});
const patch = (name: string, path: string, body: unknown, setup = false): Probe => ({
  name,
  method: "PATCH",
  path: `${CLAIMS}/${path}`,
  body,
  contentType: MERGE,
  ...(setup ? { setup } : {}),
});

/** The claim update probes, in a namespace of their own. */
export const claimUpdates: Probe[] = [
  {
    name: "claims namespace",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: "claims" } },
    setup: true,
  },
  { name: "claim create", method: "POST", path: CLAIMS, body: claim("claim-a"), setup: true },
  patch("claim access modes", "claim-a", { spec: { accessModes: ["ReadWriteMany"] } }),
  patch("claim storage unbound", "claim-a", {
    spec: { resources: { requests: { storage: "2Gi" } } },
  }),
  patch("claim labels", "claim-a", { metadata: { labels: { a: "b" } } }),
  patch("claim volume mode", "claim-a", { spec: { volumeMode: "Block" } }),
  patch("claim class from nil", "claim-a", { spec: { storageClassName: "slow" } }),
  patch("claim class change", "claim-a", { spec: { storageClassName: "fast" } }),
  patch("claim volume name once", "claim-a", { spec: { volumeName: "pv-1" } }),
  patch("claim volume name twice", "claim-a", { spec: { volumeName: "pv-2" } }),
  patch("claim bad access and immutable", "claim-a", {
    spec: { accessModes: ["Sideways"] },
  }),
  patch("claim bound", "claim-a/status", {
    status: { phase: "Bound", capacity: { storage: "1Gi" } },
  }, true),
  patch("claim attributes class set", "claim-a", { spec: { volumeAttributesClassName: "gold" } }),
  patch("claim attributes class emptied", "claim-a", { spec: { volumeAttributesClassName: "" } }),
  patch("claim attributes class unset", "claim-a", { spec: { volumeAttributesClassName: null } }),
  patch("claim bound grow", "claim-a", { spec: { resources: { requests: { storage: "3Gi" } } } }),
  patch("claim bound shrink to capacity", "claim-a", {
    spec: { resources: { requests: { storage: "512Mi" } } },
  }),
  patch("claim bound same size spelled", "claim-a", {
    spec: { resources: { requests: { storage: "1073741824" } } },
  }),
  {
    name: "claim annotated create",
    method: "POST",
    path: CLAIMS,
    body: {
      ...claim("claim-b"),
      metadata: {
        name: "claim-b",
        annotations: { "volume.beta.kubernetes.io/storage-class": "x" },
      },
    },
    setup: true,
  },
  patch("claim annotation change", "claim-b", {
    metadata: { annotations: { "volume.beta.kubernetes.io/storage-class": "y" } },
  }),
  patch("claim class from annotation", "claim-b", { spec: { storageClassName: "x" } }),
];
