// What the dashboard's cluster page shows beyond the control API's cluster view: the static pods
// kubelets run from manifests, and each machine's boot timeline.

import type { ClusterHost, ClusterRef, StaticPodRow } from "../hosts/mod.ts";
import type { BootTimeline, MachineBoot } from "./boot_timeline.ts";

export type { StaticPodRow };

/** The cluster page's extra sections. */
export interface ClusterDetail {
  readonly staticPods: readonly StaticPodRow[];
  readonly boots: readonly MachineBoot[];
}

/** Static pods (mirror pods in kube-system) and the boot timeline of a cluster. */
export async function clusterDetail(
  host: ClusterHost,
  ref: ClusterRef,
  timeline?: BootTimeline,
): Promise<ClusterDetail> {
  const staticPods = await host.command(ref, { kind: "staticPods" });
  return { staticPods, boots: timeline?.of(`${ref.namespace}/${ref.name}`) ?? [] };
}
