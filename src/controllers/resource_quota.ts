// kube-controller-manager's resourcequota controller: a quota's `status.hard` follows its
// `spec.hard`, and `status.used` is recounted from the namespace's objects whenever something
// there changes (kube-apiserver's admission charges creates at once; deletes and finished pods
// give back here, as the controller's replenishment does).
//
// After k8s.io/kubernetes v1.36.3 pkg/controller/resourcequota/resource_quota_controller.go
// `syncResourceQuota` and k8s.io/apiserver pkg/quota/v1 `CalculateUsage` (each counted name
// starts at 0; names no evaluator counts stay out of `used`). Maps are written in name order,
// as Go encodes them. Only namespaces holding a quota cost anything.

import {
  matchingNames,
  objectUsage,
  QuantitySums,
  type QuotaResource,
  resourceList,
  scopesMatch,
} from "../quota/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { KubeObject, StoreChange } from "../store/mod.ts";
import type { ControlledResource, ControllerContext } from "./controller_context.ts";
import { writeIgnoringRace } from "./metadata.ts";
import { withStatus } from "./status_write.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const QUOTAS = "resourcequotas";
const POD_LEVEL_MINOR = 34;
// Storage keys whose objects never count (install.DefaultIgnoredResources).
const IGNORED = new Set(["events", "events.k8s.io/events"]);
// The evaluators' own resources, and the legacy object count names.
const NAMED: Readonly<Record<string, string>> = {
  pods: "pods",
  services: "services",
  persistentvolumeclaims: "persistentvolumeclaims",
  configmaps: "configmaps",
  secrets: "secrets",
  resourcequotas: "resourcequotas",
  replicationcontrollers: "replicationcontrollers",
};

/** Keeps every ResourceQuota's status counted, driven by store events. */
export class ResourceQuotaController {
  // Namespaces holding at least one quota: changes elsewhere cost one lookup.
  readonly #namespaces = new Set<string>();

  constructor(private readonly context: ControllerContext) {}

  /** Counts a quota that existed before the controllers started. */
  sync(resource: string, object: KubeObject): void {
    if (resource !== QUOTAS) return;
    const namespace = object.metadata.namespace;
    if (namespace === undefined) return;
    this.#namespaces.add(namespace);
    this.#enqueue(namespace);
  }

  /** Recounts the quotas of the namespace a change happened in. */
  observe(change: StoreChange): void {
    const namespace = change.object.metadata.namespace;
    if (namespace === undefined || IGNORED.has(change.resource)) return;
    if (change.resource === QUOTAS && change.type !== "DELETED") this.#namespaces.add(namespace);
    if (this.#namespaces.has(namespace)) this.#enqueue(namespace);
  }

  #enqueue(namespace: string): void {
    this.context.queue.add(`resourcequota/${namespace}`, () => this.#syncNamespace(namespace));
  }

  #syncNamespace(namespace: string): void {
    const { store, options } = this.context;
    const quotaResource = options.resources(QUOTAS);
    if (!quotaResource) return;
    const quotas = store.list(quotaResource, namespace);
    if (quotas.length === 0) {
      this.#namespaces.delete(namespace);
      return;
    }
    const minor = kubernetesMinor(options.kubernetesVersion?.() ?? "v1.33.0") ?? 0;
    const podLevel = minor >= POD_LEVEL_MINOR;
    for (const quota of quotas) {
      const status = this.#count(quota as Loose, namespace, podLevel);
      if (JSON.stringify(status) === JSON.stringify((quota as Loose).status ?? {})) continue;
      writeIgnoringRace(() =>
        store.update(quotaResource, withStatus(this.context, quotaResource, quota, status))
      );
    }
  }

  #count(quota: Loose, namespace: string, podLevel: boolean): Loose {
    const hard = resourceList(quota.spec?.hard);
    const names = Object.keys(hard);
    const used = new QuantitySums();
    for (const stored of this.#resourcesFor(names)) {
      const resource = asQuota(stored);
      const counted = matchingNames(resource, names);
      if (counted.length === 0) continue;
      used.add(Object.fromEntries(counted.map((name) => [name, "0"])));
      for (const object of this.context.store.list(stored, namespace)) {
        if (!scopesMatch(resource, quota, object)) continue;
        const usage = objectUsage(resource, object, podLevel);
        used.add(Object.fromEntries(counted.flatMap((n) => usage[n] ? [[n, usage[n]]] : [])));
      }
    }
    if (names.length === 0) return {};
    return { hard: sorted(hard), used: sorted(used.list()) };
  }

  // The resources whose evaluators count some of `names`: the named evaluators, and every
  // `count/<resource>[.<group>]` the cluster serves.
  #resourcesFor(names: readonly string[]): ControlledResource[] {
    const keys = new Set<string>(Object.keys(NAMED));
    for (const name of names) {
      if (!name.startsWith("count/")) continue;
      const [plural, ...group] = name.slice(6).split(".");
      keys.add(group.length ? `${group.join(".")}/${plural}` : plural);
    }
    const found: ControlledResource[] = [];
    for (const key of keys) {
      const resource = this.context.options.resources(key);
      if (!resource || IGNORED.has(key)) continue;
      found.push(resource);
    }
    return found;
  }
}

function asQuota(resource: ControlledResource): QuotaResource {
  return { name: resource.key.split("/").pop()!, group: resource.group };
}

function sorted(list: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(list).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
