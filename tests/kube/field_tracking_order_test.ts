// Where the field manager records a write: after decoding's defaults, before registry and admission.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const SERVICES = "/api/v1/namespaces/default/services";
const KUBECTL = { "user-agent": "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0" };
const MERGE = { "content-type": "application/merge-patch+json" };

// deno-lint-ignore no-explicit-any
type Loose = any;

// A Deployment or DaemonSet body: one container `c`, its template labelled as it is selected.
const workload = (name: string, labels: Record<string, string>, image: string) => ({
  metadata: { name },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: "c", image }] } },
  },
});
const fieldsOf = (object: Loose, manager: string) =>
  object.metadata.managedFields.find((e: Loose) => e.manager === manager)?.fieldsV1;

describe("the field manager sees the decoded object, not the registry's allocations", () => {
  it("kubectl create service clusterip: defaults owned, clusterIP/clusterIPs/ipFamilies not", async () => {
    const { call } = kubeFixture();
    // The body kubectl 1.33 sends for `kubectl create service clusterip web --tcp=80:8080`.
    const created = await call("POST", `${SERVICES}?fieldManager=kubectl-create`, {
      kind: "Service",
      apiVersion: "v1",
      metadata: { name: "web", creationTimestamp: null, labels: { app: "web" } },
      spec: {
        ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080 }],
        selector: { app: "web" },
        type: "ClusterIP",
      },
      status: { loadBalancer: {} },
    }, KUBECTL);
    assert.equal(created.status, 201);
    assert.match(created.json.spec.clusterIP, /^10\.96\./, "the registry allocated it");
    assert.deepEqual(created.json.metadata.managedFields, [{
      manager: "kubectl-create",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-02T03:04:05Z",
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
        "f:spec": {
          "f:internalTrafficPolicy": {},
          "f:ports": {
            ".": {},
            'k:{"port":80,"protocol":"TCP"}': {
              ".": {},
              "f:name": {},
              "f:port": {},
              "f:protocol": {},
              "f:targetPort": {},
            },
          },
          "f:selector": {},
          "f:sessionAffinity": {},
          "f:type": {},
        },
      },
    }]);
  });

  it("kubectl expose: the defaulted type and protocol are the exposer's, NodePorts are no one's", async () => {
    const { call } = kubeFixture();
    // `kubectl expose deployment web --port=80 --type=NodePort`.
    const created = await call("POST", `${SERVICES}?fieldManager=kubectl-expose`, {
      kind: "Service",
      apiVersion: "v1",
      metadata: { name: "web", creationTimestamp: null, labels: { app: "web" } },
      spec: { ports: [{ port: 80, targetPort: 80 }], selector: { app: "web" }, type: "NodePort" },
      status: { loadBalancer: {} },
    }, KUBECTL);
    assert.equal(created.status, 201);
    assert.ok(created.json.spec.ports[0].nodePort >= 30000, "the registry allocated a NodePort");
    assert.deepEqual(fieldsOf(created.json, "kubectl-expose"), {
      "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
      "f:spec": {
        "f:externalTrafficPolicy": {},
        "f:internalTrafficPolicy": {},
        "f:ports": {
          ".": {},
          'k:{"port":80,"protocol":"TCP"}': {
            ".": {},
            "f:port": {},
            "f:protocol": {},
            "f:targetPort": {},
          },
        },
        "f:selector": {},
        "f:sessionAffinity": {},
        "f:type": {},
      },
    });
  });

  it("a namespace's defaulted label is the creator's; the registry's kubernetes finalizer is not", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", "/api/v1/namespaces?fieldManager=kubectl-create", {
      metadata: { name: "team" },
    }, KUBECTL);
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.spec.finalizers, ["kubernetes"]);
    assert.deepEqual(fieldsOf(created.json, "kubectl-create"), {
      "f:metadata": { "f:labels": { ".": {}, "f:kubernetes.io/metadata.name": {} } },
    });
  });

  it("a create owns no `.` of the kind's zero structs and null slices (kube-apiserver v1.36.3)", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const created = await call(
      "POST",
      "/apis/apps/v1/namespaces/default/deployments?fieldManager=m",
      workload("web", { app: "web" }, "nginx"),
      KUBECTL,
    );
    assert.equal(created.status, 201);
    // What kube-apiserver v1.36.3 answered the same request with (scripts/oracle/compare.ts).
    assert.deepEqual(fieldsOf(created.json, "m"), {
      "f:spec": {
        "f:progressDeadlineSeconds": {},
        "f:replicas": {},
        "f:revisionHistoryLimit": {},
        "f:selector": {},
        "f:strategy": {
          "f:rollingUpdate": { ".": {}, "f:maxSurge": {}, "f:maxUnavailable": {} },
          "f:type": {},
        },
        "f:template": {
          "f:metadata": { "f:labels": { ".": {}, "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"c"}': {
                ".": {},
                "f:image": {},
                "f:imagePullPolicy": {},
                "f:name": {},
                "f:resources": {},
                "f:terminationMessagePath": {},
                "f:terminationMessagePolicy": {},
              },
            },
            "f:dnsPolicy": {},
            "f:restartPolicy": {},
            "f:schedulerName": {},
            "f:securityContext": {},
            "f:terminationGracePeriodSeconds": {},
          },
        },
      },
    });
  });

  it("a DaemonSet's template generation annotation is its creator's, stored as 1", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const created = await call(
      "POST",
      "/apis/apps/v1/namespaces/default/daemonsets?fieldManager=m",
      workload("ds", { a: "b" }, "x"),
      KUBECTL,
    );
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.metadata.annotations, {
      "deprecated.daemonset.template.generation": "1",
    });
    // As kube-apiserver v1.36.3 answered the same request (scripts/oracle/compare.ts).
    assert.deepEqual(fieldsOf(created.json, "m")["f:metadata"], {
      "f:annotations": { ".": {}, "f:deprecated.daemonset.template.generation": {} },
    });
  });

  it("a scale write is its writer's Update of spec.replicas under `scale`, without a time", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const deployments = "/apis/apps/v1/namespaces/default/deployments";
    await call(
      "POST",
      `${deployments}?fieldManager=creator`,
      workload("web", { app: "web" }, "nginx"),
      KUBECTL,
    );
    const put = await call("PUT", `${deployments}/web/scale?fieldManager=putter`, {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: { name: "web", namespace: "default" },
      spec: { replicas: 3 },
    }, KUBECTL);
    assert.equal(put.status, 200, put.text);
    const patched = await call("PATCH", `${deployments}/web/scale?fieldManager=patcher`, {
      spec: { replicas: 2 },
    }, { ...KUBECTL, ...MERGE });
    assert.equal(patched.status, 200, patched.text);
    const entries = (await call("GET", `${deployments}/web`)).json.metadata.managedFields;
    // As kube-apiserver v1.36.3 answered the same writes (scripts/oracle): the patcher took the
    // replicas from the putter (whose entry went) and from the creator; ScaleHandler sets no time.
    assert.deepEqual(entries[0], {
      manager: "patcher",
      operation: "Update",
      apiVersion: "apps/v1",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:spec": { "f:replicas": {} } },
      subresource: "scale",
    });
    assert.deepEqual(entries.map((e: Loose) => e.manager), ["patcher", "creator"]);
    assert.equal(entries[1].fieldsV1["f:spec"]["f:replicas"], undefined);
  });

  it("a CRD's scheme defaults (conversion, singular, listKind) are its creator's", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const created = await call(
      "POST",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions?fieldManager=m",
      {
        metadata: { name: "gadgets.example.com" },
        spec: {
          group: "example.com",
          scope: "Namespaced",
          names: { plural: "gadgets", kind: "Gadget" },
          versions: [{
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
          }],
        },
      },
      KUBECTL,
    );
    assert.equal(created.status, 201, created.text);
    const spec = fieldsOf(created.json, "m")["f:spec"];
    // As kube-apiserver v1.36.3 answered (scripts/oracle): defaulted at decoding.
    assert.deepEqual(spec["f:conversion"], { ".": {}, "f:strategy": {} });
    assert.deepEqual(Object.keys(spec["f:names"]).sort(), [
      "f:kind",
      "f:listKind",
      "f:plural",
      "f:singular",
    ]);
    // kube-apiserver's establishing controllers own the names and conditions they wrote, right
    // after the create (whose answer has only the creator's entry).
    assert.equal(created.json.metadata.managedFields.length, 1);
    const read = await call(
      "GET",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com",
    );
    const status = read.json.metadata.managedFields.find((e: Loose) =>
      e.manager === "kube-apiserver"
    );
    assert.deepEqual([status?.operation, status?.subresource], ["Update", "status"]);
    const condition = {
      ".": {},
      "f:lastTransitionTime": {},
      "f:message": {},
      "f:reason": {},
      "f:status": {},
      "f:type": {},
    };
    assert.deepEqual(status.fieldsV1, {
      "f:status": {
        "f:acceptedNames": { "f:kind": {}, "f:listKind": {}, "f:plural": {}, "f:singular": {} },
        "f:conditions": {
          'k:{"type":"Established"}': condition,
          'k:{"type":"NamesAccepted"}': condition,
        },
      },
    });
  });

  it("a Job's generated selector and template labels are no manager's", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", "/apis/batch/v1/namespaces/default/jobs?fieldManager=m", {
      metadata: { name: "j" },
      spec: {
        template: {
          spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] },
        },
      },
    }, KUBECTL);
    assert.equal(created.status, 201);
    assert.ok(created.json.spec.selector, "the registry generated a selector");
    const spec = fieldsOf(created.json, "m")["f:spec"];
    assert.equal(spec["f:selector"], undefined);
    // The template's metadata is in the kind's zero object too (Go's `creationTimestamp: null`
    // before 1.34's omitzero, on both sides), so it is no member; its labels are no one's.
    assert.equal(spec["f:template"]["f:metadata"], undefined);
    assert.equal(spec["f:template"]["."], undefined, "a non-pointer struct is in the zero object");
    assert.deepEqual(spec["f:backoffLimit"], {}, "a scheme default is the creator's");
  });

  it("an update's defaults are the writer's; kept allocations are no one's", async () => {
    const { call } = kubeFixture();
    await call("POST", `${SERVICES}?fieldManager=a`, {
      metadata: { name: "web" },
      spec: { ports: [{ port: 80 }], selector: { app: "web" } },
    });
    const patched = await call("PATCH", `${SERVICES}/web?fieldManager=b`, {
      spec: { ports: [{ port: 81 }] },
    }, MERGE);
    assert.equal(patched.status, 200);
    assert.deepEqual(fieldsOf(patched.json, "b"), {
      "f:spec": {
        "f:ports": {
          'k:{"port":81,"protocol":"TCP"}': {
            ".": {},
            "f:port": {},
            "f:protocol": {},
            "f:targetPort": {},
          },
        },
      },
    });
  });

  it("a custom resource's structural defaults are the creator's, as its decoding fills them", async () => {
    const { call } = kubeFixture();
    const crd = await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      metadata: { name: "dials.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "dials", singular: "dial", kind: "Dial" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  properties: {
                    name: { type: "string" },
                    size: { type: "integer", default: 3 },
                  },
                },
              },
            },
          },
        }],
      },
    });
    assert.equal(crd.status, 201);
    const created = await call(
      "POST",
      "/apis/example.com/v1/namespaces/default/dials?fieldManager=m",
      {
        apiVersion: "example.com/v1",
        kind: "Dial",
        metadata: { name: "d" },
        spec: { name: "x" },
      },
    );
    assert.equal(created.status, 201);
    assert.equal(created.json.spec.size, 3);
    assert.deepEqual(fieldsOf(created.json, "m"), {
      "f:spec": { ".": {}, "f:name": {}, "f:size": {} },
    });
  });
});
