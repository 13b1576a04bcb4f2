// The Node a kubelet would register for a machine, as data plus one render step.

import { type KubeObject, kubeTimestamp } from "../store/mod.ts";

/** What varies between nodes. */
export interface NodeShape {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly providerID?: string;
  readonly kubeletVersion: string;
  readonly controlPlane: boolean;
  /** Registration taints; kubeadm's default (the control-plane taint on control planes) when absent. */
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
  readonly internalIP: string;
  readonly systemUUID: string;
  readonly now: Date;
}

const CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";

// A small but realistic machine: 2 CPUs, 4 GiB, 110 pods, as a default kind/kubeadm node reports.
const CAPACITY = {
  cpu: "2",
  "ephemeral-storage": "61255492Ki",
  "hugepages-2Mi": "0",
  memory: "4030176Ki",
  pods: "110",
};

const HEALTHY_CONDITIONS = [
  [
    "MemoryPressure",
    "False",
    "KubeletHasSufficientMemory",
    "kubelet has sufficient memory available",
  ],
  ["DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
  ["PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
  ["Ready", "True", "KubeletReady", "kubelet is posting ready status"],
] as const;

/** Renders a Ready Node with the labels, taints, addresses and nodeInfo a kubelet reports. */
export function renderNode(shape: NodeShape): KubeObject {
  const time = kubeTimestamp(shape.now);
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": shape.name,
    "kubernetes.io/os": "linux",
    ...shape.labels,
  };
  if (shape.controlPlane) labels[CONTROL_PLANE_ROLE] = "";
  // kubeadm's default nodeRegistration.taints: the control-plane taint, none for workers.
  const taints = shape.taints?.map((t) => ({ ...t })) ??
    (shape.controlPlane ? [{ key: CONTROL_PLANE_ROLE, effect: "NoSchedule" }] : []);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: shape.name,
      labels,
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      ...(shape.providerID ? { providerID: shape.providerID } : {}),
      ...(taints.length > 0 ? { taints } : {}),
    },
    status: {
      capacity: CAPACITY,
      allocatable: CAPACITY,
      conditions: HEALTHY_CONDITIONS.map(([type, status, reason, message]) => ({
        type,
        status,
        lastHeartbeatTime: time,
        lastTransitionTime: time,
        reason,
        message,
      })),
      addresses: [
        { type: "InternalIP", address: shape.internalIP },
        { type: "Hostname", address: shape.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: shape.systemUUID.replaceAll("-", ""),
        systemUUID: shape.systemUUID,
        bootID: shape.systemUUID,
        kernelVersion: "6.1.0-fkas",
        osImage: "fkas fake node",
        containerRuntimeVersion: "containerd://1.7.24",
        kubeletVersion: shape.kubeletVersion,
        kubeProxyVersion: shape.kubeletVersion,
        operatingSystem: "linux",
        architecture: "amd64",
      },
    },
  };
}
