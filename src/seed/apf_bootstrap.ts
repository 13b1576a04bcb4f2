// kube-apiserver's API priority-and-fairness defaults of a minor, read from the generated table.
//
// The `priority-and-fairness-config-producer` post-start hook (k8s.io/kubernetes
// pkg/registry/flowcontrol/rest) creates k8s.io/apiserver's suggested and mandatory
// PriorityLevelConfigurations and FlowSchemas, each annotated `apf.kubernetes.io/autoupdate-spec:
// "true"`, through flowcontrol/v1; the APF config controller then applies each FlowSchema's
// `Dangling` condition (k8s.io/apiserver pkg/util/flowcontrol/apf_controller.go). Specs and
// annotations are parsed once per minor and shared, frozen, by every cluster of that minor; a
// FlowSchema's status is shared by every cluster seeded in the same second.

import { deepFreeze } from "../encoding/mod.ts";
import { type KubeObject, kubeTimestamp } from "../store/mod.ts";
import { APF_BOOTSTRAP_BY_MINOR, APF_BOOTSTRAP_OBJECTS } from "./apf_bootstrap_table.ts";
import { kubernetesMinor } from "../api/version/mod.ts";

/** The group/version the producer writes (and kube-apiserver prefers) from 1.29 on. */
export const APF_API_VERSION = "flowcontrol.apiserver.k8s.io/v1";
/** The annotation that lets kube-apiserver keep a default object's spec up to date. */
export const APF_AUTOUPDATE_ANNOTATION = "apf.kubernetes.io/autoupdate-spec";
const DEFAULT_MINOR = 33;

/** The minors the table covers, ascending. */
export const APF_BOOTSTRAP_MINORS: readonly number[] = Object.keys(APF_BOOTSTRAP_BY_MINOR)
  .map(Number).sort((a, b) => a - b);

interface Compact {
  readonly kind: "FlowSchema" | "PriorityLevelConfiguration";
  readonly name: string;
  readonly spec: { readonly priorityLevelConfiguration?: { readonly name: string } };
}

const AUTOUPDATE = deepFreeze({ [APF_AUTOUPDATE_ANNOTATION]: "true" });
// PriorityLevelConfigurationStatus has no condition kube-apiserver sets: `status: {}`.
const EMPTY_STATUS = deepFreeze({});
const parsed = new Map<number, readonly Compact[]>();
// A FlowSchema's status per priority level and second; cleared when full (seeding moves forward).
const MAX_STATUSES = 1_024;
const statuses = new Map<string, Readonly<Record<string, unknown>>>();

/** The minor whose defaults a version gets: its own, else the nearest older one, else the oldest. */
export function apfMinor(kubernetesVersion: string): number {
  const minor = kubernetesMinor(kubernetesVersion) ?? DEFAULT_MINOR;
  return APF_BOOTSTRAP_MINORS.filter((m) => m <= minor).pop() ?? APF_BOOTSTRAP_MINORS[0];
}

/**
 * The PriorityLevelConfigurations and FlowSchemas of the version's minor in the order the post-start
 * hook creates them, as they read once the config controller has seen them (`now`): every
 * FlowSchema's priority level exists, so its `Dangling` condition is `False`/`Found`.
 */
export function renderApfBootstrap(kubernetesVersion: string, now: Date): KubeObject[] {
  const time = kubeTimestamp(now);
  return compactObjects(apfMinor(kubernetesVersion)).map((compact) => ({
    apiVersion: APF_API_VERSION,
    kind: compact.kind,
    metadata: { name: compact.name, annotations: AUTOUPDATE },
    spec: compact.spec,
    status: compact.kind === "FlowSchema"
      ? flowSchemaStatus(compact.spec.priorityLevelConfiguration?.name ?? "", time)
      : EMPTY_STATUS,
  }));
}

function compactObjects(minor: number): readonly Compact[] {
  let objects = parsed.get(minor);
  if (!objects) {
    objects = APF_BOOTSTRAP_BY_MINOR[minor].split(" ").map((index) =>
      deepFreeze(JSON.parse(APF_BOOTSTRAP_OBJECTS[Number(index)]) as Compact)
    );
    parsed.set(minor, objects);
  }
  return objects;
}

// apf_controller.go presyncFlowSchemaStatus: the condition for a priority level that exists.
function flowSchemaStatus(priorityLevel: string, time: string): Readonly<Record<string, unknown>> {
  const key = `${priorityLevel}\u0000${time}`;
  let status = statuses.get(key);
  if (!status) {
    if (statuses.size >= MAX_STATUSES) statuses.clear();
    status = deepFreeze({
      conditions: [{
        type: "Dangling",
        status: "False",
        lastTransitionTime: time,
        reason: "Found",
        message: `This FlowSchema references the PriorityLevelConfiguration object named ${
          JSON.stringify(priorityLevel)
        } and it exists`,
      }],
    });
    statuses.set(key, status);
  }
  return status;
}
