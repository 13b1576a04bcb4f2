// Oracle probes for the rest of the built-in surface of 1.36: for each group a create that shows the
// defaults kube-apiserver fills in (sent as dry-run, so nothing lingers) and an invalid object whose
// 422 causes must match, field for field. Subresources and OpenAPI live in _subresource_probes.ts.

import type { Probe } from "./_probes.ts";

/** The namespace every namespaced probe of this file writes into. */
export const SURFACE_NS = "surface";
const DRY = "?dryRun=All";
const ns = (group: string) =>
  `${group === "" ? "/api/v1" : `/apis/${group}`}/namespaces/${SURFACE_NS}`;
const APPS = ns("apps/v1");
const BATCH = ns("batch/v1");
const NET = "/apis/networking.k8s.io/v1";

const template = (app: string, spec: Record<string, unknown> = {}) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
});
const workload = (kind: string, name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind,
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: template(name), ...spec },
});

/** A PEM certificate request (CN=oracle-user, O=oracle; P-256), base64 as the API carries it. */
export const CSR_REQUEST =
  "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIaU1JR0pBZ0VBTUNjeEZEQVNCZ05WQkFNTUMyOXlZV05zWlMxMWMyVnlNUTh3RFFZRFZRUUtEQVp2Y21GagpiR1V3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQkJ3TkNBQVRoZGxRbm96SW1oUlhsdUFMdXZsZ1pleWpmCm0vRTd1d0RrdjRCaGFWMTgvN1ZTeGN5aTFMbWVTMHNmRTg3ZTJQWW1WMS9SNFdjY0dnQ0ZTVnI1VWswSm9BQXcKQ2dZSUtvWkl6ajBFQXdJRFNBQXdSUUloQU90TmtrYzV2YytSazhVWlNMQmZEZUhrS3FvVVpmdVNaQWdReTI4WQpnSnhuQWlBVmk4eE1jMzc1K0NnQ2hhWTFRNTlpZ0hteXBvSWdvcFh6N01uRVp0VTF4UT09Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=";

const create = (name: string, path: string, body: unknown): Probe => ({
  name,
  method: "POST",
  path,
  body,
});

const apps: Probe[] = [
  {
    name: "create surface namespace",
    method: "POST",
    path: "/api/v1/namespaces",
    body: { metadata: { name: SURFACE_NS } },
    setup: true,
  },
  create("statefulset defaults", `${APPS}/statefulsets${DRY}`, workload("StatefulSet", "db")),
  create(
    "statefulset invalid",
    `${APPS}/statefulsets`,
    workload("StatefulSet", "bad", {
      replicas: -1,
      podManagementPolicy: "Sometimes",
      updateStrategy: { type: "OnDelete", rollingUpdate: { partition: 1 } },
      selector: { matchLabels: { app: "other" } },
    }),
  ),
  create("daemonset defaults", `${APPS}/daemonsets${DRY}`, workload("DaemonSet", "agent")),
  create(
    "daemonset invalid",
    `${APPS}/daemonsets`,
    workload("DaemonSet", "bad", {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } },
      template: template("bad", { restartPolicy: "Never" }),
    }),
  ),
  create("replicaset defaults", `${APPS}/replicasets${DRY}`, workload("ReplicaSet", "rs")),
  create(
    "replicaset invalid",
    `${APPS}/replicasets`,
    workload("ReplicaSet", "bad", { selector: {}, minReadySeconds: -1 }),
  ),
];

const batch: Probe[] = [
  create("job defaults", `${BATCH}/jobs${DRY}`, {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "once" },
    spec: {
      template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "x" }] } },
    },
  }),
  create("job invalid", `${BATCH}/jobs`, {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "bad" },
    spec: {
      parallelism: -1,
      backoffLimit: -2,
      completionMode: "Sometimes",
      template: { spec: { containers: [{ name: "c", image: "x" }] } },
    },
  }),
  create("cronjob defaults", `${BATCH}/cronjobs${DRY}`, {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "tick" },
    spec: {
      schedule: "*/5 * * * *",
      jobTemplate: {
        spec: {
          template: {
            spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "x" }] },
          },
        },
      },
    },
  }),
  create("cronjob invalid", `${BATCH}/cronjobs`, {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "bad" },
    spec: {
      schedule: "61 * * * *",
      concurrencyPolicy: "Sometimes",
      startingDeadlineSeconds: -1,
      jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "x" }] } } } },
    },
  }),
];

const networking: Probe[] = [
  create("ingress defaults", `${ns("networking.k8s.io/v1")}/ingresses${DRY}`, {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "web" },
    spec: {
      rules: [{
        host: "web.example.com",
        http: {
          paths: [{
            path: "/",
            pathType: "Prefix",
            backend: { service: { name: "web", port: { number: 80 } } },
          }],
        },
      }],
    },
  }),
  create("ingress invalid", `${ns("networking.k8s.io/v1")}/ingresses`, {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "bad" },
    spec: {
      rules: [{
        host: "*.*.example.com",
        http: { paths: [{ path: "rel", backend: { service: { name: "web" } } }] },
      }],
    },
  }),
  create("ingressclass create", `${NET}/ingressclasses${DRY}`, {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name: "nginx" },
    spec: { controller: "example.com/ingress" },
  }),
  create("ingressclass invalid", `${NET}/ingressclasses`, {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name: "bad" },
    spec: { controller: "no-slash", parameters: { kind: "", name: "p", scope: "Namespaced" } },
  }),
  create("networkpolicy defaults", `${ns("networking.k8s.io/v1")}/networkpolicies${DRY}`, {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "deny" },
    spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] },
  }),
  create("networkpolicy invalid", `${ns("networking.k8s.io/v1")}/networkpolicies`, {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "bad" },
    spec: {
      podSelector: {},
      policyTypes: ["Sideways"],
      ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/33" } }], ports: [{ protocol: "ICMP" }] }],
    },
  }),
];

const policyAndRbac: Probe[] = [
  create("pdb create", `${ns("policy/v1")}/poddisruptionbudgets${DRY}`, {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "pdb" },
    spec: { minAvailable: 1, selector: { matchLabels: { app: "db" } } },
  }),
  create("pdb invalid", `${ns("policy/v1")}/poddisruptionbudgets`, {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "bad" },
    spec: { minAvailable: "150%", maxUnavailable: 1, unhealthyPodEvictionPolicy: "Never" },
  }),
  create("role invalid", `${ns("rbac.authorization.k8s.io/v1")}/roles`, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "bad" },
    rules: [{ apiGroups: [""], resources: ["pods"] }, { verbs: ["get"], nonResourceURLs: ["/x"] }],
  }),
  create("rolebinding invalid", `${ns("rbac.authorization.k8s.io/v1")}/rolebindings`, {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "bad" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Secret", name: "" },
    subjects: [{ kind: "User", name: "" }, { kind: "ServiceAccount", name: "sa" }],
  }),
  create("clusterrolebinding create", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: "oracle-view" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
    subjects: [{ kind: "ServiceAccount", name: "default", namespace: SURFACE_NS }],
  }),
  {
    name: "clusterrolebinding roleRef immutable",
    method: "PATCH",
    path: "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/oracle-view",
    body: { roleRef: { name: "edit" } },
    contentType: "application/merge-patch+json",
  },
];

const storageAndNode: Probe[] = [
  create("storageclass defaults", "/apis/storage.k8s.io/v1/storageclasses?dryRun=All", {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "fast" },
    provisioner: "example.com/fast",
  }),
  create("storageclass invalid", "/apis/storage.k8s.io/v1/storageclasses", {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "bad" },
    provisioner: "Not Valid!",
    reclaimPolicy: "Keep",
    volumeBindingMode: "Later",
  }),
  create("csidriver defaults", "/apis/storage.k8s.io/v1/csidrivers?dryRun=All", {
    apiVersion: "storage.k8s.io/v1",
    kind: "CSIDriver",
    metadata: { name: "csi.example.com" },
    spec: {},
  }),
  create("volumeattachment create", "/apis/storage.k8s.io/v1/volumeattachments?dryRun=All", {
    apiVersion: "storage.k8s.io/v1",
    kind: "VolumeAttachment",
    metadata: { name: "va" },
    spec: { attacher: "csi.example.com", nodeName: "n1", source: { persistentVolumeName: "pv" } },
  }),
  create("volumeattachment invalid", "/apis/storage.k8s.io/v1/volumeattachments", {
    apiVersion: "storage.k8s.io/v1",
    kind: "VolumeAttachment",
    metadata: { name: "bad" },
    spec: { attacher: "", source: {} },
  }),
  create("runtimeclass invalid", "/apis/node.k8s.io/v1/runtimeclasses", {
    apiVersion: "node.k8s.io/v1",
    kind: "RuntimeClass",
    metadata: { name: "bad" },
    handler: "Not_Valid",
  }),
  create("priorityclass create", "/apis/scheduling.k8s.io/v1/priorityclasses?dryRun=All", {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: "high" },
    value: 1000,
  }),
  create("priorityclass invalid", "/apis/scheduling.k8s.io/v1/priorityclasses", {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: "system-bad" },
    value: 2000000000,
    preemptionPolicy: "Sometimes",
  }),
];

const others: Probe[] = [
  create("hpa v1 defaults", `${ns("autoscaling/v1")}/horizontalpodautoscalers${DRY}`, {
    apiVersion: "autoscaling/v1",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      maxReplicas: 3,
    },
  }),
  create("hpa v2 defaults", `${ns("autoscaling/v2")}/horizontalpodautoscalers${DRY}`, {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      maxReplicas: 3,
    },
  }),
  create("hpa v2 invalid", `${ns("autoscaling/v2")}/horizontalpodautoscalers`, {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "bad" },
    spec: {
      scaleTargetRef: { kind: "", name: "" },
      minReplicas: 5,
      maxReplicas: 2,
      metrics: [{ type: "Resource" }],
    },
  }),
  create("lease create", `${ns("coordination.k8s.io/v1")}/leases${DRY}`, {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "lock" },
    spec: { holderIdentity: "me", leaseDurationSeconds: 15 },
  }),
  create("lease invalid", `${ns("coordination.k8s.io/v1")}/leases`, {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "bad" },
    spec: { leaseDurationSeconds: 0, leaseTransitions: -1 },
  }),
  create("endpointslice create", `${ns("discovery.k8s.io/v1")}/endpointslices${DRY}`, {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "web-abc" },
    addressType: "IPv4",
    endpoints: [{ addresses: ["10.0.0.1"] }],
    ports: [{ name: "http", port: 80 }],
  }),
  create("endpointslice invalid", `${ns("discovery.k8s.io/v1")}/endpointslices`, {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "bad" },
    addressType: "IPv5",
    endpoints: [{ addresses: [] }],
    ports: [{ port: 70000, protocol: "ICMP" }],
  }),
  create("events.k8s.io event create", `${ns("events.k8s.io/v1")}/events${DRY}`, {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: { name: "ev" },
    eventTime: "2026-12-07T00:00:00.000000Z",
    reportingController: "example.com/oracle",
    reportingInstance: "oracle-1",
    action: "Probe",
    reason: "Probed",
    type: "Normal",
    regarding: { kind: "Pod", namespace: SURFACE_NS, name: "p" },
  }),
  create("events.k8s.io event invalid", `${ns("events.k8s.io/v1")}/events`, {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: { name: "bad" },
    type: "Odd",
  }),
  create(
    "validatingwebhookconfiguration defaults",
    "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations?dryRun=All",
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata: { name: "hook" },
      webhooks: [{
        name: "hook.example.com",
        clientConfig: { service: { namespace: "default", name: "hook" } },
        rules: [{
          operations: ["CREATE"],
          apiGroups: [""],
          apiVersions: ["v1"],
          resources: ["pods"],
        }],
        sideEffects: "None",
        admissionReviewVersions: ["v1"],
      }],
    },
  ),
  create(
    "validatingwebhookconfiguration invalid",
    "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata: { name: "bad" },
      webhooks: [{ name: "nodots", clientConfig: {}, admissionReviewVersions: [] }],
    },
  ),
];

/** Every probe of the wider built-in surface, in the order they are sent. */
export const surface: Probe[] = [
  ...apps,
  ...batch,
  ...networking,
  ...policyAndRbac,
  ...storageAndNode,
  ...others,
];

const CORE = `/api/v1/namespaces/${SURFACE_NS}`;

/** Core kinds besides Pods, Services, ConfigMaps and Secrets: invalid objects. */
export const coreSurface: Probe[] = [
  create("pvc invalid", `${CORE}/persistentvolumeclaims`, {
    metadata: { name: "bad" },
    spec: { accessModes: ["ReadSometimes"], resources: { requests: { storage: "-1Gi" } } },
  }),
  create("pv invalid", "/api/v1/persistentvolumes", {
    metadata: { name: "bad" },
    spec: { capacity: {}, accessModes: [], persistentVolumeReclaimPolicy: "Keep" },
  }),
  create("resourcequota invalid", `${CORE}/resourcequotas`, {
    metadata: { name: "bad" },
    spec: { hard: { pods: "-1", "bogus/thing": "1" } },
  }),
  create("limitrange invalid", `${CORE}/limitranges`, {
    metadata: { name: "bad" },
    spec: { limits: [{ type: "Sideways", max: { cpu: "1" }, min: { cpu: "2" } }] },
  }),
  create("replicationcontroller invalid", `${CORE}/replicationcontrollers`, {
    metadata: { name: "bad" },
    spec: { replicas: -1, selector: { a: "b" }, template: { metadata: { labels: { a: "c" } } } },
  }),
  create("serviceaccount invalid", `${CORE}/serviceaccounts`, {
    metadata: { name: "Bad_SA" },
  }),
  create("namespace invalid", "/api/v1/namespaces", { metadata: { name: "Bad.NS" } }),
];
