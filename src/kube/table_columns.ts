// The columns `kubectl get` shows per resource, as data: (object, now) → cell.

import type { PrinterColumn, ResourceType } from "../resources/mod.ts";
import { humanDuration } from "./human_duration.ts";
import { compileJsonPath } from "./json_path.ts";
import { AGE, type Column, column, doc, NAME, selectorText } from "./_table_cells.ts";
import { ADDON_COLUMNS } from "./addon_table_columns.ts";
import { FLOWCONTROL_COLUMNS } from "./flowcontrol_table_columns.ts";
import { WORKLOAD_COLUMNS } from "./workload_table_columns.ts";

export type { Column } from "./_table_cells.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

function nodeStatus(node: Loose): string {
  const ready = (node.status?.conditions ?? []).find((c: Loose) => c.type === "Ready");
  const status = ready?.status === "True" ? "Ready" : "NotReady";
  return node.spec?.unschedulable ? `${status},SchedulingDisabled` : status;
}

function nodeRoles(node: Loose): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith("node-role.kubernetes.io/"))
    .map((l) => l.slice("node-role.kubernetes.io/".length))
    .filter(Boolean).sort();
  return roles.length ? roles.join(",") : "<none>";
}

function nodeAddress(node: Loose, type: string): string {
  return (node.status?.addresses ?? []).find((a: Loose) => a.type === type)?.address ?? "<none>";
}

function podReady(pod: Loose): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length || statuses.length;
  return `${statuses.filter((s: Loose) => s.ready).length}/${total}`;
}

function podRestarts(pod: Loose): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (sum: number, s: Loose) => sum + (s.restartCount ?? 0),
    0,
  );
}

function podStatus(pod: Loose): string {
  if (pod.metadata.deletionTimestamp) return "Terminating";
  for (const s of pod.status?.containerStatuses ?? []) {
    if (s.state?.waiting?.reason) return s.state.waiting.reason;
  }
  return pod.status?.reason ?? pod.status?.phase ?? "Unknown";
}

function servicePorts(service: Loose): string {
  const ports = (service.spec?.ports ?? []).map((p: Loose) =>
    `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`
  );
  return ports.length ? ports.join(",") : "<none>";
}

const CORE = "core.v1";

const BY_RESOURCE: Record<string, readonly Column[]> = {
  nodes: [
    NAME,
    column("Status", (n) => nodeStatus(n), 0, "string", "The status of the node"),
    column("Roles", (n) => nodeRoles(n), 0, "string", "The roles of the node"),
    AGE,
    column(
      "Version",
      (n: Loose) => n.status?.nodeInfo?.kubeletVersion ?? "",
      0,
      "string",
      doc(CORE, "NodeSystemInfo", "kubeletVersion"),
    ),
    column(
      "Internal-IP",
      (n) => nodeAddress(n, "InternalIP"),
      1,
      "string",
      doc(CORE, "NodeStatus", "addresses"),
    ),
    column(
      "External-IP",
      (n) => nodeAddress(n, "ExternalIP"),
      1,
      "string",
      doc(CORE, "NodeStatus", "addresses"),
    ),
    column(
      "OS-Image",
      (n: Loose) => n.status?.nodeInfo?.osImage ?? "<unknown>",
      1,
      "string",
      doc(CORE, "NodeSystemInfo", "osImage"),
    ),
    column(
      "Kernel-Version",
      (n: Loose) => n.status?.nodeInfo?.kernelVersion ?? "<unknown>",
      1,
      "string",
      doc(CORE, "NodeSystemInfo", "kernelVersion"),
    ),
    column(
      "Container-Runtime",
      (n: Loose) => n.status?.nodeInfo?.containerRuntimeVersion ?? "<unknown>",
      1,
      "string",
      doc(CORE, "NodeSystemInfo", "containerRuntimeVersion"),
    ),
  ],
  pods: [
    NAME,
    column(
      "Ready",
      (p) => podReady(p),
      0,
      "string",
      "The aggregate readiness state of this pod for accepting traffic.",
    ),
    column(
      "Status",
      (p) => podStatus(p),
      0,
      "string",
      "The aggregate status of the containers in this pod.",
    ),
    column(
      "Restarts",
      (p) => podRestarts(p),
      0,
      "string",
      "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE,
    column(
      "IP",
      (p: Loose) => p.status?.podIP ?? "<none>",
      1,
      "string",
      doc(CORE, "PodStatus", "podIP"),
    ),
    column(
      "Node",
      (p: Loose) => p.spec?.nodeName ?? "<none>",
      1,
      "string",
      doc(CORE, "PodSpec", "nodeName"),
    ),
    column(
      "Nominated Node",
      (p: Loose) => p.status?.nominatedNodeName ?? "<none>",
      1,
      "string",
      doc(CORE, "PodStatus", "nominatedNodeName"),
    ),
    column(
      "Readiness Gates",
      (p: Loose) => (p.spec?.readinessGates ?? []).length ? "" : "<none>",
      1,
      "string",
      doc(CORE, "PodSpec", "readinessGates"),
    ),
  ],
  configmaps: [
    NAME,
    // Typed "string" by kube's printers, though the cell is a number.
    column(
      "Data",
      (c: Loose) => Object.keys(c.data ?? {}).length,
      0,
      "string",
      doc(CORE, "ConfigMap", "data"),
    ),
    AGE,
  ],
  secrets: [
    NAME,
    column("Type", (s: Loose) => s.type ?? "Opaque", 0, "string", doc(CORE, "Secret", "type")),
    column(
      "Data",
      (s: Loose) => Object.keys(s.data ?? {}).length,
      0,
      "string",
      doc(CORE, "Secret", "data"),
    ),
    AGE,
  ],
  namespaces: [
    NAME,
    column(
      "Status",
      (n: Loose) => n.status?.phase ?? "Active",
      0,
      "string",
      "The status of the namespace",
    ),
    AGE,
  ],
  services: [
    NAME,
    column(
      "Type",
      (s: Loose) => s.spec?.type ?? "ClusterIP",
      0,
      "string",
      doc(CORE, "ServiceSpec", "type"),
    ),
    column(
      "Cluster-IP",
      (s: Loose) => s.spec?.clusterIP ?? "<none>",
      0,
      "string",
      doc(CORE, "ServiceSpec", "clusterIP"),
    ),
    column(
      "External-IP",
      (s: Loose) => (s.spec?.externalIPs ?? []).join(",") || "<none>",
      0,
      "string",
      doc(CORE, "ServiceSpec", "externalIPs"),
    ),
    column(
      "Port(s)",
      (s: Loose) => servicePorts(s),
      0,
      "string",
      doc(CORE, "ServiceSpec", "ports"),
    ),
    AGE,
    column(
      "Selector",
      (s: Loose) => selectorText(s.spec?.selector),
      1,
      "string",
      doc(CORE, "ServiceSpec", "selector"),
    ),
  ],
  ...ADDON_COLUMNS,
  ...FLOWCONTROL_COLUMNS,
  ...WORKLOAD_COLUMNS,
  "apiextensions.k8s.io/customresourcedefinitions": [
    NAME,
    column(
      "Created At",
      (c) => c.metadata.creationTimestamp ?? "",
      0,
      "date",
      doc("meta.v1", "ObjectMeta", "creationTimestamp"),
    ),
  ],
};

/** The Table columns of a resource (a CRD's printer columns; Name and Age for those without any). */
export function columnsFor(resource: ResourceType): readonly Column[] {
  if (resource.printerColumns?.length) {
    return [NAME, ...resource.printerColumns.map(printerColumn)];
  }
  return BY_RESOURCE[resource.key] ?? [NAME, AGE];
}

// additionalPrinterColumns use JSONPaths such as `.spec.replicas`, `.metadata.labels['a\.b/c']`
// or `.status.conditions[?(@.type=="Ready")].status`.
function printerColumn(definition: PrinterColumn): Column {
  const read = compileJsonPath(definition.jsonPath);
  return {
    name: definition.name,
    type: definition.type === "integer"
      ? "integer"
      : definition.type === "date"
      ? "date"
      : "string",
    priority: definition.priority ? 1 : 0,
    // apiextensions' table convertor describes a column without a description by its path.
    description: definition.description ||
      `Custom resource definition column (in JSONPath format): ${definition.jsonPath}`,
    cell: (object, now) => {
      const value = read(object);
      if (value === undefined || value === null) return "";
      if (definition.type === "date" && typeof value === "string") {
        return humanDuration(now.getTime() - Date.parse(value));
      }
      return typeof value === "object" ? JSON.stringify(value) : value as string | number;
    },
  };
}
