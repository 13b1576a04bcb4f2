// podResizeStrategy's PrepareForUpdate: a `pods/<name>/resize` write keeps the stored pod and takes
// only its containers' `resources` and `resizePolicy` from the body (init containers too; the
// pod-level `resources` from 1.36, InPlacePodLevelResourcesVerticalScaling). Source:
// k8s.io/kubernetes v1.36.3 pkg/registry/core/pod/strategy.go `dropNonResizeUpdates`.

import type { KubeObject } from "../store/mod.ts";
import { atLeastMinor } from "./cluster_minor.ts";
import { storedPodWithSpec } from "./pod_with_spec.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/**
 * The pod a resize of `current` with the body `incoming` stores; a body that adds, removes,
 * renames or reorders containers is kept as sent, for validation to refuse.
 */
export function resizedPod(
  incoming: KubeObject,
  current: KubeObject,
  kubernetesVersion: string | undefined,
): KubeObject {
  const sent = (incoming as Loose).spec ?? {};
  const stored = (current as Loose).spec ?? {};
  const containers = resizedContainers(sent.containers, stored.containers);
  const inits = resizedContainers(sent.initContainers, stored.initContainers);
  if (containers === undefined || inits === undefined) return incoming;
  const spec = { ...stored };
  if (containers !== null) spec.containers = containers;
  if (inits !== null) spec.initContainers = inits;
  if (atLeastMinor(kubernetesVersion ?? "", 36)) {
    if (sent.resources === undefined) delete spec.resources;
    else spec.resources = sent.resources;
  }
  return storedPodWithSpec(current, incoming, spec);
}

// The stored containers with the sent ones' resources and resize policies; `undefined` when the
// lists differ in length or names, `null` when the body sends none (Go's nil slice).
function resizedContainers(sent: unknown, stored: unknown): Loose[] | null | undefined {
  const now: Loose[] = Array.isArray(sent) ? sent : [];
  const was: Loose[] = Array.isArray(stored) ? stored : [];
  if (now.length !== was.length) return undefined;
  if (now.length === 0) return null;
  const out: Loose[] = [];
  for (let i = 0; i < was.length; i++) {
    if (now[i]?.name !== was[i]?.name) return undefined;
    const container = { ...was[i], resources: now[i]?.resources ?? {} };
    if (now[i]?.resizePolicy === undefined) delete container.resizePolicy;
    else container.resizePolicy = now[i].resizePolicy;
    out.push(container);
  }
  return out;
}
