// kube-controller-manager's root CA publisher: every namespace gets a `kube-root-ca.crt` ConfigMap.

import type { ObjectStore, StoredResource } from "../store/mod.ts";
import { renderRootCAConfigMap } from "../seed/mod.ts";

/** What the publisher needs: the resources it writes, when it runs, and the CA once it is running. */
export interface RootCaPublisherOptions {
  readonly namespaces: StoredResource;
  readonly configMaps: StoredResource;
  readonly schedule: (task: () => void) => void;
  /** The cluster CA PEM once kube-controller-manager runs (after the first control plane); else undefined. */
  readonly caPem: () => string | undefined;
}

/** Publishes the root CA into namespaces created from now on; returns the unsubscribe function. */
export function startRootCaPublisher(
  store: ObjectStore,
  options: RootCaPublisherOptions,
): () => void {
  return store.onChange((change) => {
    if (change.type !== "ADDED" || change.resource !== options.namespaces.key) return;
    const namespace = change.object.metadata.name!;
    options.schedule(() => {
      const caPem = options.caPem();
      const ns = store.get(options.namespaces, undefined, namespace);
      if (!caPem || !ns || ns.metadata.deletionTimestamp) return;
      if (store.get(options.configMaps, namespace, "kube-root-ca.crt")) return;
      // Never refused past --quota-backend-bytes (`seeded`): this microtask has no queue to retry
      // it, and one ConfigMap per namespace overshoots the bound by one at most (the namespace
      // that brought it was counted and checked).
      store.create(options.configMaps, renderRootCAConfigMap(namespace, caPem), { seeded: true });
    });
  });
}
