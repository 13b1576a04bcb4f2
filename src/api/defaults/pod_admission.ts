// kube-apiserver's built-in mutating admission of Pods: LimitRanger, ServiceAccount,
// DefaultTolerationSeconds, Priority, RuntimeClass.
//
// Sources: k8s.io/kubernetes plugin/pkg/admission/{serviceaccount,defaulttolerationseconds,priority}
// (v1.29–v1.36 alike). Admission runs after decode-time defaulting, so what it adds is not
// defaulted again (the projected volume carries its own defaultMode).

import type { DefaultsContext } from "./defaults_context.ts";
import { DefaultsError } from "./defaults_error.ts";
import { admitLimitRanges } from "./limit_ranger.ts";
import { aliasInSpec } from "./service_account_alias.ts";
import { admitRuntimeClass } from "./runtime_class_admission.ts";
import { withThawedTwin } from "../../encoding/mod.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// The catalog key of PriorityClasses.
const PRIORITY_CLASSES = "scheduling.k8s.io/priorityclasses";
const TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
const TOKEN_VOLUME_PREFIX = "kube-api-access-";
// k8s.io/apimachinery/pkg/util/rand: no vowels (no words), no ambiguous 0/1/3.
const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

// The PriorityClasses kube-apiserver creates at start-up (scheduling.SystemPriorityClasses).
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};

/**
 * Admits a new Pod: LimitRange defaults, service account and its token volume, tolerations,
 * priority, then its RuntimeClass (upstream's plugin order).
 */
export function admitPodCreate(pod: Loose, context: DefaultsContext): void {
  if (!pod.spec || typeof pod.spec !== "object") return;
  // Admission writes copies of what it changes (the spec, its containers): the decoded spec it
  // was handed stays as the field manager saw it, so the store shapes only what changed here.
  pod.spec = admittedSpec(pod.spec);
  const limitRanges = context.list?.("limitranges");
  if (limitRanges && limitRanges.length > 0) admitLimitRanges(pod, limitRanges);
  const spec = admitServiceAccount(pod, pod.spec, context);
  admitTolerations(spec);
  admitPriority(pod, spec, context);
  admitRuntimeClass(pod, spec, context);
}

// The spec and its container lists copied one level deep (a container's `resources` too, which
// LimitRanger fills): what admission changes, never the caller's objects.
function admittedSpec(spec: Loose): Loose {
  const copy = { ...spec };
  if (Array.isArray(spec.containers)) copy.containers = spec.containers.map(admittedContainer);
  if (Array.isArray(spec.initContainers)) {
    copy.initContainers = spec.initContainers.map(admittedContainer);
  }
  return copy;
}

function admittedContainer(container: Loose): Loose {
  if (!container || typeof container !== "object" || Array.isArray(container)) return container;
  const copy = { ...container };
  const resources = container.resources;
  if (resources && typeof resources === "object" && !Array.isArray(resources)) {
    copy.resources = { ...resources };
  }
  return copy;
}

/** Admits a Pod update: the tolerations again, priority fields kept from the stored Pod. */
export function admitPodUpdate(pod: Loose, current: Loose): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== "object") return;
  admitTolerations(spec);
  if (spec.priority == null && current?.spec?.priority != null) {
    spec.priority = current.spec.priority;
  }
  if (spec.preemptionPolicy == null && current?.spec?.preemptionPolicy != null) {
    spec.preemptionPolicy = current.spec.preemptionPolicy;
  }
}

/** `kube-api-access-` and five characters of apimachinery's name alphabet. */
export function tokenVolumeName(random: () => number): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)];
  return TOKEN_VOLUME_PREFIX + suffix;
}

// The ServiceAccount plugin; answers the Pod's spec (a new one when the alias moved its keys).
function admitServiceAccount(pod: Loose, spec: Loose, context: DefaultsContext): Loose {
  // Mirror pods (static pods reported by a kubelet) keep what they have.
  if (pod.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined) return spec;
  if (!spec.serviceAccountName) {
    // After the field manager: the alias is stored, no manager's.
    if (spec.serviceAccountName === undefined && spec.serviceAccount === undefined) {
      // Neither name sent (the usual Pod): both appended, the alias right after the name, as
      // aliasInSpec would place them, without a new spec.
      spec.serviceAccountName = "default";
      spec.serviceAccount = "default";
    } else {
      spec.serviceAccountName = "default";
      spec = pod.spec = aliasInSpec(spec);
    }
  }
  const namespace = pod.metadata?.namespace;
  const account = context.lookup?.("serviceaccounts", namespace, spec.serviceAccountName);
  // Upstream getServiceAccount: not in the cache nor the API (the ServiceAccount controller
  // creates `default` in every namespace) → admission.NewForbidden.
  if (context.lookup && account === undefined) {
    const name = spec.serviceAccountName;
    throw forbidden(
      pod,
      `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`,
    );
  }
  const automount = spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ??
    true;
  if (automount) mountToken(spec, context);
  if (
    (!Array.isArray(spec.imagePullSecrets) || spec.imagePullSecrets.length === 0) &&
    Array.isArray(account?.imagePullSecrets)
  ) {
    spec.imagePullSecrets = account.imagePullSecrets.map((secret: Loose) => ({
      name: secret?.name,
    }));
  }
  return spec;
}

// Loops rather than find/some/spread: admission runs on every Pod create, where those calls'
// closures and iterator copies were a measurable part of its cost (Bun).
function mountToken(spec: Loose, context: DefaultsContext): void {
  const volumes: Loose[] = Array.isArray(spec.volumes) ? spec.volumes : NONE;
  let existing: string | undefined;
  for (let i = 0; i < volumes.length; i++) {
    const name = volumes[i]?.name;
    if (typeof name === "string" && name.startsWith(TOKEN_VOLUME_PREFIX)) {
      existing = name;
      break;
    }
  }
  const name = existing ?? tokenVolumeName(context.random);
  const mount = mountsToken(spec.initContainers, name);
  const needsVolume = mountsToken(spec.containers, name) || mount;
  if (existing !== undefined || !needsVolume) return;
  spec.volumes = appended(volumes, { name, projected: TOKEN_VOLUME_SOURCE });
}

// Mounts the token volume `name` in each container of `list` that has no mount at its path;
// answers whether any needed it.
function mountsToken(list: unknown, name: string): boolean {
  if (!Array.isArray(list)) return false;
  let mounted = false;
  for (let c = 0; c < list.length; c++) {
    const container = list[c];
    if (!container || typeof container !== "object") continue;
    const mounts: Loose[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : NONE;
    let found = false;
    for (let i = 0; i < mounts.length && !found; i++) {
      found = mounts[i]?.mountPath === TOKEN_MOUNT_PATH;
    }
    if (found) continue;
    container.volumeMounts = appended(mounts, {
      name,
      readOnly: true,
      mountPath: TOKEN_MOUNT_PATH,
    });
    mounted = true;
  }
  return mounted;
}

// `[...list, item]` without the iterator (decoded JSON lists have no holes).
function appended(list: readonly Loose[], item: Loose): Loose[] {
  const out = new Array(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i];
  out[list.length] = item;
  return out;
}

// A missing list reads as this one shared empty list (never written to).
const NONE: Loose[] = Object.freeze([]) as unknown as Loose[];

// In Go's field order (ProjectedVolumeSource: sources, defaultMode), as every struct here, and one
// frozen object that every Pod's token volume shares: the store's Go shaping finds it frozen and
// shaped already (go_shape.ts keeps frozen parts by identity), so a create neither walks nor
// copies its twenty-odd structs, and stored Pods share its memory. Stored objects are never
// changed in place; a write that changes it makes a new one.
const TOKEN_VOLUME_SOURCE = deepFrozen({
  sources: [
    // WarnOnlyBoundTokenExpirationSeconds: one hour and seven seconds.
    { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
    { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
    {
      downwardAPI: {
        items: [{
          path: "namespace",
          fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" },
        }],
      },
    },
  ],
  defaultMode: 420,
});

// The DefaultTolerationSeconds plugin's tolerations (Toleration's Go field order), shared and
// frozen as the token volume's source.
const DEFAULT_TOLERATIONS: Readonly<Record<string, Loose>> = {
  "node.kubernetes.io/not-ready": deepFrozen({
    key: "node.kubernetes.io/not-ready",
    operator: "Exists",
    effect: "NoExecute",
    tolerationSeconds: 300,
  }),
  "node.kubernetes.io/unreachable": deepFrozen({
    key: "node.kubernetes.io/unreachable",
    operator: "Exists",
    effect: "NoExecute",
    tolerationSeconds: 300,
  }),
};

// Frozen, and written to JSON through a thawed twin: JavaScriptCore's JSON.stringify leaves its
// fast path for a whole Pod's spec when it meets a frozen part (src/encoding/frozen_parts_json.ts).
function deepFrozen<T extends object>(value: T): T {
  return withThawedTwin(frozenTree(value));
}

function frozenTree<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) frozenTree(child);
    Object.freeze(value);
  }
  return value;
}

const DEFAULT_TOLERATION_KEYS = Object.keys(DEFAULT_TOLERATIONS);

function admitTolerations(spec: Loose): void {
  const tolerations: Loose[] = Array.isArray(spec.tolerations) ? spec.tolerations : NONE;
  let added: Loose[] | undefined;
  for (const key of DEFAULT_TOLERATION_KEYS) {
    if (tolerates(tolerations, key)) continue;
    if (added === undefined) added = tolerations.slice();
    added.push(DEFAULT_TOLERATIONS[key]);
  }
  if (added !== undefined) spec.tolerations = added;
}

// Whether a toleration matches the taint `key` with effect NoExecute (an empty key or effect
// matches any).
function tolerates(tolerations: readonly Loose[], key: string): boolean {
  for (let i = 0; i < tolerations.length; i++) {
    const t = tolerations[i];
    if ((t?.key === key || !t?.key) && (t?.effect === "NoExecute" || !t?.effect)) return true;
  }
  return false;
}

function admitPriority(pod: Loose, spec: Loose, context: DefaultsContext): void {
  let priority = 0;
  let policy: string | undefined = "PreemptLowerPriority";
  if (!spec.priorityClassName) {
    const global = globalDefault(context);
    if (global) {
      spec.priorityClassName = global.metadata?.name;
      priority = global.value ?? 0;
      policy = global.preemptionPolicy;
    }
  } else {
    const stored = context.lookup?.(PRIORITY_CLASSES, undefined, spec.priorityClassName);
    const system = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (!stored && system === undefined) {
      throw forbidden(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
    }
    priority = stored ? stored.value ?? 0 : system;
    policy = stored ? stored.preemptionPolicy : "PreemptLowerPriority";
  }
  if (spec.priority != null && spec.priority !== priority) {
    throw forbidden(
      pod,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (policy === undefined) return;
  if (spec.preemptionPolicy != null && spec.preemptionPolicy !== policy) {
    throw forbidden(
      pod,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = policy;
}

// The global default PriorityClass of the highest value (the first listed of equal ones).
function globalDefault(context: DefaultsContext): Loose {
  const classes = context.list?.(PRIORITY_CLASSES);
  let global: Loose;
  if (classes === undefined) return global;
  for (const c of classes) {
    if (c?.globalDefault !== true) continue;
    if (global === undefined || (c.value ?? 0) > (global.value ?? 0)) global = c;
  }
  return global;
}

function forbidden(pod: Loose, reason: string): DefaultsError {
  const name = pod.metadata?.name ?? "";
  return new DefaultsError("Forbidden", `pods "${name}" is forbidden: ${reason}`);
}
