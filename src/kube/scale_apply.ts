// Server-side apply through a `scale` subresource, as kube-apiserver runs it: the parent's
// managedFields are carried into the Scale's field space (managedfields.ScaleHandler.ToSubresource),
// the apply runs there against the `autoscaling/v1` Scale (conflicts and all), and the result is
// carried back (ScaleHandler.ToParent), quirks included: an Update manager's key names its
// apiVersion, which differs between the two spaces, so its replicas always leave its own entry for
// a second, time-less entry of the same manager; new entries get no time (the parent's times are
// looked up for them).

import {
  apply,
  builtinType,
  ConflictError,
  conflictStatus,
  decodeManagedFields,
  encodeManagedFields,
  fieldElement,
  FieldSet,
  type Json,
  type ManagedFieldsEntry,
  ManagedFieldsError,
  managerIdentifier,
  type Managers,
  type PathElement,
} from "../api/apply/mod.ts";
import { builtinSchemas } from "../api/schema/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { StatusError } from "./status_error.ts";

const SCALE_VERSION = "autoscaling/v1";
const SCALE_REPLICAS: readonly PathElement[] = [fieldElement("spec"), fieldElement("replicas")];

/** What an apply through `scale` leaves: the Scale's replicas and the parent's managedFields. */
export interface ScaleApplyOutcome {
  /** `spec.replicas` of the applied Scale (undefined when the apply leaves it unset). */
  readonly replicas: unknown;
  /** The parent's managedFields after the apply (empty: the object carries none). */
  readonly managedFields: readonly ManagedFieldsEntry[];
}

/** One apply through `scale`: the parent's entries, the live Scale, the applied one. */
export interface ScaleApplyRequest {
  readonly resource: ResourceType;
  readonly kubernetesVersion: string;
  /** The parent's replicas path (`spec.replicas`, or a custom resource's specReplicasPath). */
  readonly replicasPath: string;
  readonly parent: KubeObject;
  readonly liveScale: Record<string, unknown>;
  readonly config: Record<string, unknown>;
  readonly manager: string;
  readonly force: boolean;
}

/** Applies `config` to the Scale of `parent`; a 409 `StatusError` on conflicts unless forced. */
export function applyThroughScale(request: ScaleApplyRequest): ScaleApplyOutcome {
  const { resource } = request;
  const parentVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  const parentPath = request.replicasPath.split(".").filter((f) => f !== "").map(fieldElement);
  let parent;
  try {
    parent = decodeManagedFields(
      request.parent.metadata.managedFields as ManagedFieldsEntry[] | undefined,
    );
  } catch (error) {
    if (!(error instanceof ManagedFieldsError)) throw error;
    parent = { managers: new Map() as Managers, times: new Map<string, string | undefined>() };
  }
  // The path of a parent entry's apiVersion: built-in kinds map their served version only (other
  // versions' entries are dropped); a custom resource keeps other versions' entries as they are.
  const pathOf = (apiVersion: string): readonly PathElement[] | null | undefined =>
    apiVersion === parentVersion ? parentPath : resource.custom ? null : undefined;

  // ToSubresource, then a decode: keys are rebuilt from the converted entries.
  const scaleManagers: Managers = new Map();
  const replicasSet = setOf(SCALE_REPLICAS);
  for (const [id, entry] of parent.managers) {
    const path = pathOf(entry.apiVersion);
    if (!path || !entry.set.has(path)) continue;
    const scaleId = managerIdentifier({ ...JSON.parse(id), apiVersion: SCALE_VERSION });
    scaleManagers.set(scaleId, {
      set: replicasSet,
      apiVersion: SCALE_VERSION,
      applied: entry.applied,
    });
  }
  const type = builtinType(
    builtinSchemas(request.kubernetesVersion),
    "autoscaling",
    "v1",
    "Scale",
  )!;
  const applierId = managerIdentifier({
    manager: request.manager,
    operation: "Apply",
    subresource: "scale",
  });
  let result;
  try {
    result = apply(
      type,
      request.liveScale as Json,
      request.config as Json,
      SCALE_VERSION,
      scaleManagers,
      applierId,
      request.force,
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const status = conflictStatus(error.conflicts);
    throw new StatusError(409, "Conflict", status.message, { causes: status.causes }, {
      cause: error,
    });
  }
  const scaleAfter = new Map(result.managers);

  // ToParent.
  const out: Managers = new Map();
  const times = new Map<string, string | undefined>();
  for (const [id, entry] of parent.managers) {
    const path = pathOf(entry.apiVersion);
    if (path === undefined) continue;
    if (path === null || !entry.set.has(path)) {
      out.set(id, entry);
      times.set(id, parent.times.get(id));
    } else if (!scaleAfter.has(id)) {
      const set = entry.set.difference(setOf(path));
      if (!set.empty()) {
        out.set(id, { ...entry, set });
        times.set(id, parent.times.get(id));
      }
    } else {
      out.set(id, entry);
      times.set(id, parent.times.get(id));
      scaleAfter.delete(id);
    }
  }
  for (const [id, entry] of scaleAfter) {
    if (!entry.set.has(SCALE_REPLICAS)) continue;
    out.set(id, { set: setOf(parentPath), apiVersion: parentVersion, applied: entry.applied });
    times.set(id, parent.times.get(id));
  }
  const applied = (result.object ?? request.liveScale) as Record<string, unknown>;
  const spec = applied.spec as Record<string, unknown> | undefined;
  return { replicas: spec?.replicas, managedFields: encodeManagedFields(out, times) };
}

function setOf(path: readonly PathElement[]): FieldSet {
  const set = new FieldSet();
  set.insert(path);
  return set;
}
