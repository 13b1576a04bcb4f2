// FkasCluster: registers the fake cluster (on the port it had, after a restart), sets the
// control-plane endpoint, reports provisioned, and releases the cluster when deleted.

import { ClusterError } from "../cluster/mod.ts";
import { deepEqual, type KubeObject } from "../store/mod.ts";
import { type Condition, setCondition } from "./conditions.ts";
import {
  finalizersPatch,
  freshest,
  patchObject,
  type ProviderContext,
} from "./provider_context.ts";
import {
  CLUSTER_FINALIZER,
  CLUSTER_NAME_LABEL,
  FKAS_CLUSTERS,
  type FkasClusterSpec,
} from "./provider_kinds.ts";
import type { ReconcileResult } from "./reconcile_queue.ts";

/** The CAPI Cluster an infrastructure cluster belongs to: its label, else its owner. */
export function capiClusterName(object: KubeObject): string | undefined {
  return object.metadata.labels?.[CLUSTER_NAME_LABEL] ??
    object.metadata.ownerReferences?.find((o) =>
      o.kind === "Cluster" && o.apiVersion.startsWith("cluster.x-k8s.io/")
    )?.name;
}

/** Reconciles the FkasCluster `namespace/name`. */
export async function reconcileFkasCluster(
  context: ProviderContext,
  key: string,
): Promise<ReconcileResult | void> {
  const [namespace, name] = key.split("/");
  let object = freshest(context, context.fkasClusters, FKAS_CLUSTERS, namespace, name);
  if (!object) return;
  const clusterName = capiClusterName(object);
  const { host } = context;
  if (object.metadata.deletionTimestamp) {
    if (clusterName && await host.summary({ namespace, name: clusterName })) {
      await host.unregister({ namespace, name: clusterName });
      context.log("released the cluster", { cluster: `${namespace}/${clusterName}` });
    }
    context.restored.delete(`${namespace}/${clusterName}`);
    if (object.metadata.finalizers?.includes(CLUSTER_FINALIZER)) {
      await patchObject(
        context,
        FKAS_CLUSTERS,
        object,
        finalizersPatch(object, CLUSTER_FINALIZER, false),
      );
    }
    return;
  }
  // CAPI sets the owner reference (and the label) shortly after creating the object.
  if (!clusterName) return;
  if (!object.metadata.finalizers?.includes(CLUSTER_FINALIZER)) {
    object = await patchObject(
      context,
      FKAS_CLUSTERS,
      object,
      finalizersPatch(object, CLUSTER_FINALIZER, true),
    );
  }
  const spec = (object.spec ?? {}) as FkasClusterSpec;
  const conditions = (object.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  let cluster;
  try {
    cluster = await host.register({
      namespace,
      name: clusterName,
      caSource: "secrets",
      port: spec.controlPlaneEndpoint?.port,
    });
  } catch (error) {
    if (error instanceof ClusterError) {
      await writeStatus(context, object, conditions, false, error.kind, error.message);
    }
    throw error;
  }
  const endpoint = { host: cluster.host, port: cluster.port };
  if (
    spec.controlPlaneEndpoint?.host !== endpoint.host ||
    spec.controlPlaneEndpoint?.port !== endpoint.port
  ) {
    object = await patchObject(context, FKAS_CLUSTERS, object, {
      spec: { controlPlaneEndpoint: endpoint },
    });
  }
  await writeStatus(context, object, conditions, true, "Provisioned", "");
  for (const machine of context.fkasMachines.objects) {
    const { namespace: ns, name: machineName, labels } = machine.metadata;
    if (ns === namespace && labels?.[CLUSTER_NAME_LABEL] === clusterName) {
      context.enqueueMachine(`${ns}/${machineName}`);
    }
  }
}

async function writeStatus(
  context: ProviderContext,
  object: KubeObject,
  conditions: readonly Condition[],
  ready: boolean,
  reason: string,
  message: string,
): Promise<void> {
  const status = {
    ready,
    initialization: { provisioned: ready },
    conditions: setCondition(conditions, {
      type: "Ready",
      status: ready ? "True" : "False",
      reason,
      message,
      observedGeneration: object.metadata.generation,
    }, context.now()),
  };
  const current = object.status as Record<string, unknown> | undefined;
  if (
    current?.ready === status.ready &&
    deepEqual(current?.conditions, status.conditions) &&
    (current?.initialization as { provisioned?: boolean } | undefined)?.provisioned === ready
  ) return;
  await patchObject(context, FKAS_CLUSTERS, object, { status }, "status");
}
