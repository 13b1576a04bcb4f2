// Oracle probes for kube-apiserver's built-in admission that refuses writes: LimitRanger's min, max
// and maxLimitRequestRatio on Pods (per container and per Pod) and PersistentVolumeClaims, and
// ResourceQuota's limits, each in a namespace of its own so that they touch no other probe. The
// oracle runs no kube-controller-manager: the quota's status is written by hand on both servers.

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
          // One resource per map: Go ranges over a map in random order, so several errors of one
          // map come in any order (fkas lists them in name order).
          {
            type: "Container",
            min: { cpu: "100m" },
            max: { memory: "1Gi" },
            maxLimitRequestRatio: { cpu: "4" },
          },
          { type: "Pod", max: { memory: "1G" } },
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

const QUOTA_NS = "/api/v1/namespaces/quota";
const HARD = { pods: "1", "requests.cpu": "1", "limits.memory": "1Gi" };

/** ResourceQuota admission: its 403s, and the charge that refuses the next pod. */
export const quotaAdmission: Probe[] = [
  {
    name: "quota namespace",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: "quota" } },
    setup: true,
  },
  {
    name: "quota service account",
    method: "POST",
    path: `${QUOTA_NS}/serviceaccounts`,
    body: { metadata: { name: "default" } },
    setup: true,
  },
  {
    name: "quota create",
    method: "POST",
    path: `${QUOTA_NS}/resourcequotas`,
    body: { metadata: { name: "q" }, spec: { hard: HARD } },
    setup: true,
  },
  {
    // What kube-controller-manager's resourcequota controller would write.
    name: "quota status",
    method: "PATCH",
    path: `${QUOTA_NS}/resourcequotas/q/status`,
    contentType: "application/merge-patch+json",
    body: {
      status: { hard: HARD, used: { pods: "0", "requests.cpu": "0", "limits.memory": "0" } },
    },
    setup: true,
  },
  {
    name: "quota pod without the tracked resources",
    method: "POST",
    path: `${QUOTA_NS}/pods`,
    body: pod("q1", [{ name: "c", image: "nginx" }, { name: "d", image: "nginx" }]),
  },
  {
    name: "quota pod past limits.memory",
    method: "POST",
    path: `${QUOTA_NS}/pods`,
    body: pod("q2", [container("c", { cpu: "800m" }, { memory: "2Gi" })]),
  },
  {
    name: "quota pod dry run",
    method: "POST",
    path: `${QUOTA_NS}/pods?dryRun=All`,
    body: pod("q3", [container("c", { cpu: "500m" }, { memory: "100Mi" })]),
  },
  {
    name: "quota pod admitted",
    method: "POST",
    path: `${QUOTA_NS}/pods`,
    body: pod("q3", [container("c", { cpu: "500m" }, { memory: "100Mi" })]),
    setup: true,
  },
  {
    name: "quota pod past the pod count",
    method: "POST",
    path: `${QUOTA_NS}/pods`,
    body: pod("q4", [container("c", { cpu: "100m" }, { memory: "100Mi" })]),
  },
  // From 1.33 the pod evaluator handles pods/resize (its only Pod update): what grew is charged.
  {
    name: "quota pod resize past requests.cpu",
    method: "PATCH",
    path: `${QUOTA_NS}/pods/q3/resize`,
    contentType: "application/strategic-merge-patch+json",
    body: { spec: { containers: [{ name: "c", resources: { requests: { cpu: "2" } } }] } },
  },
  {
    name: "quota pod resize within",
    method: "PATCH",
    path: `${QUOTA_NS}/pods/q3/resize`,
    contentType: "application/strategic-merge-patch+json",
    body: { spec: { containers: [{ name: "c", resources: { requests: { cpu: "800m" } } }] } },
  },
  { name: "quota charged by the resize", method: "GET", path: `${QUOTA_NS}/resourcequotas/q` },
  {
    name: "quota pod resize down",
    method: "PATCH",
    path: `${QUOTA_NS}/pods/q3/resize`,
    contentType: "application/strategic-merge-patch+json",
    body: { spec: { containers: [{ name: "c", resources: { requests: { cpu: "300m" } } }] } },
  },
  { name: "quota after the resize down", method: "GET", path: `${QUOTA_NS}/resourcequotas/q` },
];
