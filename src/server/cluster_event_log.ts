// One info line per cluster lifecycle event, with cluster, namespace and port.

import type { ClusterEvent } from "../cluster/mod.ts";
import type { Logger } from "../log/mod.ts";

const PHASES = { node: "Node created", etcd: "etcd member joined", apiServer: "API server up" };

/** Writes `event` of `cluster` as one info line. */
export function logClusterEvent(
  log: Logger,
  event: ClusterEvent,
  cluster: { readonly namespace: string; readonly name: string; readonly port: number },
): void {
  const who = { cluster: cluster.name, namespace: cluster.namespace, port: cluster.port };
  switch (event.kind) {
    case "registered":
      return log.info("cluster registered", { ...who, caSource: event.caSource });
    case "deleted":
      return log.info("cluster deleted", who);
    case "listenerUp":
      return log.info("listener up", who);
    case "listenerDown":
      return log.info("listener down", who);
    case "nodeReported":
      return log.info("node reported", {
        ...who,
        node: event.node,
        role: event.controlPlane ? "control-plane" : "worker",
      });
    case "phaseDone":
      return log.info(`boot phase done: ${PHASES[event.phase]}`, { ...who, node: event.node });
    case "faultRulesExpired":
      for (const rule of event.ids) log.info("fault rule expired", { ...who, rule });
      return;
  }
}
