// Which fields each kind lets `?fieldSelector=` use, as data (core/v1 conversion.go + registry GetAttrs).

import type { KubeObject } from "../store/mod.ts";

/** Reads one selectable field of an object as the apiserver's fields.Set would hold it. */
export type FieldExtractor = (object: KubeObject) => string;

type Fields = Record<string, unknown> | undefined;

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const part = (object: KubeObject, name: string): Fields => object[name] as Fields;
const spec = (o: KubeObject): Fields => part(o, "spec");
const status = (o: KubeObject): Fields => part(o, "status");
const involved = (o: KubeObject): Fields => part(o, "involvedObject");

/** `metadata.name`, which every kind supports. */
export const metadataName: FieldExtractor = (o) => text(o.metadata.name);
/** `metadata.namespace`, "" for cluster-scoped objects. */
export const metadataNamespace: FieldExtractor = (o) => text(o.metadata.namespace);

const nodeName: FieldExtractor = (o) => text(spec(o)?.nodeName);

/**
 * Per resource key, the selectable fields beyond `metadata.name`/`metadata.namespace`; a missing
 * field reads "". Kinds listed here answer an unknown field with `field label not supported: <f>`.
 */
export const FIELD_LABELS: Readonly<Record<string, Readonly<Record<string, FieldExtractor>>>> = {
  pods: {
    "spec.nodeName": nodeName,
    "spec.restartPolicy": (o) => text(spec(o)?.restartPolicy),
    "spec.schedulerName": (o) => text(spec(o)?.schedulerName),
    // v1 → internal conversion falls back to the deprecated `serviceAccount` field.
    "spec.serviceAccountName": (o) =>
      text(spec(o)?.serviceAccountName) || text(spec(o)?.serviceAccount),
    "spec.hostNetwork": (o) => String(spec(o)?.hostNetwork === true),
    "status.phase": (o) => text(status(o)?.phase),
    // Internally podIPs[0]; v1's podIP wins when both are set.
    "status.podIP": (o) => {
      const ips = status(o)?.podIPs;
      const first = Array.isArray(ips) ? (ips[0] as Fields)?.ip : undefined;
      return text(status(o)?.podIP) || text(first);
    },
    // Accepted by the conversion but absent from the pod's field set, so it always reads "".
    "status.podIPs": () => "",
    "status.nominatedNodeName": (o) => text(status(o)?.nominatedNodeName),
  },
  nodes: {
    "spec.unschedulable": (o) => String(spec(o)?.unschedulable === true),
  },
  namespaces: {
    "status.phase": (o) => text(status(o)?.phase),
  },
  secrets: {
    type: (o) => text(o.type),
  },
  services: {
    "spec.clusterIP": (o) => text(spec(o)?.clusterIP),
    "spec.type": (o) => text(spec(o)?.type),
  },
  events: {
    "involvedObject.kind": (o) => text(involved(o)?.kind),
    "involvedObject.namespace": (o) => text(involved(o)?.namespace),
    "involvedObject.name": (o) => text(involved(o)?.name),
    "involvedObject.uid": (o) => text(involved(o)?.uid),
    "involvedObject.apiVersion": (o) => text(involved(o)?.apiVersion),
    "involvedObject.resourceVersion": (o) => text(involved(o)?.resourceVersion),
    "involvedObject.fieldPath": (o) => text(involved(o)?.fieldPath),
    reason: (o) => text(o.reason),
    reportingComponent: (o) => text(o.reportingComponent),
    // The legacy source.component, else the reporting controller.
    source: (o) => text(part(o, "source")?.component) || text(o.reportingComponent),
    type: (o) => text(o.type),
  },
};

/** Old field names the conversion renames before matching (`spec.host` from v1 clients of old). */
export const FIELD_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  pods: { "spec.host": "spec.nodeName" },
};

/** Kinds with their own conversion that do not accept `metadata.namespace` (cluster-scoped). */
export const WITHOUT_NAMESPACE_FIELD: ReadonlySet<string> = new Set(["nodes", "namespaces"]);

/**
 * Built-in resources with no conversion of their own: kube-apiserver's generic fallback accepts
 * only the metadata fields and words its refusal differently.
 */
export const METADATA_ONLY_BUILTINS: ReadonlySet<string> = new Set([
  "configmaps",
  "endpoints",
  "serviceaccounts",
  "apps/daemonsets",
  "apps/deployments",
  "coordination.k8s.io/leases",
  "rbac.authorization.k8s.io/clusterrolebindings",
  "rbac.authorization.k8s.io/clusterroles",
  "rbac.authorization.k8s.io/rolebindings",
  "rbac.authorization.k8s.io/roles",
  "storage.k8s.io/csidrivers",
  "storage.k8s.io/volumeattachments",
  "apiextensions.k8s.io/customresourcedefinitions",
  "policy/poddisruptionbudgets",
]);
