// `--provider`: fkas as a Cluster API infrastructure provider. Informers follow FkasClusters,
// FkasMachines and CAPI Machines; two reconcile queues act on them.

import { type ClusterHost, HostError } from "../hosts/mod.ts";
import {
  type Informer,
  type InformerHandler,
  listingMessage,
  type ManagementClient,
  type ManagementWrites,
  resourceInformer,
} from "../management/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { capiClusterName, reconcileFkasCluster } from "./cluster_reconciler.ts";
import { reconcileFkasMachine } from "./machine_reconciler.ts";
import type { ProviderContext } from "./provider_context.ts";
import {
  CLUSTER_NAME_LABEL,
  INFRASTRUCTURE_GROUP,
  INFRASTRUCTURE_VERSION,
} from "./provider_kinds.ts";
import { ReconcileQueue } from "./reconcile_queue.ts";

/** What the provider needs. */
export interface ProviderOptions {
  readonly client: ManagementClient & ManagementWrites;
  readonly host: ClusterHost;
  /**
   * Whether this fkas reconciles the cluster's objects (with --peers, the owner only; an object
   * not yet naming its CAPI Cluster goes by its own name). @default every cluster
   */
  readonly owns?: (namespace: string, cluster: string) => boolean;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly log: (level: "info" | "warn", message: string, fields: Record<string, unknown>) => void;
  /** Reconciles running at once per kind. */
  readonly concurrency?: number;
}

/** A running provider. */
export interface RunningProvider {
  whenSynced(): Promise<void>;
  stop(): Promise<void>;
}

const keyOf = (object: KubeObject) => `${object.metadata.namespace}/${object.metadata.name}`;

/** Starts following the management cluster and reconciling fkas's infrastructure objects. */
export function startProvider(options: ProviderOptions): RunningProvider {
  const random = options.random ?? Math.random;
  const owns = options.owns ?? (() => true);
  const ownsObject = (object: KubeObject, cluster: string | undefined) =>
    owns(object.metadata.namespace!, cluster ?? object.metadata.name!);
  const onProblem = (message: string, fields: Record<string, unknown>) =>
    options.log("warn", message, fields);
  const queueOptions = (kind: string) => ({
    concurrency: options.concurrency ?? 16,
    random,
    paused: true,
    onError: (key: string, error: unknown, retryInMs: number) =>
      options.log("warn", `${kind} reconcile failed, retrying`, {
        object: key,
        error: (error as Error).message,
        retryInMs,
      }),
  });
  // The context refers to the queues and informers, which refer back to it through closures.
  const clusters = new ReconcileQueue(
    (key) => reconcileFkasCluster(context, key),
    queueOptions("FkasCluster"),
  );
  const machines = new ReconcileQueue(
    (key) => reconcileFkasMachine(context, key),
    queueOptions("FkasMachine"),
  );
  const informer = (group: string, plural: string, versions: string[], handler: InformerHandler) =>
    resourceInformer({
      client: options.client,
      group,
      plural,
      versions,
      handler,
      random,
      onProblem,
      onListed: (listing) => options.log("info", listingMessage(listing), { ...listing }),
    });
  const fkasClusters: Informer = informer(
    INFRASTRUCTURE_GROUP,
    "fkasclusters",
    [INFRASTRUCTURE_VERSION],
    {
      upsert(object) {
        if (ownsObject(object, capiClusterName(object))) clusters.add(keyOf(object));
      },
      remove(object) {
        if (!ownsObject(object, capiClusterName(object))) return;
        clusters.forget(keyOf(object));
        context.written.delete(`fkasclusters/${keyOf(object)}`);
        // Deleted without fkas seeing the deletion (a finalizer removed by hand): release it anyway.
        const name = capiClusterName(object);
        const namespace = object.metadata.namespace!;
        if (name) {
          options.host.unregister({ namespace, name }).catch((error) => {
            if (error instanceof HostError && error.kind === "NotFound") return;
            onProblem("cannot release cluster", { cluster: `${namespace}/${name}`, error });
          });
        }
      },
    },
  );
  const fkasMachines: Informer = informer(
    INFRASTRUCTURE_GROUP,
    "fkasmachines",
    [INFRASTRUCTURE_VERSION],
    {
      upsert(object) {
        if (ownsObject(object, object.metadata.labels?.[CLUSTER_NAME_LABEL])) {
          machines.add(keyOf(object));
        }
      },
      remove(object) {
        machines.forget(keyOf(object));
        context.written.delete(`fkasmachines/${keyOf(object)}`);
      },
    },
  );
  // A CAPI Machine changing (bootstrap data arriving) wakes its FkasMachine.
  const capiMachines: Informer = informer("cluster.x-k8s.io", "machines", ["v1beta2", "v1beta1"], {
    upsert(object) {
      const spec = object.spec as {
        clusterName?: string;
        infrastructureRef?: { kind?: string; name?: string };
      };
      const ref = spec?.infrastructureRef;
      if (ref?.kind === "FkasMachine" && ref.name && ownsObject(object, spec.clusterName)) {
        machines.add(`${object.metadata.namespace}/${ref.name}`);
      }
    },
    remove() {},
  });
  const context: ProviderContext = {
    client: options.client,
    host: options.host,
    now: options.now ?? (() => new Date()),
    fkasClusters,
    fkasMachines,
    machines: capiMachines,
    written: new Map(),
    completedAt: new Map(),
    restored: new Map(),
    enqueueMachine: (key) => machines.add(key),
    log: (message, fields) => options.log("info", message, fields),
  };
  const informers = [capiMachines, fkasClusters, fkasMachines];
  for (const each of informers) each.start();
  // Reconciles wait until every cache is filled: an FkasMachine looked at before the Machines are
  // listed would seem to have no owner.
  const synced = Promise.all(informers.map((each) => each.whenSynced())).then(() => {
    clusters.resume();
    machines.resume();
  });
  return {
    whenSynced: () => synced,
    async stop() {
      clusters.stop();
      machines.stop();
      await Promise.all(informers.map((each) => each.stop()));
    },
  };
}
