// What a `/status` write may change, per kind: kube-apiserver's status strategies as a data table.
//
// Source: k8s.io/kubernetes v1.33 pkg/registry/*/*/strategy.go (`<kind>StatusStrategy`
// `PrepareForUpdate` and `GetResetFields`) and k8s.io/apiextensions-apiserver
// pkg/registry/customresourcedefinition/strategy.go, pkg/registry/customresource/status_strategy.go.
// A status write takes the body's status and metadata, the stored spec, and the stored values of
// the metadata fields listed under `keep`; `reset` is what the field manager never records for
// the writer (GetResetFields). The generic registry (BeforeUpdate) keeps uid, creationTimestamp,
// deletionTimestamp and generation for every kind; the store does that here.

import { fieldElement, FieldSet } from "../api/apply/mod.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";

/** One kind's status strategy: metadata fields kept from the stored object, and reset paths. */
interface StatusRule {
  readonly keep: readonly string[];
  readonly reset: readonly (readonly string[])[];
}

const SPEC_ONLY: StatusRule = { keep: [], reset: [["spec"]] };

// Kinds not listed (nodes, replicasets, daemonsets, statefulsets, jobs, cronjobs, services,
// namespaces, PVCs, PVs, PDBs, HPAs, ...) reset their spec only: `new.Spec = old.Spec`.
const STATUS_RULES: Record<string, StatusRule> = {
  // podStatusStrategy: DeletionTimestamp = nil (BeforeUpdate restores a set one), OwnerReferences
  // kept "since old kubelets corrupt them".
  pods: {
    keep: ["ownerReferences"],
    reset: [["spec"], ["metadata", "deletionTimestamp"], [
      "metadata",
      "ownerReferences",
    ]],
  },
  "apps/deployments": { keep: ["labels"], reset: [["spec"], ["metadata", "labels"]] },
  // "Status updates are for only for updating status, not objectmeta."
  "apiextensions.k8s.io/customresourcedefinitions": {
    keep: ["labels", "annotations", "ownerReferences"],
    reset: [["metadata"], ["spec"]],
  },
};

// Custom resources: the stored object with the body's status (and the managedFields the write
// computed); only spec is a reset field, so metadata a status write sends is recorded though dropped.
const CUSTOM_RESOURCE: StatusRule = { keep: [], reset: [["spec"]] };

function ruleOf(resource: ResourceType): StatusRule {
  if (resource.custom) return CUSTOM_RESOURCE;
  return STATUS_RULES[resource.key] ?? SPEC_ONLY;
}

const resetSets = new Map<StatusRule, FieldSet>();

/** The fields a `/status` write of the resource never records for its writer (GetResetFields). */
export function statusResetFields(resource: ResourceType): FieldSet {
  const rule = ruleOf(resource);
  let set = resetSets.get(rule);
  if (!set) {
    set = new FieldSet();
    for (const path of rule.reset) set.insert(path.map((name) => fieldElement(name)));
    resetSets.set(rule, set);
  }
  return set;
}

/** The object a `/status` write stores: `incoming` with what its kind's strategy resets taken from `current`. */
export function prepareStatusUpdate(
  resource: ResourceType,
  incoming: KubeObject,
  current: KubeObject,
): KubeObject {
  const status = (incoming as unknown as Record<string, unknown>).status;
  if (resource.custom) {
    const metadata: Record<string, unknown> = {
      ...current.metadata,
      resourceVersion: incoming.metadata.resourceVersion,
    };
    const managed = (incoming.metadata as Record<string, unknown>).managedFields;
    if (managed === undefined) delete metadata.managedFields;
    else metadata.managedFields = managed;
    const next = { ...current, metadata } as Record<string, unknown>;
    if (status === undefined) delete next.status;
    else next.status = status;
    return next as unknown as KubeObject;
  }
  const next = { ...incoming } as Record<string, unknown>;
  const old = current as unknown as Record<string, unknown>;
  if (old.spec === undefined) delete next.spec;
  else next.spec = old.spec;
  const rule = ruleOf(resource);
  if (rule.keep.length > 0) {
    const metadata = { ...incoming.metadata } as Record<string, unknown>;
    const stored = current.metadata as Record<string, unknown>;
    for (const field of rule.keep) {
      if (stored[field] === undefined) delete metadata[field];
      else metadata[field] = stored[field];
    }
    next.metadata = metadata;
  }
  return next as unknown as KubeObject;
}
