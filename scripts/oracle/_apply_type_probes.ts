// Probes of the scale of a missing object (the resource's own NotFound from v1.33), then of apply
// patches that do not fit their built-in type: the field manager makes a typed
// object of the patch first (structured-merge-diff's validation), so kube-apiserver answers 500
// `failed to create typed patch object` whatever fieldValidation says. One mistake per probe:
// several come out in the order of a Go map's iteration, which differs from run to run.

import type { Probe } from "./_probes.ts";

const NS = "/api/v1/namespaces/oracle-yaml";
const APPS = "/apis/apps/v1/namespaces/oracle-yaml";
const APPLY = "application/apply-patch+yaml";
const apply = (name: string, path: string, body: string): Probe => ({
  name,
  method: "PATCH",
  path: `${path}?fieldManager=t`,
  body,
  contentType: APPLY,
});
const pod = (container: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: typed\nspec:\n  containers:\n  - name: c\n    image: x\n${container}`;
const deployment = (spec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typed\nspec:\n${spec}`;

/** One wrong-typed or undeclared field per apply, in the kinds clients apply most. */
export const applyTypes: Probe[] = [
  { name: "scale of a missing deployment", method: "GET", path: `${APPS}/deployments/nope/scale` },
  {
    name: "scale patch of a missing statefulset",
    method: "PATCH",
    path: `${APPS}/statefulsets/nope/scale`,
    body: { spec: { replicas: 2 } },
    contentType: "application/merge-patch+json",
  },
  {
    name: "scale of a missing replicationcontroller",
    method: "GET",
    path: `${NS}/replicationcontrollers/nope/scale`,
  },
  apply(
    "apply undeclared field",
    `${NS}/configmaps/typed`,
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\nfoo: 1\n",
  ),
  apply("apply misspelt container field", `${NS}/pods/typed`, pod("    imagePullPolice: Always\n")),
  apply(
    "apply number as a label",
    `${NS}/pods/typed`,
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: typed\n  labels:\n    a: 1\n",
  ),
  apply(
    "apply map as a quantity",
    `${NS}/pods/typed`,
    pod("    resources:\n      limits:\n        cpu: {a: 1}\n"),
  ),
  apply("apply string replicas", `${APPS}/deployments/typed`, deployment('  replicas: "3"\n')),
  apply("apply string as a boolean", `${APPS}/deployments/typed`, deployment('  paused: "x"\n')),
  apply(
    "apply map as a list",
    `${APPS}/deployments/typed`,
    deployment("  template:\n    spec:\n      containers: {a: 1}\n"),
  ),
  apply(
    "apply status of a missing object",
    `${APPS}/deployments/typed/status`,
    deployment("  replicas: x\n"),
  ),
];
