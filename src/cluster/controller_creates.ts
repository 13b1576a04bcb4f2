// kube-apiserver's side of the creates fkas's controllers make: decode-time defaults, then admission.
//
// kube-controller-manager POSTs a ReplicaSet's pod (GetPodFromTemplate), an EndpointSlice, ...
// and kube-apiserver decodes it (SetObjectDefaults_Pod: `enableServiceLinks`, a container's
// requests from its limits), records it for the field manager, then runs the registry's create
// rules and built-in admission (the `kube-api-access-<5>` token volume and mounts, default
// tolerations, `priority`/`preemptionPolicy`) and PrepareForCreate's status. fkas's controllers
// write the store directly; this gives their objects what a REST create gives.

import {
  applySchemeDefaults,
  type DefaultsContext,
  podStatusOnCreate,
  registryOnCreate,
} from "../api/defaults/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { ControlledResource, ControllerCreates } from "../controllers/mod.ts";
import type { KubeObject, ObjectStore } from "../store/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** What the defaults of a controller's create read: the cluster's resources, store and version. */
export interface ControllerCreateInputs {
  readonly store: ObjectStore;
  /** A served built-in resource by catalog key (`pods`, `scheduling.k8s.io/priorityclasses`). */
  resources(key: string): (ControlledResource & { readonly custom?: boolean }) | undefined;
  kubernetesVersion(): string;
  random(): number;
  now(): Date;
}

/** The `ControllerOptions.apiserver` of a cluster: REST's decode-time defaults and admission. */
export function controllerCreates(inputs: ControllerCreateInputs): ControllerCreates {
  // The context of the cluster's minor: made once, not per create (a pod burst of 10,000
  // creates), and again only after an upgrade. One held, not a Map by minor: a Map of one entry
  // costs each cluster 256 bytes (SmallMap's figures).
  let current: (DefaultsContext & { readonly uid: string }) | undefined;
  const contextOf = (): DefaultsContext & { readonly uid: string } => {
    const minor = kubernetesMinor(inputs.kubernetesVersion()) ?? 33;
    if (current?.minor !== minor) current = makeContext(inputs, minor);
    return current;
  };
  const builtin = (resource: ControlledResource) => {
    const served = inputs.resources(resource.key);
    return served !== undefined && !served.custom;
  };
  return {
    decode(resource, object) {
      if (builtin(resource)) applySchemeDefaults(resource, object, contextOf());
    },
    admit(resource, object) {
      if (!builtin(resource)) return;
      const context = contextOf();
      registryOnCreate(resource, object, context);
      if (resource.key === "pods") {
        (object as Loose).status = podStatusOnCreate(object, context.minor, inputs.now());
      }
    },
  };
}

function makeContext(
  inputs: ControllerCreateInputs,
  minor: number,
): DefaultsContext & { readonly uid: string } {
  const { store } = inputs;
  return {
    minor,
    random: () => inputs.random(),
    // A controller's pods carry no uid-dependent defaults (a Job's selector is the Job's).
    uid: "",
    lookup: (key, namespace, name) => {
      const resource = inputs.resources(key);
      const found = resource && store.get(resource, namespace, name);
      // Upstream a pod naming a ServiceAccount that does not exist yet is refused and the
      // controller retries with backoff until the ServiceAccount controller made it; fkas's
      // controllers do not retry, so the create goes on as it would once it exists.
      if (found === undefined && key === "serviceaccounts") return {} as KubeObject;
      return found;
    },
    list: (key) => {
      const resource = inputs.resources(key);
      return resource ? store.list(resource) : [];
    },
  };
}
