// The defaulting of one write, in kube-apiserver's order: decode-time defaults, registry, admission.
//
// A create or an update body (also the result of a patch) is defaulted as the scheme decodes it
// (`SetObjectDefaults_<Kind>`), then the registry strategy adds what it owns (a Job's selector,
// a Service's ClusterIP and NodePorts), then built-in mutating admission changes Pods and Nodes.

import { normalizeClaimDataSources } from "./claim_data_sources.ts";
import { builtinSchemas, type SchemaSource } from "../schema/mod.ts";
import type { DefaultsContext } from "./defaults_context.ts";
import { DefaultsWalker, type StructDefaults } from "./defaults_walker.ts";
import { CORE_DEFAULTS } from "./core_defaults.ts";
import { DECLARATIVE_DEFAULTS } from "./declarative_defaults.ts";
import { generateJobSelector } from "./job_selector.ts";
import { OTHER_DEFAULTS } from "./other_defaults.ts";
import { WORKLOAD_DEFAULTS } from "./workload_defaults.ts";
import { admitNodeCreate } from "./node_admission.ts";
import { admitPodCreate, admitPodUpdate } from "./pod_admission.ts";
import { allocateService } from "./service_allocation.ts";
import { aliasServiceAccount, holdsPodSpec } from "./service_account_alias.ts";
import {
  templateGenerationAsDecoded,
  templateGenerationOnCreate,
  templateGenerationOnUpdate,
} from "./daemonset_generation.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** Which built-in kind an object is: the resource's group, version, kind and catalog key. */
export interface DefaultsTarget {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The catalog key (`pods`, `apps/deployments`). */
  readonly key: string;
}

// Declarative `+default=` fields and SetDefaults_* functions, merged per struct.
function rules(): Record<string, StructDefaults> {
  const merged: Record<string, StructDefaults> = {};
  for (const [ref, fill] of Object.entries(DECLARATIVE_DEFAULTS)) merged[ref] = { fill };
  for (const table of [CORE_DEFAULTS, WORKLOAD_DEFAULTS, OTHER_DEFAULTS]) {
    for (const [ref, rule] of Object.entries(table)) {
      const fill = { ...merged[ref]?.fill, ...rule.fill };
      merged[ref] = { ...rule, ...(Object.keys(fill).length > 0 ? { fill } : {}) };
    }
  }
  return merged;
}

const WALKER = new DefaultsWalker(rules());

/** Applies the scheme's defaults of a built-in kind to `object` in place (create, update, patch). */
export function applySchemeDefaults(
  target: DefaultsTarget,
  object: Loose,
  context: DefaultsContext,
): void {
  const root = rootOf(context.minor, target);
  if (root) WALKER.walk(root.source, root.ref, object, context);
  // The decoded object is what v1 conversion gives back: the field manager compares those.
  if (holdsPodSpec(target.key)) aliasServiceAccount(target.key, object);
  if (target.key === "apps/daemonsets") templateGenerationAsDecoded(object);
}

/** Where defaulting starts: the schema source and the kind's struct. */
interface Root {
  readonly source: SchemaSource;
  readonly ref: string;
}

// Per minor and target (a catalog resource type lives as long as the process): its root, or null
// when nothing under the kind is defaulted. Looked up by the target itself, so that a ConfigMap
// write costs two lookups and no key text made per write.
const rootsByTarget = new Map<number, WeakMap<DefaultsTarget, Root | null>>();

function rootOf(minor: number, target: DefaultsTarget): Root | null {
  let byTarget = rootsByTarget.get(minor);
  if (!byTarget) rootsByTarget.set(minor, byTarget = new WeakMap());
  let root = byTarget.get(target);
  if (root === undefined) {
    root = rootByKey(minor, target);
    byTarget.set(target, root);
  }
  return root;
}

// Per minor and resource version: the root, shared by targets naming the same kind.
const roots = new Map<number, Map<string, Root | null>>();

function rootByKey(minor: number, target: DefaultsTarget): Root | null {
  let byKey = roots.get(minor);
  if (!byKey) roots.set(minor, byKey = new Map());
  // The catalog key names no version (autoscaling/v1 and v2 share one): the cache key does.
  const key = `${target.version}/${target.key}`;
  let root = byKey.get(key);
  if (root === undefined) {
    const source = builtinSchemas(`v1.${minor}`);
    const kinds = source.kindsOf(
      target.group ? `${target.group}/${target.version}` : target.version,
    );
    const ref = Object.hasOwn(kinds, target.kind) ? kinds[target.kind] : undefined;
    root = ref && WALKER.reaches(source, ref) ? { source, ref } : null;
    byKey.set(key, root);
  }
  return root;
}

/** Defaults a new object: scheme defaults, the registry's create rules, built-in admission. */
export function defaultOnCreate(
  target: DefaultsTarget,
  object: Loose,
  context: DefaultsContext & { readonly uid: string },
): void {
  applySchemeDefaults(target, object, context);
  registryOnCreate(target, object, context);
}

/**
 * What a create gets after decoding: the registry's create rules and built-in admission (the
 * field manager records a write between the two, so these fields are no manager's).
 */
export function registryOnCreate(
  target: DefaultsTarget,
  object: Loose,
  context: DefaultsContext & { readonly uid: string },
): void {
  if (target.key === "batch/jobs") generateJobSelector(object, context.uid);
  else if (target.key === "services") allocateService(object, context);
  else if (target.key === "pods") admitPodCreate(object, context);
  else if (target.key === "nodes") admitNodeCreate(object);
  else if (target.key === "apps/daemonsets") templateGenerationOnCreate(object);
  else if (target.key === "persistentvolumeclaims") {
    normalizeClaimDataSources(object);
    protect(object, "kubernetes.io/pvc-protection");
  } else if (target.key === "persistentvolumes") protect(object, "kubernetes.io/pv-protection");
}

// The StorageObjectInUseProtection admission plugin (on by default): a claim or volume is created
// with its protection finalizer, which kube-controller-manager removes once nothing uses it.
function protect(object: Loose, finalizer: string): void {
  const metadata = object.metadata ??= {};
  const finalizers = Array.isArray(metadata.finalizers) ? metadata.finalizers : [];
  if (!finalizers.includes(finalizer)) metadata.finalizers = [...finalizers, finalizer];
}

/** Defaults an update of `current` (a PUT body or a patch result), as `defaultOnCreate`. */
export function defaultOnUpdate(
  target: DefaultsTarget,
  object: Loose,
  current: Loose,
  context: DefaultsContext,
): void {
  applySchemeDefaults(target, object, context);
  registryOnUpdate(target, object, current, context);
}

/** What an update gets after decoding, as `registryOnCreate`. */
export function registryOnUpdate(
  target: DefaultsTarget,
  object: Loose,
  current: Loose,
  context: DefaultsContext,
): void {
  if (target.key === "services") allocateService(object, context, current);
  else if (target.key === "pods") admitPodUpdate(object, current);
  else if (target.key === "apps/daemonsets") templateGenerationOnUpdate(object, current);
  else if (target.key === "persistentvolumeclaims") normalizeClaimDataSources(object, current);
}
