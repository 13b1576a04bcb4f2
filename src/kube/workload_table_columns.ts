// Table columns of Deployments and DaemonSets, as kube's printers declare them
// (pkg/printers/internalversion/printers.go): cells, types and descriptions.

import { AGE, type Column, column, doc, NAME, selectorText } from "./_table_cells.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// Containers, Images and Selector of a workload (`<kind>Spec.selector`'s doc).
const workloadWide = (spec: string) => [
  column(
    "Containers",
    (w: Loose) => (w.spec?.template?.spec?.containers ?? []).map((c: Loose) => c.name).join(","),
    1,
    "string",
    "Names of each container in the template.",
  ),
  column(
    "Images",
    (w: Loose) => (w.spec?.template?.spec?.containers ?? []).map((c: Loose) => c.image).join(","),
    1,
    "string",
    "Images referenced by each container in the template.",
  ),
  column(
    "Selector",
    (w: Loose) => selectorText(w.spec?.selector?.matchLabels),
    1,
    "string",
    doc("apps.v1", spec, "selector"),
  ),
];

const CORE = "core.v1";

/** The columns of the apps workloads, by storage key. */
export const WORKLOAD_COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  "apps/deployments": [
    NAME,
    column(
      "Ready",
      (d: Loose) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      0,
      "string",
      "Number of the pod with ready state",
    ),
    column(
      "Up-to-date",
      (d: Loose) => d.status?.updatedReplicas ?? 0,
      0,
      "string",
      doc("apps.v1", "DeploymentStatus", "updatedReplicas"),
    ),
    column(
      "Available",
      (d: Loose) => d.status?.availableReplicas ?? 0,
      0,
      "string",
      doc("apps.v1", "DeploymentStatus", "availableReplicas"),
    ),
    AGE,
    ...workloadWide("DeploymentSpec"),
  ],
  "apps/daemonsets": [
    NAME,
    ...(
      [
        ["Desired", "desiredNumberScheduled"],
        ["Current", "currentNumberScheduled"],
        ["Ready", "numberReady"],
        ["Up-to-date", "updatedNumberScheduled"],
        ["Available", "numberAvailable"],
      ] as const
    ).map(([name, field]) =>
      column(
        name,
        (d: Loose) => d.status?.[field] ?? 0,
        0,
        "integer",
        doc("apps.v1", "DaemonSetStatus", field),
      )
    ),
    column(
      "Node Selector",
      (d: Loose) => selectorText(d.spec?.template?.spec?.nodeSelector),
      0,
      "string",
      doc(CORE, "PodSpec", "nodeSelector"),
    ),
    AGE,
    ...workloadWide("DaemonSetSpec"),
  ],
};
