// kube-apiserver's defaults as real clients see them: kubectl create/run/expose, then get -o yaml; client-node.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";
import {
  closeClients,
  clusterConfig,
  k8s,
  reopenClients,
  statusOf,
} from "./client_node_fixture.ts";
import { hasKubectl, kubectl, runKubectl } from "./kubectl_runner.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

function yamlOf(kubeconfig: string, ...args: string[]): Loose {
  return parse(kubectl(kubeconfig, "get", ...args, "-o", "yaml"));
}

describe("defaults through kubectl and client-node", () => {
  let fkas: FkasProcess;
  let kubeconfig: string;
  before(async () => {
    reopenClients();
    fkas = await startFkasProcess();
    await clusterConfig(fkas, "defaults");
    kubeconfig = (await fkas.kubeconfig("default", "defaults")).path;
  });
  after(async () => {
    await closeClients();
    await fkas.stop();
  });

  it("kubectl create deployment: get -o yaml shows the Deployment and pod template defaults", {
    skip: hasKubectl ? false : "kubectl is not installed",
  }, () => {
    kubectl(kubeconfig, "create", "deployment", "web", "--image=nginx");
    const { spec } = yamlOf(kubeconfig, "deployment", "web");
    assert.equal(spec.replicas, 1);
    assert.deepEqual(spec.strategy, {
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
    });
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.equal(spec.progressDeadlineSeconds, 600);
    const pod = spec.template.spec;
    assert.deepEqual(
      [
        pod.restartPolicy,
        pod.dnsPolicy,
        pod.schedulerName,
        pod.terminationGracePeriodSeconds,
        pod.securityContext,
      ],
      ["Always", "ClusterFirst", "default-scheduler", 30, {}],
    );
    assert.deepEqual(pod.containers[0], {
      name: "nginx",
      image: "nginx",
      imagePullPolicy: "Always",
      resources: {},
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
    });
  });

  it("kubectl run: the Pod gets its token volume, tolerations and priority", {
    skip: hasKubectl ? false : "kubectl is not installed",
  }, () => {
    kubectl(kubeconfig, "run", "box", "--image=busybox:1.36", "--port=8080");
    const { spec } = yamlOf(kubeconfig, "pod", "box");
    assert.equal(spec.serviceAccountName, "default");
    assert.equal(spec.enableServiceLinks, true);
    assert.equal(spec.priority, 0);
    assert.equal(spec.preemptionPolicy, "PreemptLowerPriority");
    const [container] = spec.containers;
    assert.equal(container.imagePullPolicy, "IfNotPresent");
    assert.deepEqual(container.ports, [{ containerPort: 8080, protocol: "TCP" }]);
    const volume = spec.volumes.find((v: Loose) =>
      /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(v.name)
    );
    assert.ok(volume, JSON.stringify(spec.volumes));
    assert.deepEqual(container.volumeMounts, [{
      name: volume.name,
      mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
      readOnly: true,
    }]);
    assert.deepEqual(spec.tolerations.map((t: Loose) => [t.key, t.tolerationSeconds]), [
      ["node.kubernetes.io/not-ready", 300],
      ["node.kubernetes.io/unreachable", 300],
    ]);
  });

  it("kubectl expose --type=NodePort allocates a NodePort; a second claim of it is 422", {
    skip: hasKubectl ? false : "kubectl is not installed",
  }, () => {
    kubectl(kubeconfig, "expose", "deployment", "web", "--port=80", "--type=NodePort");
    const { spec } = yamlOf(kubeconfig, "service", "web");
    assert.deepEqual([spec.ipFamilies, spec.ipFamilyPolicy], [["IPv4"], "SingleStack"]);
    assert.deepEqual([spec.internalTrafficPolicy, spec.externalTrafficPolicy], [
      "Cluster",
      "Cluster",
    ]);
    const [port] = spec.ports;
    assert.ok(port.nodePort >= 30000 && port.nodePort <= 32767, String(port.nodePort));
    assert.match(spec.clusterIP, /^10\.96\./);
    const taken = runKubectl(kubeconfig, [
      "create",
      "service",
      "nodeport",
      "again",
      "--tcp=81:81",
      `--node-port=${port.nodePort}`,
    ]);
    assert.notEqual(taken.status, 0);
    assert.match(
      taken.stderr,
      new RegExp(
        `Service "again" is invalid: spec.ports\\[0\\].nodePort: Invalid value: ${port.nodePort}: provided port is already allocated`,
      ),
    );
    kubectl(kubeconfig, "delete", "service", "web");
    // A deleted Service frees its NodePort.
    kubectl(
      kubeconfig,
      "create",
      "service",
      "nodeport",
      "again",
      "--tcp=81:81",
      `--node-port=${port.nodePort}`,
    );
  });

  it("client-node: a Job gets its selector, labels and defaults; an unknown PriorityClass is 403", async () => {
    const config = await clusterConfig(fkas, "defaults-client");
    const batch = config.makeApiClient(k8s.BatchV1Api);
    const job = await batch.createNamespacedJob({
      namespace: "default",
      body: {
        metadata: { name: "pi" },
        spec: {
          template: {
            spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] },
          },
        },
      },
    });
    const uid = job.metadata!.uid!;
    assert.deepEqual({ ...job.spec!.selector!.matchLabels }, {
      "batch.kubernetes.io/controller-uid": uid,
    });
    assert.equal(job.spec!.template.metadata!.labels!["batch.kubernetes.io/job-name"], "pi");
    assert.equal(job.spec!.template.metadata!.labels!["controller-uid"], uid);
    assert.deepEqual(
      [
        job.spec!.backoffLimit,
        job.spec!.completions,
        job.spec!.parallelism,
        job.spec!.completionMode,
        job.spec!.suspend,
      ],
      [6, 1, 1, "NonIndexed", false],
    );
    assert.equal(job.spec!.podReplacementPolicy, "TerminatingOrFailed");
    const core = config.makeApiClient(k8s.CoreV1Api);
    const error = await core.createNamespacedPod({
      namespace: "default",
      body: {
        metadata: { name: "vip" },
        spec: { priorityClassName: "gold", containers: [{ name: "c", image: "x:1" }] },
      },
    }).then(() => undefined, (e: unknown) => e);
    const { code, status } = statusOf(error);
    assert.equal(code, 403);
    assert.equal(status?.reason, "Forbidden");
    assert.equal(
      status?.message,
      'pods "vip" is forbidden: no PriorityClass with name gold was found',
    );
  });
});
