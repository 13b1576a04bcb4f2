// The requests the oracle sends, in order, to kube-apiserver and to fkas alike: ordinary calls and
// the mistakes clients make, chosen where a generated client, kubectl or a controller would look.
// Nodes and anything a real cluster's controllers would change meanwhile are left out: the oracle's
// kube-apiserver runs alone, without kube-controller-manager.

import { admission, quotaAdmission } from "./_admission_probes.ts";
import { claimUpdates } from "./_claim_probes.ts";
import { podDeletion } from "./_deletion_probes.ts";
import { crdSetup, keyOrder } from "./_key_order_probes.ts";
import { statusApplies, subresources, updates } from "./_subresource_probes.ts";
import { compression, failedWriteWarnings } from "./_encoding_probes.ts";
import { podWarnings } from "./_pod_warning_probes.ts";
import { podValidation } from "./_pod_validation_probes.ts";
import { coreSurface, surface } from "./_surface_probes.ts";
import { podResize } from "./_resize_probes.ts";
import { yamlBodies } from "./_yaml_probes.ts";
import { numberLiterals } from "./_number_probes.ts";
import { applyTypes } from "./_apply_type_probes.ts";

/** One request; an object body is sent as JSON unless `contentType` says otherwise. */
export interface Probe {
  name: string;
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
  path: string;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** Sent to both to reach the same state (what a controller would have done); not compared. */
  setup?: boolean;
  /** The User-Agent to send instead of the oracle's own. */
  userAgent?: string;
  /** Milliseconds to wait before sending (a CRD becoming established). */
  delayMs?: number;
  /** The Accept-Encoding to send (none by default); a gzipped answer is compared gunzipped. */
  acceptEncoding?: string;
}

const NS = "/api/v1/namespaces/oracle";
const APPS = "/apis/apps/v1/namespaces/oracle";
const JSON_PATCH = "application/json-patch+json";
const MERGE_PATCH = "application/merge-patch+json";
const STRATEGIC = "application/strategic-merge-patch+json";
const APPLY = "application/apply-patch+yaml";
const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

const configMap = (name: string, data: Record<string, string> = { a: "1" }) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, labels: { app: "oracle" } },
  data,
});

const pod = (
  name: string,
  container: Record<string, unknown> = { name: "c", image: "busybox" },
) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [container] },
});

const deployment = (name: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
  },
});

/** Discovery and protocol: what a client reads before anything else. */
const discovery: Probe[] = [
  { name: "version", method: "GET", path: "/version" },
  { name: "version trailing slash", method: "GET", path: "/version/" },
  { name: "api", method: "GET", path: "/api" },
  { name: "apis (legacy)", method: "GET", path: "/apis", accept: "application/json" },
  { name: "api v1 resources", method: "GET", path: "/api/v1" },
  { name: "apps v1 resources", method: "GET", path: "/apis/apps/v1" },
  { name: "unknown path", method: "GET", path: "/nope" },
  { name: "unknown group", method: "GET", path: "/apis/nope.example.com/v1" },
  { name: "unknown resource", method: "GET", path: "/api/v1/nopes" },
  { name: "healthz", method: "GET", path: "/healthz" },
  { name: "readyz", method: "GET", path: "/readyz" },
  { name: "livez verbose", method: "GET", path: "/livez?verbose" },
];

/** A namespace and ConfigMaps through every verb, and the errors each verb gives. */
const configMaps: Probe[] = [
  {
    name: "create namespace",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: "oracle" } },
  },
  { name: "create configmap", method: "POST", path: `${NS}/configmaps`, body: configMap("one") },
  {
    name: "create configmap again",
    method: "POST",
    path: `${NS}/configmaps`,
    body: configMap("one"),
  },
  {
    name: "create configmap bad name",
    method: "POST",
    path: `${NS}/configmaps`,
    body: configMap("Bad_Name"),
  },
  {
    name: "create configmap bad data key",
    method: "POST",
    path: `${NS}/configmaps`,
    body: configMap("badkey", { "a/b": "x" }),
  },
  {
    name: "create configmap namespace mismatch",
    method: "POST",
    path: `${NS}/configmaps`,
    body: { ...configMap("mismatch"), metadata: { name: "mismatch", namespace: "other" } },
  },
  {
    name: "create configmap generateName",
    method: "POST",
    path: `${NS}/configmaps`,
    body: { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "gen-" } },
  },
  {
    name: "create configmap not json",
    method: "POST",
    path: `${NS}/configmaps`,
    body: "{",
    contentType: "application/json",
  },
  {
    name: "create configmap wrong kind",
    method: "POST",
    path: `${NS}/configmaps`,
    body: { apiVersion: "v1", kind: "Secret", metadata: { name: "wrongkind" } },
  },
  { name: "get configmap", method: "GET", path: `${NS}/configmaps/one` },
  { name: "get configmap missing", method: "GET", path: `${NS}/configmaps/missing` },
  { name: "get configmap table", method: "GET", path: `${NS}/configmaps/one`, accept: TABLE },
  { name: "list configmaps", method: "GET", path: `${NS}/configmaps?labelSelector=app%3Doracle` },
  { name: "list configmaps limit", method: "GET", path: `${NS}/configmaps?limit=1` },
  {
    name: "list bad label selector",
    method: "GET",
    path: `${NS}/configmaps?labelSelector=a%20in%20(`,
  },
  {
    name: "list bad field selector",
    method: "GET",
    path: `${NS}/configmaps?fieldSelector=spec.x%3Dy`,
  },
  { name: "list bad continue", method: "GET", path: `${NS}/configmaps?limit=1&continue=garbage` },
  {
    name: "list rvmatch without rv",
    method: "GET",
    path: `${NS}/configmaps?resourceVersionMatch=NotOlderThan`,
  },
  {
    name: "list all namespaces table",
    method: "GET",
    path: "/api/v1/configmaps?labelSelector=app%3Doracle",
    accept: TABLE,
  },
  {
    name: "update configmap stale rv",
    method: "PUT",
    path: `${NS}/configmaps/one`,
    body: { ...configMap("one", { a: "2" }), metadata: { name: "one", resourceVersion: "1" } },
  },
  {
    name: "update configmap name mismatch",
    method: "PUT",
    path: `${NS}/configmaps/one`,
    body: configMap("two"),
  },
  {
    name: "update configmap no rv",
    method: "PUT",
    path: `${NS}/configmaps/one`,
    body: configMap("one", { a: "3" }),
  },
  {
    name: "update missing configmap",
    method: "PUT",
    path: `${NS}/configmaps/absent`,
    body: configMap("absent"),
  },
  {
    name: "merge patch",
    method: "PATCH",
    path: `${NS}/configmaps/one`,
    body: { data: { b: "2" } },
    contentType: MERGE_PATCH,
  },
  {
    name: "strategic patch",
    method: "PATCH",
    path: `${NS}/configmaps/one`,
    body: { metadata: { annotations: { x: "y" } } },
    contentType: STRATEGIC,
  },
  {
    name: "json patch",
    method: "PATCH",
    path: `${NS}/configmaps/one`,
    body: [{ op: "add", path: "/data/c", value: "3" }],
    contentType: JSON_PATCH,
  },
  {
    name: "json patch test fails",
    method: "PATCH",
    path: `${NS}/configmaps/one`,
    body: [{ op: "test", path: "/data/a", value: "nope" }],
    contentType: JSON_PATCH,
  },
  {
    name: "json patch bad op",
    method: "PATCH",
    path: `${NS}/configmaps/one`,
    body: [{ op: "frobnicate", path: "/data/a" }],
    contentType: JSON_PATCH,
  },
  {
    name: "json patch remove missing",
    method: "PATCH",
    path: `${NS}/configmaps/one`,
    body: [{ op: "remove", path: "/data/zzz" }],
    contentType: JSON_PATCH,
  },
  {
    name: "patch unsupported type",
    method: "PATCH",
    path: `${NS}/configmaps/one`,
    body: {},
    contentType: "text/plain",
  },
  {
    name: "patch missing",
    method: "PATCH",
    path: `${NS}/configmaps/absent`,
    body: { data: { a: "1" } },
    contentType: MERGE_PATCH,
  },
  {
    name: "apply without field manager",
    method: "PATCH",
    path: `${NS}/configmaps/applied`,
    body: configMap("applied"),
    contentType: APPLY,
  },
  {
    name: "apply creates",
    method: "PATCH",
    path: `${NS}/configmaps/applied?fieldManager=oracle`,
    body: configMap("applied"),
    contentType: APPLY,
  },
  {
    name: "apply conflicts",
    method: "PATCH",
    path: `${NS}/configmaps/one?fieldManager=other`,
    body: configMap("one", { a: "other" }),
    contentType: APPLY,
  },
  {
    name: "force on merge patch",
    method: "PATCH",
    path: `${NS}/configmaps/one?force=true`,
    body: { data: { a: "1" } },
    contentType: MERGE_PATCH,
  },
  {
    name: "dry-run create",
    method: "POST",
    path: `${NS}/configmaps?dryRun=All`,
    body: configMap("dry"),
  },
  {
    name: "dry-run bad value",
    method: "POST",
    path: `${NS}/configmaps?dryRun=Some`,
    body: configMap("dry"),
  },
  { name: "get after dry-run", method: "GET", path: `${NS}/configmaps/dry` },
  {
    name: "delete bad propagation",
    method: "DELETE",
    path: `${NS}/configmaps/one?propagationPolicy=Sometimes`,
  },
  {
    name: "delete precondition uid",
    method: "DELETE",
    path: `${NS}/configmaps/one`,
    body: {
      kind: "DeleteOptions",
      apiVersion: "v1",
      preconditions: { uid: "00000000-0000-0000-0000-000000000000" },
    },
  },
  { name: "delete configmap", method: "DELETE", path: `${NS}/configmaps/one` },
  { name: "delete configmap again", method: "DELETE", path: `${NS}/configmaps/one` },
  {
    name: "delete collection",
    method: "DELETE",
    path: `${NS}/configmaps?labelSelector=app%3Doracle`,
  },
  { name: "method not allowed", method: "PUT", path: `${NS}/configmaps`, body: configMap("x") },
];

/** Secrets, Pods and Deployments: defaults and validation of built-in kinds. */
const workloads: Probe[] = [
  {
    // kube-controller-manager's ServiceAccount controller, which the oracle runs without.
    name: "default service account",
    method: "POST",
    path: `${NS}/serviceaccounts`,
    body: { metadata: { name: "default" } },
    setup: true,
  },
  {
    name: "secret tls without key",
    method: "POST",
    path: `${NS}/secrets`,
    body: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "tls" },
      type: "kubernetes.io/tls",
      data: {},
    },
  },
  // Go's scanner words the syntax error of a docker config (json.Unmarshal in ValidateSecret).
  {
    name: "secret dockercfg not json",
    method: "POST",
    path: `${NS}/secrets`,
    body: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "dockercfg" },
      type: "kubernetes.io/dockercfg",
      data: { ".dockercfg": btoa("{'auths':{}}") },
    },
  },
  {
    name: "secret stringData",
    method: "POST",
    path: `${NS}/secrets`,
    body: { apiVersion: "v1", kind: "Secret", metadata: { name: "plain" }, stringData: { k: "v" } },
  },
  { name: "pod defaults", method: "POST", path: `${NS}/pods?dryRun=All`, body: pod("defaults") },
  {
    name: "pod without image",
    method: "POST",
    path: `${NS}/pods`,
    body: pod("noimage", { name: "c" }),
  },
  {
    name: "pod duplicate ports and bad env",
    method: "POST",
    path: `${NS}/pods`,
    body: pod("badenv", {
      name: "c",
      image: "busybox",
      ports: [{ containerPort: 80 }, { containerPort: 80 }, { containerPort: 70000 }],
      env: [{ name: "" }, {
        name: "A",
        value: "x",
        valueFrom: { fieldRef: { fieldPath: "metadata.name" } },
      }],
    }),
  },
  {
    name: "pod bad resources",
    method: "POST",
    path: `${NS}/pods`,
    body: pod("badres", {
      name: "c",
      image: "busybox",
      resources: { limits: { cpu: "1" }, requests: { cpu: "2", memory: "lots" } },
    }),
  },
  {
    name: "pod unknown field strict",
    method: "POST",
    path: `${NS}/pods?fieldValidation=Strict`,
    body: { ...pod("strict"), spec: { containers: [{ name: "c", image: "x", bogus: 1 }] } },
  },
  {
    name: "pod unknown field warn",
    method: "POST",
    path: `${NS}/pods?fieldValidation=Warn&dryRun=All`,
    body: { ...pod("warn"), spec: { containers: [{ name: "c", image: "x", bogus: 1 }] } },
  },
  {
    name: "deployment defaults",
    method: "POST",
    path: `${APPS}/deployments?dryRun=All`,
    body: deployment("web"),
  },
  {
    name: "deployment selector mismatch",
    method: "POST",
    path: `${APPS}/deployments`,
    body: {
      ...deployment("bad"),
      spec: { ...deployment("bad").spec, selector: { matchLabels: { app: "x" } } },
    },
  },
  {
    name: "service defaults",
    method: "POST",
    path: `${NS}/services?dryRun=All`,
    body: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "svc" },
      spec: { ports: [{ port: 80 }] },
    },
  },
  {
    name: "service bad type",
    method: "POST",
    path: `${NS}/services`,
    body: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "bad" },
      spec: { type: "Nope", ports: [{ port: 80 }] },
    },
  },
];

/** Cluster-scoped objects every kubeadm cluster has. */
const builtIns: Probe[] = [
  { name: "default namespace", method: "GET", path: "/api/v1/namespaces/default" },
  {
    name: "kubernetes service",
    method: "GET",
    path: "/api/v1/namespaces/default/services/kubernetes",
  },
  {
    name: "cluster-admin",
    method: "GET",
    path: "/apis/rbac.authorization.k8s.io/v1/clusterroles/cluster-admin",
  },
  {
    name: "view role",
    method: "GET",
    path: "/apis/rbac.authorization.k8s.io/v1/clusterroles/view",
  },
  {
    name: "flowschema exempt",
    method: "GET",
    path: "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas/exempt",
  },
  {
    name: "priority level global-default",
    method: "GET",
    path: "/apis/flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations/global-default",
  },
  {
    name: "flowschema kube-scheduler (distinguisher, subjects)",
    method: "GET",
    path: "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas/kube-scheduler",
  },
  {
    name: "flowschemas as kubectl's Table (rows by matching precedence)",
    method: "GET",
    path: "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas",
    accept: "application/json;as=Table;v=v1;g=meta.k8s.io",
  },
  { name: "priority classes", method: "GET", path: "/apis/scheduling.k8s.io/v1/priorityclasses" },
  { name: "delete namespace", method: "DELETE", path: "/api/v1/namespaces/oracle" },
];

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const WIDGETS = "/apis/oracle.example.com/v1/namespaces/oracle/widgets";
const widget = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "oracle.example.com/v1",
  kind: "Widget",
  metadata: { name },
  spec,
});

/** How answers are laid out and the protocol details generated clients and curl users see. */
const protocol: Probe[] = [
  {
    name: "configmap for protocol",
    method: "POST",
    path: `${NS}/configmaps`,
    body: configMap("proto"),
    setup: true,
  },
  { name: "get pretty=true", method: "GET", path: `${NS}/configmaps/proto?pretty=true` },
  // go-restful routes have no HEAD (405); the plain handlers answer it as GET.
  { name: "head configmap", method: "HEAD", path: `${NS}/configmaps/proto` },
  { name: "head configmap list", method: "HEAD", path: `${NS}/configmaps` },
  { name: "head missing configmap", method: "HEAD", path: `${NS}/configmaps/missing` },
  { name: "head /api/v1", method: "HEAD", path: "/api/v1" },
  { name: "head /version", method: "HEAD", path: "/version" },
  { name: "head /apis/apps", method: "HEAD", path: "/apis/apps" },
  { name: "head /healthz", method: "HEAD", path: "/healthz" },
  { name: "head unknown resource", method: "HEAD", path: "/api/v1/foos" },
  { name: "options configmap", method: "OPTIONS", path: `${NS}/configmaps/proto` },
  {
    name: "get pretty=false with curl",
    method: "GET",
    path: `${NS}/configmaps/proto?pretty=0`,
    userAgent: "curl/8.5.0",
  },
  { name: "get as curl", method: "GET", path: `${NS}/configmaps/proto`, userAgent: "curl/8.5.0" },
  {
    name: "404 as a browser",
    method: "GET",
    path: `${NS}/configmaps/none`,
    userAgent: "Mozilla/5.0 (X11)",
  },
  {
    name: "watch initial events",
    method: "GET",
    path: `${NS}/configmaps?watch=true&timeoutSeconds=1&labelSelector=app%3Doracle`,
  },
  {
    name: "watch bad timeout",
    method: "GET",
    path: `${NS}/configmaps?watch=true&timeoutSeconds=x`,
  },
  { name: "get bad resourceVersion", method: "GET", path: `${NS}/configmaps?resourceVersion=abc` },
  {
    name: "list by name",
    method: "GET",
    path: `${NS}/configmaps?fieldSelector=metadata.name%3Dproto`,
  },
  { name: "list bad label key", method: "GET", path: `${NS}/configmaps?labelSelector=-bad-%3Dx` },
  { name: "list negative limit", method: "GET", path: `${NS}/configmaps?limit=-1` },
  { name: "healthz check", method: "GET", path: "/healthz/etcd" },
  { name: "healthz unknown check", method: "GET", path: "/healthz/nope" },
  { name: "readyz exclude unknown", method: "GET", path: "/readyz?verbose&exclude=nope" },
  { name: "unknown version of a group", method: "GET", path: "/apis/apps/v9" },
  { name: "openapi v2 below", method: "GET", path: "/openapi/v2/x" },
  { name: "version below", method: "GET", path: "/version/x" },
  {
    name: "create with a kind of another group",
    method: "POST",
    path: `${NS}/configmaps`,
    body: { apiVersion: "apps/v1", kind: "ConfigMap", metadata: { name: "x" } },
  },
  {
    name: "create with an unknown kind",
    method: "POST",
    path: `${NS}/configmaps`,
    body: { apiVersion: "v1", kind: "Foo", metadata: { name: "x" } },
  },
  {
    name: "create deployment as configmap",
    method: "POST",
    path: `${APPS}/deployments`,
    body: configMap("x"),
  },
  {
    name: "create with a missing value",
    method: "POST",
    path: `${NS}/configmaps`,
    body: '{"metadata":{"name":}}',
  },
  {
    name: "create with a trailing comma",
    method: "POST",
    path: `${NS}/configmaps`,
    body: '{"metadata":{"name":"x",}}',
  },
  {
    name: "delete precondition resourceVersion",
    method: "DELETE",
    path: `${NS}/configmaps/proto`,
    body: { preconditions: { resourceVersion: "1" } },
  },
  {
    name: "apply sets a field",
    method: "PATCH",
    path: `${NS}/configmaps/ssa?fieldManager=first`,
    body: configMap("ssa", { shared: "1" }),
    contentType: APPLY,
  },
  {
    name: "apply conflicts with another manager",
    method: "PATCH",
    path: `${NS}/configmaps/ssa?fieldManager=second`,
    body: configMap("ssa", { shared: "2" }),
    contentType: APPLY,
  },
  {
    name: "apply with force takes the field",
    method: "PATCH",
    path: `${NS}/configmaps/ssa?fieldManager=second&force=true`,
    body: configMap("ssa", { shared: "2" }),
    contentType: APPLY,
  },
  {
    name: "apply of a bad yaml",
    method: "PATCH",
    path: `${NS}/configmaps/ssa?fieldManager=first`,
    body: "metadata: [",
    contentType: APPLY,
  },
  {
    name: "apply of another kind",
    method: "PATCH",
    path: `${NS}/configmaps/ssa?fieldManager=first`,
    body: { apiVersion: "v1", kind: "Secret", metadata: { name: "ssa" } },
    contentType: APPLY,
  },
];

/** A CustomResourceDefinition and its objects, valid and not. */
const customResources: Probe[] = [
  {
    name: "create crd",
    method: "POST",
    path: CRDS,
    body: {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.oracle.example.com" },
      spec: {
        group: "oracle.example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [{ name: "Size", type: "integer", jsonPath: ".spec.size" }],
          selectableFields: [{ jsonPath: ".spec.color" }, { jsonPath: ".spec.size" }],
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  required: ["size"],
                  properties: {
                    size: { type: "integer", minimum: 1 },
                    color: { type: "string", enum: ["red", "blue"], default: "red" },
                  },
                },
                status: { type: "object", properties: { ready: { type: "boolean" } } },
              },
            },
          },
        }],
      },
    },
  },
  {
    name: "create widget",
    method: "POST",
    path: WIDGETS,
    body: widget("one", { size: 1 }),
    delayMs: 3000,
  },
  // Environmental when it differs: kube-apiserver reports the two causes in the order of a Go
  // map's iteration (kube-openapi's object validator ranges over the schema's properties), so
  // runs of the same binary disagree; fkas keeps one order.
  {
    name: "create widget invalid",
    method: "POST",
    path: WIDGETS,
    body: widget("bad", { size: 0, color: "green" }),
  },
  {
    name: "create widget missing required",
    method: "POST",
    path: WIDGETS,
    body: widget("empty", {}),
  },
  {
    name: "create widget unknown field",
    method: "POST",
    path: WIDGETS,
    body: widget("extra", { size: 2, extra: true }),
  },
  { name: "get widget", method: "GET", path: `${WIDGETS}/one` },
  {
    name: "openapi v3 of the crd group",
    method: "GET",
    path: "/openapi/v3/apis/oracle.example.com/v1",
  },
  {
    name: "list widgets by selectable fields",
    method: "GET",
    path: `${WIDGETS}?fieldSelector=spec.color%3Dred,spec.size%3D1`,
  },
  {
    name: "list widgets by a selectable field, none",
    method: "GET",
    path: `${WIDGETS}?fieldSelector=spec.color%3Dblue`,
  },
  {
    name: "list widgets by an unselectable field",
    method: "GET",
    path: `${WIDGETS}?fieldSelector=spec.nope%3D1`,
  },
  { name: "list widgets", method: "GET", path: WIDGETS },
  { name: "widgets table", method: "GET", path: WIDGETS, accept: TABLE },
  { name: "widget unknown subresource", method: "GET", path: `${WIDGETS}/one/nope` },
  {
    name: "unknown resource of the crd group",
    method: "GET",
    path: "/apis/oracle.example.com/v1/namespaces/oracle/gadgets",
  },
  {
    name: "unknown version of the crd group",
    method: "GET",
    path: "/apis/oracle.example.com/v2/namespaces/oracle/widgets",
  },
  {
    name: "strategic patch of a widget",
    method: "PATCH",
    path: `${WIDGETS}/one`,
    body: { spec: { size: 3 } },
    contentType: STRATEGIC,
  },
  {
    name: "merge patch of a widget",
    method: "PATCH",
    path: `${WIDGETS}/one`,
    body: { spec: { size: 3 } },
    contentType: MERGE_PATCH,
  },
  {
    name: "widget status",
    method: "PATCH",
    path: `${WIDGETS}/one/status`,
    body: { status: { ready: true } },
    contentType: MERGE_PATCH,
  },
  { name: "delete widgets", method: "DELETE", path: WIDGETS },
  { name: "delete crd", method: "DELETE", path: `${CRDS}/widgets.oracle.example.com` },
];

/** Every probe, in the order they are sent. */
export const PROBES: Probe[] = [
  ...discovery,
  ...crdSetup,
  ...configMaps,
  ...workloads,
  ...podDeletion,
  ...protocol,
  ...customResources,
  ...surface,
  ...coreSurface,
  ...subresources,
  ...updates,
  ...statusApplies,
  ...builtIns,
  ...keyOrder,
  ...admission,
  ...quotaAdmission,
  ...claimUpdates,
  ...compression,
  ...failedWriteWarnings,
  ...podResize,
  ...podWarnings,
  ...podValidation,
  ...yamlBodies,
  ...applyTypes,
  ...numberLiterals,
];
