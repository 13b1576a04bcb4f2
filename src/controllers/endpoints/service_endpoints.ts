// The addresses and ports a Service's selected pods give, as Endpoints and EndpointSlice data.

import type { KubeObject } from "../../store/mod.ts";
import { isPodReady, podSpec, podStatus } from "../scheduling/mod.ts";

/** A Service port. */
export interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
}

/** One selected pod's address. */
export interface PodAddress {
  readonly ip: string;
  readonly ready: boolean;
  readonly nodeName?: string;
  readonly targetRef: { kind: "Pod"; name: string; namespace: string; uid: string };
}

/** The pods that back the Service: with an IP, not finished and not being deleted. */
export function podAddresses(pods: readonly KubeObject[]): PodAddress[] {
  const addresses: PodAddress[] = [];
  for (const pod of pods) {
    const status = podStatus(pod);
    if (!status.podIP || pod.metadata.deletionTimestamp) continue;
    if (status.phase === "Succeeded" || status.phase === "Failed") continue;
    const nodeName = podSpec(pod).nodeName;
    addresses.push({
      ip: status.podIP,
      ready: isPodReady(pod),
      ...(nodeName ? { nodeName } : {}),
      targetRef: {
        kind: "Pod",
        name: pod.metadata.name ?? "",
        namespace: pod.metadata.namespace ?? "",
        uid: pod.metadata.uid ?? "",
      },
    });
  }
  return addresses.sort((a, b) => a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
}

/** The pod port a Service port targets (a named targetPort looked up in the pod's containers). */
export function targetPort(port: ServicePort, pod: KubeObject | undefined): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  const asNumber = Number(target);
  if (Number.isInteger(asNumber) && asNumber > 0) return asNumber;
  const containers = (podSpec(pod ?? { metadata: {} }).containers ?? []) as {
    ports?: { name?: string; containerPort: number; protocol?: string }[];
  }[];
  for (const container of containers) {
    const found = container.ports?.find((p) => p.name === target);
    if (found) return found.containerPort;
  }
  return undefined;
}
