// What the dashboard's cluster page shows beyond the control API's cluster view: the static pods
// kubelets run from manifests, and each machine's boot timeline.

import type { FakeCluster } from "../cluster/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { BootTimeline, MachineBoot } from "./boot_timeline.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;
// The kubelet marks the API copy of a static pod (its "mirror pod") with this annotation.
const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

/** A static pod as the page lists it. */
export interface StaticPodRow {
  readonly name: string;
  readonly node?: string;
  readonly phase?: string;
  readonly ready: boolean;
}

/** The cluster page's extra sections. */
export interface ClusterDetail {
  readonly staticPods: readonly StaticPodRow[];
  readonly boots: readonly MachineBoot[];
}

/** Static pods (mirror pods in kube-system) and the boot timeline of `cluster`. */
export function clusterDetail(cluster: FakeCluster, timeline?: BootTimeline): ClusterDetail {
  const staticPods: StaticPodRow[] = [];
  for (const pod of cluster.store.list(PODS, "kube-system")) {
    if (pod.metadata.annotations?.[MIRROR_ANNOTATION] === undefined) continue;
    const spec = pod.spec as { nodeName?: string } | undefined;
    const status = pod.status as
      | { phase?: string; conditions?: { type: string; status: string }[] }
      | undefined;
    staticPods.push({
      name: pod.metadata.name ?? "",
      node: spec?.nodeName,
      phase: status?.phase,
      ready: status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    });
  }
  return { staticPods, boots: timeline?.of(cluster.resourceName) ?? [] };
}
