// `--watch machines`: every CAPI Machine of a registered cluster gets its node, for any provider.

import type { ClusterRegistry, NodeReport } from "../cluster/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ManagementClient } from "./management_client.ts";
import { machineNode, type NodeNamePolicy } from "./machine_nodes.ts";
import { NodeSync } from "./node_sync.ts";
import { resourceInformer } from "./resource_informer.ts";

/** What the Machine watcher needs. */
export interface MachineWatcherOptions {
  readonly client: ManagementClient;
  readonly registry: ClusterRegistry;
  readonly nodeNames: NodeNamePolicy;
  readonly random?: () => number;
  readonly onProblem?: (message: string, fields: Record<string, unknown>) => void;
  readonly onReported?: (report: NodeReport) => void;
}

/** A running watcher. */
export interface ManagementWatcher {
  /** Resolves after the first list of the watched resource. */
  whenSynced(): Promise<void>;
  /** What each followed object's node is doing, by `namespace/name`. */
  states(): Map<string, string>;
  stop(): Promise<void>;
}

/** Follows Machines (v1beta2 when served, else v1beta1) and reports or removes their nodes. */
export function startMachineWatcher(options: MachineWatcherOptions): ManagementWatcher {
  const sync = new NodeSync({
    registry: options.registry,
    random: options.random ?? Math.random,
    onProblem: options.onProblem,
    onReported: options.onReported,
  });
  const key = (machine: KubeObject) => `${machine.metadata.namespace}/${machine.metadata.name}`;
  const informer = resourceInformer({
    client: options.client,
    group: "cluster.x-k8s.io",
    plural: "machines",
    versions: ["v1beta2", "v1beta1"],
    random: options.random,
    onProblem: options.onProblem,
    handler: {
      upsert(machine) {
        const node = machineNode(machine, options.nodeNames);
        if (node.ready) sync.want(key(machine), node.report);
      },
      remove: (machine) => sync.forget(key(machine)),
    },
  });
  informer.start();
  return {
    whenSynced: () => informer.whenSynced(),
    states: () => sync.states(),
    async stop() {
      sync.stop();
      await informer.stop();
    },
  };
}
