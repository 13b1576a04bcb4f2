// Oracle probes for kube-apiserver's built-in admission that refuses writes: LimitRanger's min, max
// and maxLimitRequestRatio on Pods (per container and per Pod) and PersistentVolumeClaims, in a
// namespace of their own so that its LimitRange touches no other probe.

import type { Probe } from "./_probes.ts";

const NS = "/api/v1/namespaces/limits";

const container = (name: string, requests: object, limits: object = {}) => ({
  name,
  image: "nginx",
  resources: { requests, limits },
});
const pod = (name: string, containers: object[]) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers },
});
const claim = (name: string, storage: string) => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage } } },
});

/** LimitRanger: the 403s and their aggregated messages. */
export const admission: Probe[] = [
  {
    name: "limits namespace",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: "limits" } },
    setup: true,
  },
  {
    // kube-controller-manager's ServiceAccount controller, which the oracle runs without.
    name: "limits service account",
    method: "POST",
    path: `${NS}/serviceaccounts`,
    body: { metadata: { name: "default" } },
    setup: true,
  },
  {
    name: "limitrange create",
    method: "POST",
    path: `${NS}/limitranges`,
    body: {
      metadata: { name: "limits" },
      spec: {
        limits: [
          {
            type: "Container",
            min: { cpu: "100m", memory: "64Mi" },
            max: { cpu: "2", memory: "1Gi" },
            maxLimitRequestRatio: { cpu: "4" },
          },
          { type: "Pod", max: { cpu: "3", memory: "1G" } },
          { type: "PersistentVolumeClaim", min: { storage: "1Gi" }, max: { storage: "10Gi" } },
        ],
      },
    },
  },
  {
    name: "limitrange pod below min and above max",
    method: "POST",
    path: `${NS}/pods?dryRun=All`,
    body: pod("p1", [container("c", { cpu: "50m", memory: "32Mi" }, { cpu: "3", memory: "2Gi" })]),
  },
  {
    name: "limitrange pod sum over the pod max",
    method: "POST",
    path: `${NS}/pods?dryRun=All`,
    body: pod("p2", [
      container("c", { cpu: "1", memory: "100Mi" }, { cpu: "2", memory: "600Mi" }),
      container("d", { cpu: "1", memory: "100Mi" }, { cpu: "2", memory: "500M" }),
    ]),
  },
  {
    name: "limitrange pod defaulted",
    method: "POST",
    path: `${NS}/pods?dryRun=All`,
    body: pod("p3", [{ name: "c", image: "nginx" }]),
  },
  {
    name: "limitrange claim above max",
    method: "POST",
    path: `${NS}/persistentvolumeclaims?dryRun=All`,
    body: claim("c1", "20Gi"),
  },
  {
    name: "limitrange claim below min",
    method: "POST",
    path: `${NS}/persistentvolumeclaims?dryRun=All`,
    body: claim("c2", "500Mi"),
  },
];
