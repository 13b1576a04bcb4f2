// POST pods/<name>/binding (and the legacy POST bindings): kube-apiserver's BindingREST, what a scheduler calls to put a pending
// pod on a node. Source: k8s.io/kubernetes pkg/registry/core/pod/storage/storage.go
// (`BindingREST.Create`, `LegacyBindingREST`, `setPodNodeAndMetadata`, `assignPod`) and core validation
// `ValidatePodBinding`, v1.29–v1.36: the node is set only on an unassigned pod, the Binding's
// annotations (and from 1.35, PodTopologyLabelsAdmission, its labels) are copied over, the
// PodScheduled condition turns True, and the answer is a 201 Success Status. The write goes
// straight to storage (GuaranteedUpdate): no managedFields entry, no admission of the pod.

import { BUILTIN_CATALOG } from "../resources/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import type { ServedCluster } from "./kube_env.ts";
import type { ResourceTarget } from "./resource_path.ts";
import { StatusError } from "./status_error.ts";
import { write } from "./write_handlers.ts";

const PODS = BUILTIN_CATALOG.byKey("pods")!;

// deno-lint-ignore no-explicit-any
type Loose = any;

/** Binds a pod to the Binding's target node; answers the 201 Success Status. */
export function bindPod(
  cluster: ServedCluster,
  target: ResourceTarget & { name: string },
  body: unknown,
  dryRun: boolean,
  now: Date,
): unknown {
  const binding = (body && typeof body === "object" ? body : {}) as Loose;
  const meta = binding.metadata && typeof binding.metadata === "object" ? binding.metadata : {};
  if ((meta.name ?? "") !== target.name) {
    throw StatusError.badRequest("name in URL does not match name in Binding object");
  }
  checkBinding(binding.target ?? {});
  // The legacy collection takes the name from the body: the store's key function wants one.
  if (!target.name) throw StatusError.badRequest("Name parameter required.");
  const pod = cluster.store.get(PODS, target.namespace, target.name);
  if (!pod) throw StatusError.notFound(PODS, target.name);
  checkPreconditions(pod, target, stringOr(meta.uid), stringOr(meta.resourceVersion));
  const refuse = (detail: string) =>
    new StatusError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on pods/binding "${target.name}": ${detail}`,
      { name: target.name, kind: "pods/binding" },
    );
  const spec = (pod.spec ?? {}) as Loose;
  if (pod.metadata.deletionTimestamp) {
    throw refuse(`pod ${target.name} is being deleted, cannot be assigned to a host`);
  }
  if (spec.nodeName) {
    throw refuse(`pod ${target.name} is already assigned to node ${JSON.stringify(spec.nodeName)}`);
  }
  if (Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    throw refuse(`pod ${target.name} has non-empty .spec.schedulingGates`);
  }
  const minor = kubernetesMinor(cluster.kubernetesVersion) ?? 36;
  const status = { ...((pod.status ?? {}) as Loose) };
  // ClearingNominatedNodeNameAfterBinding, on from 1.35.
  if (minor >= 35) delete status.nominatedNodeName;
  status.conditions = scheduled(status.conditions, now);
  const annotations = { ...pod.metadata.annotations, ...stringMap(meta.annotations) };
  const labels = minor >= 35
    ? { ...pod.metadata.labels, ...stringMap(meta.labels) }
    : pod.metadata.labels;
  const bound: KubeObject = {
    ...pod,
    metadata: {
      ...pod.metadata,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    },
    spec: { ...spec, nodeName: binding.target.name },
    status,
  };
  // assignPod writes through the storage, past the pod strategy: the generation stays.
  write(PODS, () => cluster.store.update(PODS, bound, { dryRun, keepGeneration: true }));
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}

// ValidatePodBinding's errors come back as a plain aggregate: apierrors.ErrorToAPIStatus makes it
// a 500 with no reason and the aggregate's text.
function checkBinding(target: Loose): void {
  const errors: string[] = [];
  const kind = stringOr(target.kind);
  if (kind && kind !== "Node") {
    errors.push(
      `target.kind: Unsupported value: ${
        JSON.stringify(kind)
      }: supported values: "Node", "<empty>"`,
    );
  }
  if (!stringOr(target.name)) errors.push("target.name: Required value");
  if (errors.length === 0) return;
  throw new StatusError(500, "", errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`);
}

// storage.Preconditions.Check inside GuaranteedUpdate (UID, then resourceVersion), worded as
// etcd3's StorageError and turned into a Conflict on pods by InterpretUpdateError.
function checkPreconditions(
  pod: KubeObject,
  target: ResourceTarget & { name: string },
  uid: string,
  resourceVersion: string,
): void {
  const failed = uid && uid !== pod.metadata.uid
    ? `UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid}`
    : resourceVersion && resourceVersion !== pod.metadata.resourceVersion
    ? `ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${pod.metadata.resourceVersion}`
    : undefined;
  if (!failed) return;
  throw new StatusError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on pods "${target.name}": StorageError: invalid object, Code: 4, Key: /registry/pods/${target.namespace}/${target.name}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ${failed}`,
    { name: target.name, kind: "pods" },
  );
}

// podutil.UpdatePodCondition with PodScheduled=True: a new condition is stamped now; an existing
// one keeps its transition time when its status does not change, and loses reason and message.
function scheduled(conditions: unknown, now: Date): Loose[] {
  const list: Loose[] = Array.isArray(conditions) ? [...conditions] : [];
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const at = list.findIndex((c) => c?.type === "PodScheduled");
  const old = at === -1 ? undefined : list[at];
  const condition = {
    type: "PodScheduled",
    status: "True",
    lastProbeTime: null,
    lastTransitionTime: old?.status === "True" ? old.lastTransitionTime : stamp,
  };
  if (at === -1) list.push(condition);
  else list[at] = condition;
  return list;
}

function stringOr(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] =>
      typeof entry[1] === "string"
    ),
  );
}
