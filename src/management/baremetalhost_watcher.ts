// `--watch baremetalhosts`: Metal3's side-car inside fkas. Hosts are reconciled one at a time, as
// upstream (concurrency 1); lookup failures are retried with backoff and on every host event.

import type { NodeReport } from "../cluster/mod.ts";
import type { ClusterHost } from "../hosts/mod.ts";
import { backoffDelay } from "../retry/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { baremetalHostNode, type Metal3Lookups } from "./baremetalhost_nodes.ts";
import type { ManagementClient } from "./management_client.ts";
import type { ManagementWatcher } from "./machine_watcher.ts";
import { NodeSync } from "./node_sync.ts";
import type { InformerListing } from "./informer.ts";
import { resourceInformer } from "./resource_informer.ts";
import { servedResource } from "./served_resource.ts";

/** What the BareMetalHost watcher needs. */
export interface BaremetalHostWatcherOptions {
  readonly client: ManagementClient;
  readonly host: ClusterHost;
  readonly random?: () => number;
  /** Whether this fkas acts for the cluster (with --peers, its owner only). @default every cluster */
  readonly owns?: (namespace: string, cluster: string) => boolean;
  readonly onProblem?: (message: string, fields: Record<string, unknown>) => void;
  readonly onReported?: (report: NodeReport) => void;
  readonly onListed?: (listing: InformerListing) => void;
}

/** Follows BareMetalHosts and reports the node of each provisioned, consumed host. */
export function startBaremetalHostWatcher(options: BaremetalHostWatcherOptions): ManagementWatcher {
  const { client } = options;
  const random = options.random ?? Math.random;
  const sync = new NodeSync({
    host: options.host,
    owns: options.owns,
    random,
    onProblem: options.onProblem,
    onReported: options.onReported,
  });
  const metal3Machines = servedResource(
    client,
    "infrastructure.cluster.x-k8s.io",
    "metal3machines",
    [
      "v1beta1",
    ],
  );
  const machines = servedResource(client, "cluster.x-k8s.io", "machines", ["v1beta2", "v1beta1"]);
  const lookups: Metal3Lookups = {
    metal3Machine: async (ns, name) => client.get(await metal3Machines.resolve(), ns, name),
    machine: async (ns, name) => client.get(await machines.resolve(), ns, name),
  };
  const hosts = new Map<string, KubeObject>();
  const retries = new Map<string, { attempts: number; timer?: ReturnType<typeof setTimeout> }>();
  let stopped = false;
  let chain = Promise.resolve();

  const reconcile = async (key: string) => {
    const host = hosts.get(key);
    if (!host || stopped) return;
    const retry = retries.get(key);
    clearTimeout(retry?.timer);
    try {
      const node = await baremetalHostNode(host, lookups);
      retries.delete(key);
      if (node.ready) sync.want(key, node.report);
      else sync.forget(key);
    } catch (error) {
      const attempts = retry?.attempts ?? 0;
      const delayMs = backoffDelay(attempts, random);
      options.onProblem?.("cannot map BareMetalHost, retrying", {
        host: key,
        error: (error as Error).message,
        delayMs,
      });
      const timer = setTimeout(() => enqueue(key), delayMs);
      retries.set(key, { attempts: attempts + 1, timer });
    }
  };
  const enqueue = (key: string) => {
    chain = chain.then(() => reconcile(key));
  };
  const keyOf = (host: KubeObject) => `${host.metadata.namespace}/${host.metadata.name}`;

  const informer = resourceInformer({
    client,
    group: "metal3.io",
    plural: "baremetalhosts",
    versions: ["v1alpha1"],
    random,
    onProblem: options.onProblem,
    onListed: options.onListed,
    handler: {
      upsert(host) {
        hosts.set(keyOf(host), host);
        enqueue(keyOf(host));
      },
      remove(host) {
        const key = keyOf(host);
        hosts.delete(key);
        clearTimeout(retries.get(key)?.timer);
        retries.delete(key);
        sync.forget(key);
      },
    },
  });
  informer.start();
  return {
    whenSynced: () => informer.whenSynced(),
    states: () => sync.states(),
    async stop() {
      stopped = true;
      for (const retry of retries.values()) clearTimeout(retry.timer);
      sync.stop();
      await informer.stop();
      await chain;
    },
  };
}
