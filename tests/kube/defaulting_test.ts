// Defaulting on the write paths: create, PUT, every patch type, dry run; its refusals as Status errors.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
const SERVICES = "/api/v1/namespaces/default/services";
const PODS = "/api/v1/namespaces/default/pods";

const deployment = {
  metadata: { name: "web" },
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    },
  },
};

describe("defaulting on the write paths", () => {
  it("POST and PUT both default; a JSON patch that removes a default gets it back", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", DEPLOYMENTS, deployment);
    assert.equal(created.status, 201);
    assert.equal(created.json.spec.template.spec.containers[0].imagePullPolicy, "Always");
    const replaced = await call("PUT", `${DEPLOYMENTS}/web`, deployment);
    assert.equal(replaced.status, 200);
    assert.equal(replaced.json.spec.progressDeadlineSeconds, 600);
    const patched = await call(
      "PATCH",
      `${DEPLOYMENTS}/web`,
      [{ op: "remove", path: "/spec/strategy" }, {
        op: "remove",
        path: "/spec/revisionHistoryLimit",
      }],
      { "content-type": "application/json-patch+json" },
    );
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json.spec.strategy, {
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
    });
    assert.equal(patched.json.spec.revisionHistoryLimit, 10);
  });

  it("a Node created over REST gets TaintNodesByCondition's not-ready taint, once", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", "/api/v1/nodes", { metadata: { name: "n1" } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.spec.taints, [
      { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" },
    ]);
    const tainted = await call("POST", "/api/v1/nodes", {
      metadata: { name: "n2" },
      spec: {
        taints: [
          { key: "k", value: "v", effect: "NoExecute" },
          { key: "node.kubernetes.io/not-ready", value: "x", effect: "NoSchedule" },
        ],
      },
    });
    assert.deepEqual(tainted.json.spec.taints.map((t: { key: string }) => t.key), [
      "k",
      "node.kubernetes.io/not-ready",
    ]);
    // Updates are not admitted again: a kubelet or an admin may lift the taint.
    const lifted = await call("PATCH", "/api/v1/nodes/n1", { spec: { taints: null } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(lifted.json.spec.taints, undefined);
  });

  it("LimitRanger: a new Pod's containers get the namespace's LimitRange defaults, annotated", async () => {
    const { call } = kubeFixture();
    const limits = await call("POST", "/api/v1/namespaces/default/limitranges", {
      metadata: { name: "defaults" },
      spec: {
        limits: [{
          type: "Container",
          default: { cpu: "500m", memory: "128Mi" },
          defaultRequest: { cpu: "100m" },
        }],
      },
    });
    assert.equal(limits.status, 201);
    // LimitRangeItem defaulting: an unset default request is the default limit.
    assert.deepEqual(limits.json.spec.limits[0].defaultRequest, { cpu: "100m", memory: "128Mi" });
    const created = await call("POST", PODS, {
      metadata: { name: "limited" },
      spec: {
        initContainers: [{ name: "init", image: "busybox:1.36" }],
        containers: [
          { name: "c", image: "nginx:1.27" },
          { name: "d", image: "nginx:1.27", resources: { limits: { cpu: "1" } } },
        ],
      },
    });
    assert.equal(created.status, 201);
    const [c, d] = created.json.spec.containers;
    assert.deepEqual(c.resources, {
      limits: { cpu: "500m", memory: "128Mi" },
      requests: { cpu: "100m", memory: "128Mi" },
    });
    // Its own cpu limit stays, and decoding made its cpu request from it before admission.
    assert.deepEqual(d.resources, {
      limits: { cpu: "1", memory: "128Mi" },
      requests: { cpu: "1", memory: "128Mi" },
    });
    assert.deepEqual(created.json.metadata.annotations, {
      "kubernetes.io/limit-ranger":
        "LimitRanger plugin set: cpu, memory request for container c; cpu, memory limit for container c; memory request for container d; memory limit for container d; cpu, memory request for init container init; cpu, memory limit for init container init",
    });
    assert.equal(created.json.status.qosClass, "Burstable");
    // Another namespace's LimitRange does not apply.
    await call("POST", "/api/v1/namespaces", { metadata: { name: "other" } });
    await call("POST", "/api/v1/namespaces/other/serviceaccounts", {
      metadata: { name: "default" },
    });
    const elsewhere = await call("POST", "/api/v1/namespaces/other/pods", {
      metadata: { name: "free" },
      spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
    });
    assert.equal(elsewhere.json.metadata.annotations, undefined);
    assert.equal(elsewhere.json.status.qosClass, "BestEffort");
  });

  it("a Pod's status.qosClass follows its resources", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", PODS, {
      metadata: { name: "g" },
      spec: {
        containers: [{
          name: "c",
          image: "x:1",
          resources: { limits: { cpu: "1", memory: "1Gi" } },
        }],
      },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.spec.containers[0].resources.requests, {
      cpu: "1",
      memory: "1Gi",
    });
    assert.equal(created.json.status.qosClass, "Guaranteed");
  });

  it("a taken NodePort is 422 Invalid with kube-apiserver's message and cause; a PUT keeps the port", async () => {
    const { call } = kubeFixture();
    const first = await call("POST", SERVICES, {
      metadata: { name: "a" },
      spec: { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] },
    });
    assert.equal(first.status, 201);
    const second = await call("POST", SERVICES, {
      metadata: { name: "b" },
      spec: { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] },
    });
    assert.equal(second.status, 422);
    assert.deepEqual(second.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
      reason: "Invalid",
      details: {
        name: "b",
        kind: "Service",
        causes: [{
          reason: "FieldValueInvalid",
          message: "Invalid value: 30080: provided port is already allocated",
          field: "spec.ports[0].nodePort",
        }],
      },
      code: 422,
    });
    const replaced = await call("PUT", `${SERVICES}/a`, {
      metadata: { name: "a" },
      spec: { type: "NodePort", ports: [{ port: 80 }] },
    });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.json.spec.ports[0].nodePort, 30080);
    assert.equal(replaced.json.spec.clusterIP, first.json.spec.clusterIP);
    assert.equal((await call("DELETE", `${SERVICES}/a`)).status, 200);
    const reused = await call("POST", SERVICES, {
      metadata: { name: "b" },
      spec: { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] },
    });
    assert.equal(reused.status, 201, "a deleted Service frees its NodePort");
  });

  it("an unknown PriorityClass is 403 Forbidden naming the pods resource", async () => {
    const { call } = kubeFixture();
    const refused = await call("POST", PODS, {
      metadata: { name: "p" },
      spec: { priorityClassName: "gold", containers: [{ name: "c", image: "x:1" }] },
    });
    assert.equal(refused.status, 403);
    assert.equal(
      refused.json.message,
      'pods "p" is forbidden: no PriorityClass with name gold was found',
    );
    assert.deepEqual(refused.json.details, { name: "p", kind: "pods" });
  });

  it("a stored PriorityClass gives its value and policy to the Pods that name it", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", "/apis/scheduling.k8s.io/v1/priorityclasses", {
      metadata: { name: "gold" },
      value: 1000,
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.preemptionPolicy, "PreemptLowerPriority");
    const pod = await call("POST", PODS, {
      metadata: { name: "p" },
      spec: { priorityClassName: "gold", containers: [{ name: "c", image: "x:1" }] },
    });
    assert.equal(pod.status, 201);
    assert.deepEqual([pod.json.spec.priority, pod.json.spec.preemptionPolicy], [
      1000,
      "PreemptLowerPriority",
    ]);
  });

  it("a Job's selector names the uid the Job is stored with", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", "/apis/batch/v1/namespaces/default/jobs", {
      metadata: { name: "pi" },
      spec: {
        template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "x:1" }] } },
      },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.spec.selector.matchLabels, {
      "batch.kubernetes.io/controller-uid": created.json.metadata.uid,
    });
  });
});
