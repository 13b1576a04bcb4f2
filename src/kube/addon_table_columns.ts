// Table columns of the kinds add-on manifests and CAPI's drain bring (storage, batch, networking,
// admission, scheduling), as kube-apiserver v1.33 prints them (pkg/printers/internalversion/printers.go).

import { AGE, type Column, column, NAME } from "./_table_cells.ts";
import { humanDuration } from "./human_duration.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: "RWO",
  ReadOnlyMany: "ROX",
  ReadWriteMany: "RWX",
  ReadWriteOncePod: "RWOP",
};

function accessModes(modes: string[] | undefined): string {
  return (modes ?? []).map((m) => ACCESS_MODES[m] ?? m).join(",");
}

function phaseOrTerminating(o: Loose): string {
  return o.metadata.deletionTimestamp ? "Terminating" : o.status?.phase ?? "";
}

function storageClassOf(o: Loose): string {
  return o.spec?.storageClassName ??
    o.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";
}

// metav1.FormatLabelSelector: matchLabels and matchExpressions, `<none>` when empty.
function labelSelectorText(selector: Loose): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(",");
    if (e.operator === "In" || e.operator === "NotIn") {
      parts.push(`${e.key} ${e.operator.toLowerCase()} (${values})`);
    } else parts.push(e.operator === "Exists" ? e.key : `!${e.key}`);
  }
  return parts.length ? parts.join(",") : "<none>";
}

function templateColumns(spec: (o: Loose) => Loose, withSelector: boolean): Column[] {
  return [
    column("Containers", (o) => (spec(o)?.containers ?? []).map((c: Loose) => c.name).join(","), 1),
    column("Images", (o) => (spec(o)?.containers ?? []).map((c: Loose) => c.image).join(","), 1),
    ...(withSelector
      ? [column("Selector", (o: Loose) => labelSelectorText(o.spec?.selector), 1)]
      : []),
  ];
}

const POD_TEMPLATE = (o: Loose) => o.spec?.template?.spec;

function jobStatus(job: Loose): string {
  const conditions: Loose[] = job.status?.conditions ?? [];
  const isTrue = (type: string) => conditions.some((c) => c.type === type && c.status === "True");
  if (isTrue("Failed")) return "Failed";
  if (isTrue("Complete")) return "Complete";
  if (isTrue("Suspended")) return "Suspended";
  if (isTrue("FailureTarget")) return "FailureTarget";
  if (isTrue("SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

function jobCompletions(job: Loose): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Loose, now: Date): string {
  const start = job.status?.startTime;
  if (!start) return "";
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now.getTime();
  return humanDuration(end - Date.parse(start));
}

function endpointSlicePorts(slice: Loose): string {
  const ports = (slice.ports ?? []).map((p: Loose) => String(p.port ?? "<unset>"));
  return ports.length ? ports.join(",") : "<unset>";
}

function endpointSliceEndpoints(slice: Loose): string {
  const addresses = (slice.endpoints ?? []).flatMap((e: Loose) => e.addresses ?? []);
  if (!addresses.length) return "<unset>";
  const shown = addresses.slice(0, 3).join(",");
  return addresses.length > 3 ? `${shown} + ${addresses.length - 3} more...` : shown;
}

function apiServiceAvailable(service: Loose): string {
  const available = (service.status?.conditions ?? []).find((c: Loose) => c.type === "Available");
  if (!available) return "Unknown";
  return available.status === "True" ? "True" : `${available.status} (${available.reason})`;
}

const WEBHOOKS = [
  NAME,
  column("Webhooks", (w: Loose) => (w.webhooks ?? []).length, 0, "integer"),
  AGE,
];

/** Columns by resource key, merged into the built-in table of `table_columns.ts`. */
export const ADDON_COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  persistentvolumes: [
    NAME,
    column("Capacity", (v: Loose) => v.spec?.capacity?.storage ?? ""),
    column("Access Modes", (v: Loose) => accessModes(v.spec?.accessModes)),
    column("Reclaim Policy", (v: Loose) => v.spec?.persistentVolumeReclaimPolicy ?? ""),
    column("Status", (v) => phaseOrTerminating(v)),
    column(
      "Claim",
      (v: Loose) => v.spec?.claimRef ? `${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : "",
    ),
    column("StorageClass", (v) => storageClassOf(v)),
    column("VolumeAttributesClass", (v: Loose) => v.spec?.volumeAttributesClassName ?? "<unset>"),
    column("Reason", (v: Loose) => v.status?.reason ?? ""),
    AGE,
    column("VolumeMode", (v: Loose) => v.spec?.volumeMode ?? "<unset>", 1),
  ],
  persistentvolumeclaims: [
    NAME,
    column("Status", (c) => phaseOrTerminating(c)),
    column("Volume", (c: Loose) => c.spec?.volumeName ?? ""),
    column("Capacity", (c: Loose) => c.spec?.volumeName ? c.status?.capacity?.storage ?? "" : ""),
    column(
      "Access Modes",
      (c: Loose) => c.spec?.volumeName ? accessModes(c.status?.accessModes) : "",
    ),
    column("StorageClass", (c) => storageClassOf(c)),
    column(
      "VolumeAttributesClass",
      (c: Loose) => c.status?.currentVolumeAttributesClassName ?? "<unset>",
    ),
    AGE,
    column("VolumeMode", (c: Loose) => c.spec?.volumeMode ?? "<unset>", 1),
  ],
  resourcequotas: [NAME, AGE, column("Request", () => ""), column("Limit", () => "")],
  limitranges: [NAME, column("Created At", (l) => l.metadata.creationTimestamp ?? "", 0, "date")],
  "apps/replicasets": [
    NAME,
    column("Desired", (r: Loose) => r.spec?.replicas ?? 0, 0, "integer"),
    column("Current", (r: Loose) => r.status?.replicas ?? 0, 0, "integer"),
    column("Ready", (r: Loose) => r.status?.readyReplicas ?? 0, 0, "integer"),
    AGE,
    ...templateColumns(POD_TEMPLATE, true),
  ],
  "apps/statefulsets": [
    NAME,
    column("Ready", (s: Loose) => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`),
    AGE,
    ...templateColumns(POD_TEMPLATE, false),
  ],
  "batch/jobs": [
    NAME,
    column("Status", (j) => jobStatus(j)),
    column("Completions", (j) => jobCompletions(j)),
    column("Duration", (j, now) => jobDuration(j, now)),
    AGE,
    ...templateColumns(POD_TEMPLATE, true),
  ],
  "batch/cronjobs": [
    NAME,
    column("Schedule", (c: Loose) => c.spec?.schedule ?? ""),
    column("Timezone", (c: Loose) => c.spec?.timeZone ?? "<none>"),
    column("Suspend", (c: Loose) => c.spec?.suspend === true, 0, "boolean"),
    column("Active", (c: Loose) => (c.status?.active ?? []).length, 0, "integer"),
    column(
      "Last Schedule",
      (c: Loose, now) =>
        c.status?.lastScheduleTime
          ? humanDuration(now.getTime() - Date.parse(c.status.lastScheduleTime))
          : "<none>",
    ),
    AGE,
    ...templateColumns((c) => c.spec?.jobTemplate?.spec?.template?.spec, false),
    column("Selector", (c: Loose) => labelSelectorText(c.spec?.jobTemplate?.spec?.selector), 1),
  ],
  "storage.k8s.io/storageclasses": [
    {
      ...NAME,
      cell: (s) =>
        s.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true"
          ? `${s.metadata.name} (default)`
          : s.metadata.name ?? "",
    },
    column("Provisioner", (s: Loose) => s.provisioner ?? ""),
    column("ReclaimPolicy", (s: Loose) => s.reclaimPolicy ?? "Delete"),
    column("VolumeBindingMode", (s: Loose) => s.volumeBindingMode ?? "Immediate"),
    column("AllowVolumeExpansion", (s: Loose) => s.allowVolumeExpansion === true, 0, "boolean"),
    AGE,
  ],
  "storage.k8s.io/csinodes": [
    NAME,
    column("Drivers", (n: Loose) => (n.spec?.drivers ?? []).length, 0, "integer"),
    AGE,
  ],
  "scheduling.k8s.io/priorityclasses": [
    NAME,
    column("Value", (p: Loose) => p.value ?? 0, 0, "integer"),
    column("Global-Default", (p: Loose) => p.globalDefault === true, 0, "boolean"),
    AGE,
    column("PreemptionPolicy", (p: Loose) => p.preemptionPolicy ?? "PreemptLowerPriority"),
  ],
  "networking.k8s.io/networkpolicies": [
    NAME,
    column("Pod-Selector", (p: Loose) => labelSelectorText(p.spec?.podSelector)),
    AGE,
  ],
  "networking.k8s.io/ingressclasses": [
    NAME,
    column("Controller", (c: Loose) => c.spec?.controller ?? ""),
    column("Parameters", (c: Loose) => {
      const p = c.spec?.parameters;
      return p ? `${p.apiGroup ? `${p.kind}.${p.apiGroup}` : p.kind}/${p.name}` : "<none>";
    }),
    AGE,
  ],
  "networking.k8s.io/ingresses": [
    NAME,
    column("Class", (i: Loose) => i.spec?.ingressClassName ?? "<none>"),
    column(
      "Hosts",
      (i: Loose) =>
        (i.spec?.rules ?? []).map((r: Loose) => r.host).filter(Boolean).join(",") || "*",
    ),
    column(
      "Address",
      (i: Loose) =>
        (i.status?.loadBalancer?.ingress ?? []).map((a: Loose) => a.ip ?? a.hostname).join(","),
    ),
    column("Ports", (i: Loose) => (i.spec?.tls ?? []).length ? "80, 443" : "80"),
    AGE,
  ],
  "discovery.k8s.io/endpointslices": [
    NAME,
    column("AddressType", (s: Loose) => s.addressType ?? ""),
    column("Ports", (s) => endpointSlicePorts(s)),
    column("Endpoints", (s) => endpointSliceEndpoints(s)),
    AGE,
  ],
  "admissionregistration.k8s.io/mutatingwebhookconfigurations": WEBHOOKS,
  "admissionregistration.k8s.io/validatingwebhookconfigurations": WEBHOOKS,
  "apiregistration.k8s.io/apiservices": [
    NAME,
    column(
      "Service",
      (a: Loose) =>
        a.spec?.service ? `${a.spec.service.namespace}/${a.spec.service.name}` : "Local",
    ),
    column("Available", (a) => apiServiceAvailable(a)),
    AGE,
  ],
};
