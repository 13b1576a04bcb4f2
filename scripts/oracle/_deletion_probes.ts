// Graceful pod deletion as the pod registry answers it: marking, only-shorter second deletes, grace
// 0, unbound pods, malformed gracePeriodSeconds, and evictions (DisruptionTarget, then the mark).
// The pods are bound to a node that does not exist, so no kubelet confirms on either server.

import type { Probe } from "./_probes.ts";

const PODS = "/api/v1/namespaces/oracle/pods";

const pod = (name: string, nodeName?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: "c", image: "busybox" }] },
});

/** The graceful-deletion probes; they need the namespace's `default` ServiceAccount. */
export const podDeletion: Probe[] = [
  {
    name: "graceful setup",
    method: "POST",
    path: PODS,
    body: pod("graceful", "nowhere"),
    setup: true,
  },
  { name: "graceful delete marks", method: "DELETE", path: `${PODS}/graceful` },
  {
    name: "graceful delete longer",
    method: "DELETE",
    path: `${PODS}/graceful?gracePeriodSeconds=60`,
  },
  {
    name: "graceful delete bad query",
    method: "DELETE",
    path: `${PODS}/graceful?gracePeriodSeconds=abc`,
  },
  {
    name: "graceful delete bad body",
    method: "DELETE",
    path: `${PODS}/graceful`,
    body: { gracePeriodSeconds: 1.5 },
  },
  {
    name: "graceful delete shorter",
    method: "DELETE",
    path: `${PODS}/graceful?gracePeriodSeconds=10`,
  },
  { name: "graceful delete get", method: "GET", path: `${PODS}/graceful` },
  {
    name: "graceful delete zero",
    method: "DELETE",
    path: `${PODS}/graceful`,
    body: { gracePeriodSeconds: 0 },
  },
  { name: "graceful delete gone", method: "GET", path: `${PODS}/graceful` },
  { name: "unbound setup", method: "POST", path: PODS, body: pod("unbound"), setup: true },
  { name: "unbound delete", method: "DELETE", path: `${PODS}/unbound` },
  {
    name: "evicted setup",
    method: "POST",
    path: PODS,
    body: pod("evicted", "nowhere"),
    setup: true,
  },
  {
    name: "eviction graceful",
    method: "POST",
    path: `${PODS}/evicted/eviction`,
    body: {
      apiVersion: "policy/v1",
      kind: "Eviction",
      metadata: { name: "evicted" },
      deleteOptions: { gracePeriodSeconds: 7 },
    },
  },
  { name: "eviction graceful get", method: "GET", path: `${PODS}/evicted` },
  {
    name: "eviction graceful cleanup",
    method: "DELETE",
    path: `${PODS}/evicted?gracePeriodSeconds=0`,
    setup: true,
  },
];
