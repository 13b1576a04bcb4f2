// Oracle probes for subresources of the built-in kinds (scale read, replaced and server-side
// applied, which must leave an Apply entry for `scale`; status; a CSR's approval) and for the
// OpenAPI v3 group-version documents, whose `paths` clients such as kubectl read.

import type { Probe } from "./_probes.ts";
import { CSR_REQUEST, SURFACE_NS } from "./_surface_probes.ts";

const APPS = `/apis/apps/v1/namespaces/${SURFACE_NS}`;
const APPLY = "application/apply-patch+yaml";
const MERGE = "application/merge-patch+json";
const CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests";

const workload = (kind: string, name: string) => ({
  apiVersion: "apps/v1",
  kind,
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
  },
});
const scale = (name: string, replicas: number) => ({
  apiVersion: "autoscaling/v1",
  kind: "Scale",
  metadata: { name },
  spec: { replicas },
});

/** Scale and status of each scalable kind. */
const scaleProbes: Probe[] = [
  ...(["Deployment", "StatefulSet", "ReplicaSet"] as const).flatMap((kind): Probe[] => {
    const resource = `${APPS}/${kind.toLowerCase()}s`;
    const name = `scaled-${kind.toLowerCase()}`;
    return [
      {
        name: `${kind} for scale`,
        method: "POST",
        path: resource,
        body: workload(kind, name),
        setup: true,
      },
      { name: `${kind} get scale`, method: "GET", path: `${resource}/${name}/scale` },
      {
        name: `${kind} put scale`,
        method: "PUT",
        path: `${resource}/${name}/scale`,
        body: scale(name, 2),
      },
      {
        name: `${kind} apply scale`,
        method: "PATCH",
        path: `${resource}/${name}/scale?fieldManager=scaler`,
        body: scale(name, 3),
        contentType: APPLY,
      },
      {
        name: `${kind} apply scale force`,
        method: "PATCH",
        path: `${resource}/${name}/scale?fieldManager=scaler&force=true`,
        body: scale(name, 3),
        contentType: APPLY,
      },
      {
        name: `${kind} apply scale conflicts`,
        method: "PATCH",
        path: `${resource}/${name}/scale?fieldManager=other`,
        body: scale(name, 4),
        contentType: APPLY,
      },
      {
        name: `${kind} apply scale shared value`,
        method: "PATCH",
        path: `${resource}/${name}/scale?fieldManager=other`,
        body: scale(name, 3),
        contentType: APPLY,
      },
      { name: `${kind} after scale apply`, method: "GET", path: `${resource}/${name}` },
    ];
  }),
  {
    name: "deployment scale negative",
    method: "PUT",
    path: `${APPS}/deployments/scaled-deployment/scale`,
    body: scale("scaled-deployment", -1),
  },
  {
    name: "deployment scale merge patch",
    method: "PATCH",
    path: `${APPS}/deployments/scaled-deployment/scale`,
    body: { spec: { replicas: 5 } },
    contentType: MERGE,
  },
  {
    name: "deployment status patch",
    method: "PATCH",
    path: `${APPS}/deployments/scaled-deployment/status`,
    body: { status: { observedGeneration: 1, replicas: 1 } },
    contentType: MERGE,
  },
  {
    name: "deployment status get",
    method: "GET",
    path: `${APPS}/deployments/scaled-deployment/status`,
  },
];

const csr = (name: string, request = CSR_REQUEST) => ({
  apiVersion: "certificates.k8s.io/v1",
  kind: "CertificateSigningRequest",
  metadata: { name },
  spec: { request, signerName: "kubernetes.io/kube-apiserver-client", usages: ["client auth"] },
});

/** A CertificateSigningRequest created, approved and read back; invalid ones. */
const certificates: Probe[] = [
  { name: "csr create", method: "POST", path: CSRS, body: csr("oracle-user") },
  {
    name: "csr invalid request",
    method: "POST",
    path: CSRS,
    body: csr("bad", "bm90IGEgcGVt"),
  },
  {
    name: "csr invalid signer",
    method: "POST",
    path: CSRS,
    body: { ...csr("badsigner"), spec: { request: CSR_REQUEST, signerName: "nope", usages: [] } },
  },
  {
    name: "csr approve",
    method: "PUT",
    path: `${CSRS}/oracle-user/approval`,
    body: {
      ...csr("oracle-user"),
      status: {
        conditions: [{ type: "Approved", status: "True", reason: "Oracle", message: "ok" }],
      },
    },
  },
  { name: "csr after approval", method: "GET", path: `${CSRS}/oracle-user` },
  {
    name: "csr approve and deny",
    method: "PUT",
    path: `${CSRS}/oracle-user/approval`,
    body: {
      ...csr("oracle-user"),
      status: {
        conditions: [
          { type: "Approved", status: "True", reason: "Oracle" },
          { type: "Denied", status: "True", reason: "Oracle" },
        ],
      },
    },
  },
];

/** OpenAPI v3: the group-version documents kubectl explain and clients read. */
const openapi: Probe[] = [
  { name: "openapi v3 core v1", method: "GET", path: "/openapi/v3/api/v1" },
  { name: "openapi v3 apps v1", method: "GET", path: "/openapi/v3/apis/apps/v1" },
  { name: "openapi v3 batch v1", method: "GET", path: "/openapi/v3/apis/batch/v1" },
  {
    name: "openapi v3 certificates v1",
    method: "GET",
    path: "/openapi/v3/apis/certificates.k8s.io/v1",
  },
];

/** Every subresource and OpenAPI probe, in the order they are sent. */
export const subresources: Probe[] = [...scaleProbes, ...certificates, ...openapi];

const MERGE_PATCH = "application/merge-patch+json";
const patch = (name: string, path: string, body: unknown, contentType = MERGE_PATCH): Probe => ({
  name,
  method: "PATCH",
  path,
  body,
  contentType,
});
const SURFACE = `/api/v1/namespaces/${SURFACE_NS}`;

/** Updates of built-in kinds: what each registry keeps immutable, and status through /status. */
export const updates: Probe[] = [
  {
    name: "storageclass for updates",
    method: "POST",
    path: "/apis/storage.k8s.io/v1/storageclasses",
    body: { metadata: { name: "upd" }, provisioner: "example.com/disk", parameters: { a: "1" } },
    setup: true,
  },
  patch("storageclass parameters immutable", "/apis/storage.k8s.io/v1/storageclasses/upd", {
    parameters: { a: "2" },
    reclaimPolicy: "Retain",
  }),
  {
    name: "priorityclass for updates",
    method: "POST",
    path: "/apis/scheduling.k8s.io/v1/priorityclasses",
    body: { metadata: { name: "upd" }, value: 10 },
    setup: true,
  },
  patch("priorityclass value immutable", "/apis/scheduling.k8s.io/v1/priorityclasses/upd", {
    value: 11,
  }),
  {
    name: "ingressclass for updates",
    method: "POST",
    path: "/apis/networking.k8s.io/v1/ingressclasses",
    body: { metadata: { name: "upd" }, spec: { controller: "example.com/a" } },
    setup: true,
  },
  patch("ingressclass controller immutable", "/apis/networking.k8s.io/v1/ingressclasses/upd", {
    spec: { controller: "example.com/b" },
  }),
  {
    name: "job for updates",
    method: "POST",
    path: `/apis/batch/v1/namespaces/${SURFACE_NS}/jobs`,
    body: {
      metadata: { name: "upd" },
      spec: {
        suspend: true,
        template: {
          spec: { restartPolicy: "Never", containers: [{ name: "c", image: "x" }] },
        },
      },
    },
    setup: true,
  },
  patch("job template immutable", `/apis/batch/v1/namespaces/${SURFACE_NS}/jobs/upd`, {
    spec: { template: { spec: { containers: [{ name: "c", image: "y" }] } } },
  }, "application/strategic-merge-patch+json"),
  {
    name: "running job for updates",
    method: "POST",
    path: `/apis/batch/v1/namespaces/${SURFACE_NS}/jobs`,
    body: {
      metadata: { name: "run" },
      spec: {
        template: {
          spec: {
            restartPolicy: "Never",
            containers: [{ name: "c", image: "x", command: ["sh", "-c", "a && b"] }],
          },
        },
      },
    },
    setup: true,
  },
  // The internal PodTemplateSpec as JSON: Go field names, `&&` escaped as json.Marshal does.
  patch("running job template immutable", `/apis/batch/v1/namespaces/${SURFACE_NS}/jobs/run`, {
    spec: { template: { spec: { containers: [{ name: "c", image: "y" }] } } },
  }, "application/strategic-merge-patch+json"),
  patch("job status patch", `/apis/batch/v1/namespaces/${SURFACE_NS}/jobs/upd/status`, {
    status: { active: 1 },
  }),
  {
    name: "statefulset spec forbidden update",
    method: "PATCH",
    path: `${APPS}/statefulsets/scaled-statefulset`,
    body: { spec: { serviceName: "other", podManagementPolicy: "Parallel" } },
    contentType: MERGE_PATCH,
  },
  {
    name: "pdb for updates",
    method: "POST",
    path: `/apis/policy/v1/namespaces/${SURFACE_NS}/poddisruptionbudgets`,
    body: { metadata: { name: "upd" }, spec: { minAvailable: 1 } },
    setup: true,
  },
  patch(
    "pdb status patch",
    `/apis/policy/v1/namespaces/${SURFACE_NS}/poddisruptionbudgets/upd/status`,
    { status: { disruptionsAllowed: -1 } },
  ),
  {
    name: "rc scale",
    method: "POST",
    path: `${SURFACE}/replicationcontrollers`,
    body: {
      metadata: { name: "rc" },
      spec: {
        replicas: 1,
        selector: { a: "b" },
        template: {
          metadata: { labels: { a: "b" } },
          spec: { containers: [{ name: "c", image: "x" }] },
        },
      },
    },
  },
  {
    name: "rc apply scale",
    method: "PATCH",
    path: `${SURFACE}/replicationcontrollers/rc/scale?fieldManager=scaler&force=true`,
    body: {
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: { name: "rc" },
      spec: { replicas: 2 },
    },
    contentType: APPLY,
  },
  { name: "rc after scale apply", method: "GET", path: `${SURFACE}/replicationcontrollers/rc` },
  {
    name: "lease update without resourceVersion",
    method: "PUT",
    path: `/apis/coordination.k8s.io/v1/namespaces/${SURFACE_NS}/leases/nolease`,
    body: { metadata: { name: "nolease" }, spec: { holderIdentity: "x" } },
  },
];

/** Server-side apply through /status, and more invalid objects of the remaining groups. */
export const statusApplies: Probe[] = [
  {
    name: "deployment apply status",
    method: "PATCH",
    path: `${APPS}/deployments/scaled-deployment/status?fieldManager=status-writer&force=true`,
    body: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "scaled-deployment" },
      status: { replicas: 1, readyReplicas: 1, observedGeneration: 1 },
    },
    contentType: APPLY,
  },
  {
    name: "deployment apply status conflicts",
    method: "PATCH",
    path: `${APPS}/deployments/scaled-deployment/status?fieldManager=other-writer`,
    body: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "scaled-deployment" },
      // A field one manager owns: with two owners the causes follow Go's map order.
      status: { readyReplicas: 0 },
    },
    contentType: APPLY,
  },
  {
    name: "csidriver invalid",
    method: "POST",
    path: "/apis/storage.k8s.io/v1/csidrivers",
    body: {
      metadata: { name: "Bad_Driver" },
      spec: { fsGroupPolicy: "Sometimes", volumeLifecycleModes: ["Forever"] },
    },
  },
  {
    name: "validatingadmissionpolicy invalid",
    method: "POST",
    path: "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies",
    body: { metadata: { name: "vap" }, spec: { validations: [{ expression: "" }] } },
  },
  {
    name: "flowschema invalid",
    method: "POST",
    path: "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas",
    body: {
      metadata: { name: "fs" },
      spec: { priorityLevelConfiguration: { name: "" }, matchingPrecedence: 20000 },
    },
  },
  {
    name: "ingress defaults pathType missing",
    method: "POST",
    path: `/apis/networking.k8s.io/v1/namespaces/${SURFACE_NS}/ingresses?dryRun=All`,
    body: {
      metadata: { name: "nopt" },
      spec: {
        rules: [{
          http: {
            paths: [{ path: "/", backend: { service: { name: "s", port: { name: "http" } } } }],
          },
        }],
      },
    },
  },
];
