// Starts what kube-controller-manager would run for one fake cluster, on its object store.

import type { ObjectStore } from "../store/mod.ts";
import type { ControllerContext, ControllerOptions } from "./controller_context.ts";
import { ClusterRoleAggregationController } from "./clusterrole_aggregation.ts";
import { GarbageCollector } from "./garbage_collector.ts";
import { PodTermination } from "./kubelet/mod.ts";
import { NamespaceController } from "./namespace_controller.ts";
import { type StoreDrivenController, workloadControllers } from "./controller_set.ts";
import { ObjectIndex } from "./object_index.ts";
import { ResourceQuotaController } from "./resource_quota.ts";
import { ServiceAccountsController } from "./serviceaccounts/mod.ts";
import { StorageProtectionController } from "./storage_protection.ts";
import { WorkQueue } from "./work_queue.ts";

/** Running controllers; `stop()` unsubscribes them from the store and drops pending work. */
export interface ClusterControllers {
  stop(): void;
}

/**
 * Subscribes the garbage collector, namespace, ServiceAccount, clusterrole-aggregation,
 * storage-protection and resourcequota controllers, the node agents' confirmation of graceful pod deletes and (with `options.workloads`) the workload controllers, scheduler and kubelets
 * to `store`, after catching up.
 */
export function startClusterControllers(
  store: ObjectStore,
  options: ControllerOptions,
): ClusterControllers {
  const onError = options.onError ?? (() => {});
  const context: ControllerContext = {
    store,
    options,
    index: new ObjectIndex(),
    queue: new WorkQueue(
      options.schedule,
      onError,
      options.scheduleLater,
      undefined,
      options.setTimer,
    ),
  };
  const collector = new GarbageCollector(context);
  const namespaces = new NamespaceController(context);
  const serviceAccounts = new ServiceAccountsController(context);
  const aggregation = new ClusterRoleAggregationController(context);
  const storage = new StorageProtectionController(context);
  const quotas = new ResourceQuotaController(context);
  // The node agents' share of a graceful pod delete runs with or without the workloads.
  const termination = new PodTermination(context);
  const workloads: StoreDrivenController[] = options.workloads ? workloadControllers(context) : [];
  // A restored store read on first use (see `ObjectStore.restore`) is indexed then, before the
  // call that reads it changes anything.
  store.whenRead(() => {
    const existing = store.resourceKeys().flatMap((key) => {
      const resource = options.resources(key);
      return resource ? store.list(resource).map((object) => ({ resource, object })) : [];
    });
    for (const { resource, object } of existing) {
      context.index.put(resource.key, resource.namespaced, object);
    }
    for (const { resource, object } of existing) {
      collector.sync(object);
      namespaces.sync(resource.key, object);
      serviceAccounts.sync(resource.key, object);
      aggregation.sync(resource.key, object);
      storage.sync(resource.key, object);
      quotas.sync(resource.key, object);
      termination.sync(resource.key, object);
      for (const controller of workloads) controller.sync(resource.key, object);
    }
  });
  const unsubscribe = store.onChange((change) => {
    try {
      const namespaced = options.resources(change.resource)?.namespaced ??
        change.object.metadata.namespace !== undefined;
      context.index.observe(change, namespaced);
      collector.observe(change);
      namespaces.observe(change);
      serviceAccounts.observe(change);
      aggregation.observe(change);
      storage.observe(change);
      quotas.observe(change);
      termination.observe(change);
      for (const controller of workloads) controller.observe(change);
    } catch (error) {
      onError(error);
    }
  });
  return {
    stop() {
      unsubscribe();
      context.queue.stop();
      termination.stop();
      for (const controller of workloads) controller.stop?.();
    },
  };
}
