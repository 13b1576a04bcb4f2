// kube-apiserver's naming and establishing controllers acting on a new CustomResourceDefinition.
//
// apiextensions-apiserver pkg/controller/status (NamingConditionController) and
// pkg/controller/establish (EstablishingController): right after the registry stores a new CRD
// with its storage version only, they accept its names and set NamesAccepted and Established
// through /status, as manager `kube-apiserver`. The create answers the registry's object; here
// the controllers' write follows at once, one resourceVersion later (a MODIFIED event to
// watchers), so the next read sees the CRD established.

import { definitionStatus } from "../api/crd/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { recordEstablishingWrite } from "./definition_status_fields.ts";
import { objectJson } from "./json_body.ts";
import type { ServedCluster } from "./kube_env.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** Writes the controllers' status over a just-created CRD; a failed write leaves it as stored. */
export function establishDefinition(
  cluster: ServedCluster,
  resource: ResourceType,
  created: KubeObject,
  now: Date,
): void {
  const crd: Loose = structuredClone(created);
  const time = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  crd.status = definitionStatus(crd, created, cluster.store.list(resource), time);
  recordEstablishingWrite(crd, (created as Loose).status, cluster.kubernetesVersion, now);
  try {
    cluster.store.update(resource, crd, { encode: objectJson });
  } catch {
    // Deleted or changed in between: the controllers act on the next change (an update
    // recomputes the status, as updateDefinition does).
  }
}
