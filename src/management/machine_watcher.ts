// `--watch machines`: every CAPI Machine of a registered cluster gets its node, and every
// instance of a MachinePool (`spec.providerIDList`) too, for any provider.

import { isControlPlane, type NodeReport } from "../cluster/mod.ts";
import type { ClusterHost } from "../hosts/mod.ts";
import { kubeadmControlPlaneReader, owningKcp } from "./kubeadm_control_plane.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ManagementClient } from "./management_client.ts";
import { machineNode, type NodeNamePolicy } from "./machine_nodes.ts";
import { machinePoolNodes } from "./machinepool_nodes.ts";
import { NodeSync } from "./node_sync.ts";
import type { InformerListing } from "./informer.ts";
import { resourceInformer } from "./resource_informer.ts";

/** What the Machine watcher needs. */
export interface MachineWatcherOptions {
  readonly client: ManagementClient;
  readonly host: ClusterHost;
  readonly nodeNames: NodeNamePolicy;
  readonly random?: () => number;
  /** Whether this fkas acts for the cluster (with --peers, its owner only). @default every cluster */
  readonly owns?: (namespace: string, cluster: string) => boolean;
  readonly onProblem?: (message: string, fields: Record<string, unknown>) => void;
  readonly onReported?: (report: NodeReport) => void;
  readonly onListed?: (listing: InformerListing) => void;
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
    host: options.host,
    owns: options.owns,
    random: options.random ?? Math.random,
    onProblem: options.onProblem,
    onReported: options.onReported,
  });
  const key = (machine: KubeObject) => `${machine.metadata.namespace}/${machine.metadata.name}`;
  const readKcp = kubeadmControlPlaneReader(options.client);
  const informer = resourceInformer({
    client: options.client,
    group: "cluster.x-k8s.io",
    plural: "machines",
    versions: ["v1beta2", "v1beta1"],
    random: options.random,
    onProblem: options.onProblem,
    onListed: options.onListed,
    handler: {
      upsert(machine) {
        const node = machineNode(machine, options.nodeNames);
        if (!node.ready) return;
        const { namespace, cluster: name } = node.report;
        if (options.owns && !options.owns(namespace, name)) return;
        const kcp = owningKcp(machine);
        if (!kcp || !isControlPlane(node.report)) {
          sync.want(key(machine), node.report);
          return;
        }
        // A control plane about to register: its KCP says which taints and bind port it has.
        controlPlaneReport(options.host, node.report, () => readKcp(namespace, kcp))
          .then(
            (report) => sync.want(key(machine), report),
            (error) => {
              options.onProblem?.("cannot read the KubeadmControlPlane, using kubeadm's defaults", {
                kubeadmControlPlane: `${namespace}/${kcp}`,
                error: error instanceof Error ? error.message : String(error),
              });
              sync.want(key(machine), node.report);
            },
          );
      },
      remove: (machine) => sync.forget(key(machine)),
    },
  });
  // A pool's instances by source key, so that instances dropped from providerIDList lose
  // their nodes (a scale-down) while the others stay.
  const poolSources = new Map<string, Set<string>>();
  const forgetPool = (pool: string, keep: ReadonlySet<string> = new Set()) => {
    for (const source of poolSources.get(pool) ?? []) {
      if (!keep.has(source)) sync.forget(source);
    }
  };
  const pools = resourceInformer({
    client: options.client,
    group: "cluster.x-k8s.io",
    plural: "machinepools",
    versions: ["v1beta2", "v1beta1"],
    random: options.random,
    onProblem: options.onProblem,
    onListed: options.onListed,
    handler: {
      upsert(pool) {
        const nodes = machinePoolNodes(pool);
        const sources = new Map<string, NodeReport>();
        if (nodes.ready) {
          for (const [providerID, report] of nodes.reports) {
            sources.set(`machinepool:${key(pool)}:${providerID}`, report);
          }
        }
        forgetPool(key(pool), new Set(sources.keys()));
        poolSources.set(key(pool), new Set(sources.keys()));
        for (const [source, report] of sources) sync.want(source, report);
      },
      remove(pool) {
        forgetPool(key(pool));
        poolSources.delete(key(pool));
      },
    },
  });
  informer.start();
  pools.start();
  return {
    // Machines decide when fkas is synced: a management cluster may not serve MachinePools.
    whenSynced: () => informer.whenSynced(),
    states: () => sync.states(),
    async stop() {
      sync.stop();
      await Promise.all([informer.stop(), pools.stop()]);
    },
  };
}

// A control plane's report with its KCP's taints (init for the first, join for the others), after
// taking the KCP's bind port; as it is when its Node exists already or the KCP says nothing.
async function controlPlaneReport(
  host: ClusterHost,
  report: NodeReport,
  readKcp: () => ReturnType<ReturnType<typeof kubeadmControlPlaneReader>>,
): Promise<NodeReport> {
  const ref = { namespace: report.namespace, name: report.cluster };
  const summary = await host.summary(ref);
  if (summary && await host.command(ref, { kind: "node", node: report.nodeName })) return report;
  const settings = await readKcp();
  let activated = summary?.activated ?? false;
  if (summary && settings?.apiServerBindPort) {
    ({ activated } = await host.command(ref, {
      kind: "apiServerBindPort",
      port: settings.apiServerBindPort,
    }));
  }
  const taints = activated ? settings?.joinTaints : settings?.initTaints;
  return taints ? { ...report, taints } : report;
}
