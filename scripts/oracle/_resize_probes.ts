// Oracle probes for `pods/<name>/resize` (in-place vertical scaling, served from 1.33): what the
// resize strategy takes from a body, what ValidatePodResize refuses, the managedFields entry, and
// the verbs; in a namespace of its own so that they touch no other probe.

import type { Probe } from "./_probes.ts";

const NS = "/api/v1/namespaces/resize";
const STRATEGIC = "application/strategic-merge-patch+json";
const MERGE = "application/merge-patch+json";
const JSON_PATCH = "application/json-patch+json";

const pod = (name: string, resources: object, extra: object = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [{ name: "c", image: "nginx", resources }], ...extra },
});
const resize = (resources: object, more: object = {}) => ({
  spec: { containers: [{ name: "c", resources, ...more }] },
});

/** The resize subresource: strategy, validation, verbs. */
export const podResize: Probe[] = [
  {
    name: "resize namespace",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: "resize" } },
    setup: true,
  },
  {
    name: "resize service account",
    method: "POST",
    path: `${NS}/serviceaccounts`,
    body: { metadata: { name: "default" } },
    setup: true,
  },
  {
    name: "resize burstable pod",
    method: "POST",
    path: `${NS}/pods`,
    body: pod("b", { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } }),
    setup: true,
  },
  {
    name: "resize guaranteed pod",
    method: "POST",
    path: `${NS}/pods`,
    body: pod("g", { limits: { cpu: "200m", memory: "64Mi" } }),
    setup: true,
  },
  {
    name: "resize besteffort pod",
    method: "POST",
    path: `${NS}/pods`,
    body: pod("e", {}),
    setup: true,
  },
  {
    name: "resize pod with init containers",
    method: "POST",
    path: `${NS}/pods`,
    body: pod("i", { requests: { cpu: "100m" } }, {
      initContainers: [
        { name: "init", image: "busybox", resources: { requests: { cpu: "50m" } } },
        {
          name: "side",
          image: "busybox",
          restartPolicy: "Always",
          resources: { requests: { cpu: "50m" } },
        },
      ],
    }),
    setup: true,
  },
  { name: "resize get", method: "GET", path: `${NS}/pods/b/resize` },
  {
    name: "resize cpu up, label and image ignored",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: STRATEGIC,
    body: {
      metadata: { labels: { ignored: "yes" } },
      spec: {
        containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu: "300m" } } }],
      },
    },
  },
  {
    name: "resize memory limit down, merge patch",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: MERGE,
    body: resize({ requests: { cpu: "300m", memory: "64Mi" }, limits: { memory: "100Mi" } }),
  },
  {
    name: "resize limits removed",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: JSON_PATCH,
    body: [{ op: "remove", path: "/spec/containers/0/resources/limits" }],
  },
  {
    name: "resize requests removed",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: JSON_PATCH,
    body: [{ op: "remove", path: "/spec/containers/0/resources/requests/memory" }],
  },
  {
    name: "resize ephemeral storage",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: STRATEGIC,
    body: resize({ requests: { "ephemeral-storage": "1Gi" } }),
  },
  {
    name: "resize policy change",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: STRATEGIC,
    body: resize({ requests: { cpu: "400m" } }, {
      resizePolicy: [{ resourceName: "memory", restartPolicy: "RestartContainer" }],
    }),
  },
  {
    name: "resize guaranteed to burstable",
    method: "PATCH",
    path: `${NS}/pods/g/resize`,
    contentType: STRATEGIC,
    body: resize({ requests: { cpu: "100m" } }),
  },
  {
    name: "resize guaranteed both",
    method: "PATCH",
    path: `${NS}/pods/g/resize`,
    contentType: STRATEGIC,
    body: resize({ requests: { cpu: "300m" }, limits: { cpu: "300m" } }),
  },
  {
    name: "resize besteffort gains requests",
    method: "PATCH",
    path: `${NS}/pods/e/resize`,
    contentType: STRATEGIC,
    body: resize({ requests: { cpu: "100m" } }),
  },
  {
    name: "resize container added",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: JSON_PATCH,
    body: [{ op: "add", path: "/spec/containers/-", value: { name: "d", image: "nginx" } }],
  },
  {
    name: "resize container renamed",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: JSON_PATCH,
    body: [{ op: "replace", path: "/spec/containers/0/name", value: "x" }],
  },
  {
    name: "resize requests over limits",
    method: "PATCH",
    path: `${NS}/pods/b/resize`,
    contentType: STRATEGIC,
    body: resize({ requests: { memory: "1Gi" } }),
  },
  {
    name: "resize init container",
    method: "PATCH",
    path: `${NS}/pods/i/resize`,
    contentType: STRATEGIC,
    body: { spec: { initContainers: [{ name: "init", resources: { requests: { cpu: "70m" } } }] } },
  },
  {
    name: "resize sidecar",
    method: "PATCH",
    path: `${NS}/pods/i/resize`,
    contentType: STRATEGIC,
    body: { spec: { initContainers: [{ name: "side", resources: { requests: { cpu: "80m" } } }] } },
  },
  { name: "resize put", method: "PUT", path: `${NS}/pods/e/resize`, body: pod("e", {}) },
  { name: "resize post", method: "POST", path: `${NS}/pods/b/resize`, body: {} },
  { name: "resize delete", method: "DELETE", path: `${NS}/pods/b/resize` },
  { name: "resize missing pod", method: "GET", path: `${NS}/pods/nope/resize` },
  { name: "resize after", method: "GET", path: `${NS}/pods/b` },
];
