// The mirror pods of a control-plane node's static pods (etcd, apiserver, controller-manager, scheduler).

import { fnv32a } from "../encoding/mod.ts";
import { type KubeObject, kubeTimestamp } from "../store/mod.ts";
import { etcdImageTag, imageTag } from "./component_versions.ts";

/** Control-plane components kubeadm runs as static pods, in the order kubelet starts them. */
export const CONTROL_PLANE_COMPONENTS = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
] as const;

/** One of the four control-plane components. */
export type ControlPlaneComponent = typeof CONTROL_PLANE_COMPONENTS[number];

/** What varies between static pods. */
export interface StaticPodShape {
  readonly component: ControlPlaneComponent;
  readonly nodeName: string;
  readonly nodeUid: string;
  readonly nodeIP: string;
  readonly kubernetesVersion: string;
  /** kubeadm's `localAPIEndpoint.bindPort` (6443 by default): kube-apiserver's `--secure-port`. */
  readonly apiServerBindPort?: number;
  readonly now: Date;
}

const COMMANDS: Record<ControlPlaneComponent, (ip: string, port: number) => string[]> = {
  etcd: (ip) => ["etcd", `--advertise-client-urls=https://${ip}:2379`, "--client-cert-auth=true"],
  "kube-apiserver": (ip, port) => [
    "kube-apiserver",
    `--advertise-address=${ip}`,
    `--secure-port=${port}`,
  ],
  "kube-controller-manager": () => ["kube-controller-manager", "--leader-elect=true"],
  "kube-scheduler": () => ["kube-scheduler", "--leader-elect=true"],
};

const PORTS: Record<ControlPlaneComponent, number> = {
  etcd: 2379,
  "kube-apiserver": 6443,
  "kube-controller-manager": 10257,
  "kube-scheduler": 10259,
};

/** Name of a component's mirror pod on a node: `etcd-<node>`. */
export function staticPodName(component: ControlPlaneComponent, nodeName: string): string {
  return `${component}-${nodeName}`;
}

/** Renders a Running, Ready mirror pod owned by its Node, as the kubelet reports it. */
export function renderStaticPod(shape: StaticPodShape): KubeObject {
  const { component, nodeName, nodeIP, now } = shape;
  const bindPort = shape.apiServerBindPort ?? PORTS["kube-apiserver"];
  const port = component === "kube-apiserver" ? bindPort : PORTS[component];
  const time = kubeTimestamp(now);
  const name = staticPodName(component, nodeName);
  // A stable content hash, as the kubelet's config.hash looks (hex).
  const hash = fnv32a(`${name}/${shape.kubernetesVersion}`).toString(16).padStart(8, "0");
  const image = component === "etcd"
    ? `registry.k8s.io/etcd:${etcdImageTag(shape.kubernetesVersion)}`
    : `registry.k8s.io/${component}:${imageTag(shape.kubernetesVersion)}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "kube-system",
      labels: { component, tier: "control-plane" },
      annotations: {
        ...componentAnnotations(component, nodeIP, bindPort),
        "kubernetes.io/config.hash": hash,
        "kubernetes.io/config.mirror": hash,
        "kubernetes.io/config.seen": time,
        "kubernetes.io/config.source": "file",
      },
      ownerReferences: [{
        apiVersion: "v1",
        kind: "Node",
        name: nodeName,
        uid: shape.nodeUid,
        controller: true,
      }],
    },
    // Spec and status in Go's field order, with the fields Go always writes: the parts that name
    // the node (not shared between clusters) are then stored as rendered, not rebuilt by the store.
    spec: {
      containers: [{
        name: component,
        image,
        command: COMMANDS[component](nodeIP, bindPort),
        ports: [{ hostPort: port, containerPort: port, protocol: "TCP" }],
        resources: {},
      }],
      restartPolicy: "Always",
      nodeName,
      hostNetwork: true,
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      schedulerName: "default-scheduler",
      tolerations: [{ operator: "Exists", effect: "NoExecute" }],
      priorityClassName: "system-node-critical",
      priority: 2000001000,
    },
    status: {
      phase: "Running",
      conditions: [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
      ]
        .map((type) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: time })),
      hostIP: nodeIP,
      hostIPs: [{ ip: nodeIP }],
      podIP: nodeIP,
      podIPs: [{ ip: nodeIP }],
      startTime: time,
      containerStatuses: [{
        name: component,
        state: { running: { startedAt: time } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image,
        imageID: `${image.split(":")[0]}@sha256:${hash.padEnd(64, "0")}`,
        containerID: `containerd://${hash.padEnd(64, "0")}`,
        started: true,
      }],
      qosClass: "Burstable",
    },
  };
}

function componentAnnotations(
  component: ControlPlaneComponent,
  ip: string,
  bindPort: number,
): Record<string, string> {
  if (component === "etcd") {
    return { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${ip}:2379` };
  }
  if (component === "kube-apiserver") {
    return {
      "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${ip}:${bindPort}`,
    };
  }
  return {};
}
