// Per-resource rules of kube-apiserver's registry strategies: defaults on create, what an update may change.

import { recordEstablishingWrite } from "./definition_status_fields.ts";
import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { base64Utf8 } from "../encoding/mod.ts";
import { defaultCustomResource } from "../api/crd/mod.ts";
import {
  defaultDecoded,
  defaultForCreate,
  defaultForUpdate,
  type DefaultingInputs,
  podStatus,
} from "./defaulting.ts";
import { checkStatusValid, checkValid } from "./object_validation.ts";
import {
  defaultDefinitionSpec,
  definitionStatus,
  registryDefinitionStatus,
} from "../api/crd/mod.ts";
import { prepareStatusUpdate } from "./status_strategies.ts";
import { preparePodStatus } from "./pod_status_strategy.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { CSRS, prepareApprovalUpdate } from "./certificate_requests.ts";
import { resizedPod } from "./pod_resize_strategy.ts";
import { storedPodWithSpec } from "./pod_with_spec.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** What a strategy may read besides the object (defaulting's inputs: version, random, lookups). */
export interface StrategyContext extends DefaultingInputs {
  readonly now: Date;
}

type CreateRule = (object: Loose, context: StrategyContext) => void;

// Kinds whose status the apiserver resets on create (it is written through /status only).
type StatusReset = (object: Loose, context: StrategyContext) => unknown;
const RESET_STATUS_ON_CREATE: Record<string, StatusReset> = {
  pods: (pod, context) => podStatus(pod, context, context.now),
  services: () => ({ loadBalancer: {} }),
  "apps/deployments": () => ({}),
  "apps/daemonsets": () => ({
    currentNumberScheduled: 0,
    desiredNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
  }),
  "policy/poddisruptionbudgets": () => ({
    currentHealthy: 0,
    desiredHealthy: 0,
    disruptionsAllowed: 0,
    expectedPods: 0,
  }),
};

const CREATE_RULES: Record<string, CreateRule> = {
  namespaces: (ns) => {
    ns.spec = { finalizers: ["kubernetes"], ...ns.spec };
    ns.status = { phase: "Active" };
  },
  // The registry stores a new CRD with its storage version only: the naming and establishing
  // controllers accept its names and establish it right after (definition_establishing.ts).
  "apiextensions.k8s.io/customresourcedefinitions": (crd) => {
    defaultDefinitionSpec(crd.spec);
    crd.status = registryDefinitionStatus(crd);
  },
};

/**
 * What decoding a write's body does before the field manager records it (create, update, patch
 * and `/status` alike): Secret `stringData` merged into `data`, the scheme's defaults. In place.
 */
export function defaultOnDecode(
  resource: ResourceType,
  object: KubeObject,
  context: DefaultingInputs,
): void {
  if (resource.key === "secrets") mergeStringData(object as Loose);
  // A custom resource's structural defaults also come with decoding (admitCustomResource's
  // second pass after the registry finds nothing left to fill).
  if (resource.customSchema) defaultCustomResource(resource.customSchema, object as Loose);
  else defaultDecoded(resource, object, context);
  // SetDefaults_CustomResourceDefinitionSpec is a scheme default: the writer owns what it fills.
  if (resource.key === CRDS) defaultDefinitionSpec((object as Loose).spec);
}

// Kinds whose registry rules or admission change `spec` in place after the field manager (a
// Service's ClusterIP, a Job's selector, a CRD's defaults) or replace it (a Namespace's
// finalizers); keep in step with `prepareForCreate`. A Pod's admission (token volume,
// tolerations, priority) writes a copy of its spec (src/api/defaults/pod_admission.ts): the
// decoded spec is untouched, and the store shapes only the parts admission changed.
const SPEC_CHANGED_ON_CREATE = new Set([
  "services",
  "batch/jobs",
  "apps/daemonsets",
  "namespaces",
  "apiextensions.k8s.io/customresourcedefinitions",
]);

/**
 * What of a create's decoded (Go-shaped) object `prepareForCreate` leaves as it is: its top-level
 * members but `metadata` (the store changes it) and, for kinds it changes, `spec`. Taken before
 * `prepareForCreate`, handed to the store so that it does not shape those members again.
 */
export function untouchedOnCreate(
  resource: ResourceType,
  shaped: KubeObject,
): Record<string, unknown> {
  // A custom resource's create defaults and prunes it anywhere: the store sorts it whole.
  if (resource.custom) return {};
  const untouched: Record<string, unknown> = { ...shaped };
  delete untouched.metadata;
  if (SPEC_CHANGED_ON_CREATE.has(resource.key)) delete untouched.spec;
  return untouched;
}

/**
 * The registry's create strategy after the field manager (`defaultOnDecode` ran before it):
 * allocation, admission, create rules and status reset, validation. In place.
 */
export function prepareForCreate(
  resource: ResourceType,
  object: KubeObject,
  context: StrategyContext,
): KubeObject {
  const loose = object as Loose;
  defaultForCreate(resource, object, context);
  CREATE_RULES[resource.key]?.(loose, context);
  const reset = RESET_STATUS_ON_CREATE[resource.key];
  if (reset) loose.status = reset(loose, context);
  else if (resource.custom && hasStatusSubresource(resource)) delete loose.status;
  checkValid(resource, object, undefined, context.kubernetesVersion);
  return object;
}

/**
 * What an update keeps from the current object (after `defaultOnDecode` and the field manager):
 * through the main resource, the status of kinds with a status subresource; through `/status`,
 * what the kind's status strategy resets (`status_strategies.ts`).
 */
export function prepareForUpdate(
  resource: ResourceType,
  incoming: KubeObject,
  current: KubeObject,
  subresource: string | undefined,
  context: DefaultingInputs & { now?: Date } = {},
): KubeObject {
  const loose = incoming as Loose;
  if (subresource === "status") {
    let updated = prepareStatusUpdate(resource, incoming, current);
    if (resource.key === "pods") {
      updated = preparePodStatus(
        updated,
        current,
        kubernetesMinor(context.kubernetesVersion) ?? 33,
      );
    }
    checkStatusValid(resource, updated, current, context.kubernetesVersion);
    return updated;
  }
  if (subresource === "approval" && resource.key === CSRS) {
    // Without a clock (an internal write), conditions are dated as the object's creation.
    prepareApprovalUpdate(
      incoming,
      current,
      context.now ?? new Date(String(current.metadata.creationTimestamp ?? 0)),
    );
    checkValid(resource, incoming, current, context.kubernetesVersion);
    return incoming;
  }
  if (subresource === "ephemeralcontainers") {
    // podEphemeralContainersStrategy: the stored pod with the body's ephemeral containers only.
    const ephemeral = (incoming as Loose).spec?.ephemeralContainers;
    const spec = { ...(current as Loose).spec };
    if (ephemeral === undefined || ephemeral === null) delete spec.ephemeralContainers;
    else spec.ephemeralContainers = ephemeral;
    const updated = storedPodWithSpec(current, incoming, spec);
    checkValid(resource, updated, current, context.kubernetesVersion, subresource);
    return updated;
  }
  if (subresource === "resize" && resource.key === "pods") {
    const updated = resizedPod(incoming, current, context.kubernetesVersion);
    checkValid(resource, updated, current, context.kubernetesVersion, subresource);
    return updated;
  }
  defaultForUpdate(resource, incoming, current, context);
  if (hasStatusSubresource(resource)) {
    if (current.status === undefined) delete loose.status;
    else loose.status = current.status;
  }
  if (resource.key === CRDS) updateDefinition(loose, current, context);
  checkValid(resource, incoming, current, context.kubernetesVersion);
  return incoming;
}

const CRDS = "apiextensions.k8s.io/customresourcedefinitions";

// A CRD's spec defaults, and the status its controllers would write right after (stored
// versions, accepted names, conditions); other CRDs of the group claim names.
function updateDefinition(crd: Loose, current: Loose, context: Partial<StrategyContext>): void {
  defaultDefinitionSpec(crd.spec);
  // Without a clock (an internal write), a transition is dated as the CRD's creation.
  const time = (context.now?.toISOString() ?? current?.metadata?.creationTimestamp ?? "")
    .replace(/\.\d{3}Z$/, "Z");
  crd.status = definitionStatus(crd, current, context.list?.(CRDS) ?? [], time);
  if (context.now && context.kubernetesVersion && Array.isArray(crd.metadata?.managedFields)) {
    recordEstablishingWrite(crd, current?.status, context.kubernetesVersion, context.now);
  }
}

/** Whether the resource serves `<name>/status`. */
export function hasStatusSubresource(resource: ResourceType): boolean {
  let has = statusServed.get(resource);
  if (has === undefined) {
    statusServed.set(resource, has = resource.subresources.some((s) => s.name === "status"));
  }
  return has;
}

// Asked on every write; a resource type's subresources never change.
const statusServed = new WeakMap<ResourceType, boolean>();

// Secret.stringData is write-only: merged into data (base64) and never stored.
function mergeStringData(object: Loose): void {
  if (!object.stringData || typeof object.stringData !== "object") return;
  // Object.fromEntries defines own keys: `data[key] = ...` with a "__proto__" key would call the
  // prototype setter and drop the entry (on Bun; a key like any other to kube-apiserver).
  object.data = Object.fromEntries([
    ...Object.entries(object.data ?? {}),
    ...Object.entries(object.stringData).map(([key, value]) => [key, base64Utf8(String(value))]),
  ]);
  delete object.stringData;
}
