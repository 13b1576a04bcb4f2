// Oracle probes for key order and the Pod checks of issue 15: custom resources (kept unstructured
// by kube-apiserver, so sorted at every level), built-in maps, and Pod env/lifecycle/init rules.

import type { Probe } from "./_probes.ts";

const CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "gadgets.keyorder.example.com" },
  spec: {
    group: "keyorder.example.com",
    scope: "Cluster",
    names: { plural: "gadgets", singular: "gadget", kind: "Gadget", listKind: "GadgetList" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            data: { type: "string" },
          },
        },
      },
    }],
  },
};
const GADGETS = "/apis/keyorder.example.com/v1/gadgets";
// Unsorted at every level, a top-level field that sorts between apiVersion and kind.
const GADGET = {
  spec: { zeta: 1, alpha: { y: 1, x: 2 }, "-dash": true, list: [{ b: 1, a: 2 }] },
  metadata: { name: "g", labels: { b: "1", a: "2" }, annotations: { z: "1", "a.io/x": "2" } },
  kind: "Gadget",
  data: "between",
  apiVersion: "keyorder.example.com/v1",
};

/** Sent first: the CRD, so it is established by the time its probes run. */
export const crdSetup: Probe[] = [
  {
    name: "create gadget CRD",
    method: "POST",
    path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
    body: CRD,
    setup: true,
  },
  // Pods need their ServiceAccount, which no controller-manager makes for the oracle.
  {
    name: "create default service account",
    method: "POST",
    path: "/api/v1/namespaces/default/serviceaccounts",
    body: { metadata: { name: "default" } },
    setup: true,
  },
];

const pod = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec,
});
const PODS = "/api/v1/namespaces/default/pods?dryRun=All";

/** Sent last (cluster-scoped and `default` objects: the oracle namespace is gone by then). */
export const keyOrder: Probe[] = [
  { name: "create gadget (unsorted keys)", method: "POST", path: GADGETS, body: GADGET },
  { name: "get gadget", method: "GET", path: `${GADGETS}/g` },
  { name: "list gadgets", method: "GET", path: GADGETS },
  {
    name: "merge-patch gadget (unsorted keys)",
    method: "PATCH",
    path: `${GADGETS}/g`,
    body: { spec: { beta: { d: 1, c: 2 } }, metadata: { labels: { "0": "x" } } },
    contentType: "application/merge-patch+json",
  },
  {
    name: "configmap with unsorted data keys",
    method: "POST",
    path: "/api/v1/namespaces/default/configmaps?dryRun=All",
    body: {
      metadata: { name: "keys", annotations: { "z.io/b": "<&>", "a.io/c": "x" } },
      data: { b: "1", a: "2", ".dot": "3", "_u": "4", "-d": "5" },
    },
  },
  {
    name: "pod env, envFrom and lifecycle errors",
    method: "POST",
    path: PODS,
    body: pod("envhooks", {
      terminationGracePeriodSeconds: 30,
      containers: [{
        name: "c",
        image: "busybox",
        env: [
          { name: "A=B" },
          { name: "C", valueFrom: {} },
          { name: "D", valueFrom: { fieldRef: { fieldPath: "status.phase" } } },
          { name: "E", valueFrom: { configMapKeyRef: { name: "cm", key: "a b" } } },
        ],
        envFrom: [{}, { prefix: "P", configMapRef: { name: "Bad" } }],
        lifecycle: {
          postStart: { exec: { command: ["x"] }, sleep: { seconds: 1 } },
          preStop: { sleep: { seconds: 31 } },
        },
        ports: [{ containerPort: 80, hostPort: 8080 }],
      }, { name: "d", image: "busybox", ports: [{ containerPort: 80, hostPort: 8080 }] }],
    }),
  },
  {
    name: "pod init container rules",
    method: "POST",
    path: PODS,
    body: pod("inits", {
      containers: [{ name: "c", image: "busybox", restartPolicy: "Always" }],
      initContainers: [
        { name: "i", image: "busybox", readinessProbe: { exec: { command: ["x"] } } },
        { name: "s", image: "busybox", restartPolicy: "Always", lifecycle: { preStop: {} } },
        { name: "c", image: "busybox", restartPolicy: "Never" },
      ],
    }),
  },
];
