// apps/v1 workloads: selectors, templates, rollout settings, immutable fields (kubernetes v1.36).
//
// Sources: k8s.io/kubernetes pkg/apis/apps/validation/validation.go (`ValidateDeploymentSpec`,
// `ValidateReplicaSetSpec`, `ValidateDaemonSetSpec`, `ValidateStatefulSetSpec`,
// `ValidateStatefulSetUpdate`), pkg/registry/apps/*/strategy.go (the selector is immutable in
// apps/v1). Jobs and CronJobs are batch_jobs.ts's.

import {
  appendErrors,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import { labelSelectorValue, type LooseSelector, stringMapValue } from "./go_value.ts";
import {
  isEmptySelector,
  selectorConverts,
  selectorMatches,
  validateLabelSelector,
} from "./label_selector.ts";
import { validatePodTemplate, validatePodTemplateMetadata } from "./pod_spec.ts";
import {
  activeDeadlineForbidden,
  daemonSetRollout,
  deploymentStrategy,
  statefulSetCounts,
  statefulSetPolicies,
} from "./rollout_strategies.ts";
import { deepEqual } from "./deep_equal.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** The detail of a selector that does not select its template's labels. */
export const MISMATCH = "`selector` does not match template `labels`";

/** How a workload kind checks its selector against its template. */
interface WorkloadShape {
  /** The kind named in "empty selector is invalid for <x>". */
  readonly emptyName: string;
  /** Whether a missing selector is `Required` (DaemonSets only skip the check). */
  readonly requireSelector: boolean;
}

/** The workload kinds, by storage key. */
export const WORKLOADS: Readonly<Record<string, WorkloadShape>> = {
  "apps/deployments": { emptyName: "deployment", requireSelector: true },
  // ValidateReplicaSetSpec says "deployment" too.
  "apps/replicasets": { emptyName: "deployment", requireSelector: true },
  "apps/daemonsets": { emptyName: "daemonset", requireSelector: false },
  "apps/statefulsets": { emptyName: "statefulset", requireSelector: true },
};

/** The spec checks of a Deployment, ReplicaSet, DaemonSet or StatefulSet. */
export function validateWorkloadSpec(key: string, object: Loose, minor: number): FieldError[] {
  const shape = WORKLOADS[key];
  const spec = object.spec ?? {};
  const errors: FieldError[] = key === "apps/statefulsets" ? statefulSetPolicies(spec) : [];
  appendErrors(errors, nonNegative(spec.replicas, "spec.replicas"));
  if (key === "apps/statefulsets") appendErrors(errors, statefulSetCounts(spec));
  if (key === "apps/replicasets") {
    appendErrors(errors, nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  }
  const selector: LooseSelector | undefined = spec.selector ?? undefined;
  if (!selector && shape.requireSelector) errors.push(required("spec.selector"));
  if (selector) {
    appendErrors(errors, validateLabelSelector(selector, minor, "spec.selector"));
    if (key !== "apps/daemonsets" && isEmptySelector(selector)) {
      errors.push(
        invalid(
          "spec.selector",
          labelSelectorValue(selector),
          `empty selector is invalid for ${shape.emptyName}`,
        ),
      );
    }
  }
  const template = spec.template ?? {};
  const labels = template.metadata?.labels;
  const converts = selectorConverts(selector);
  // An empty selector is labels.Everything (Empty(): not compared); a missing one labels.Nothing.
  if (converts && !selectorMatches(selector, labels)) {
    errors.push(invalid("spec.template.metadata.labels", stringMapValue(labels), MISMATCH));
  } else if (!converts && key !== "apps/daemonsets") {
    // LabelSelectorAsSelector failed: the template is not validated (StatefulSets say nothing).
    const detail = key === "apps/statefulsets" ? "" : "invalid label selector";
    errors.push(invalid("spec.selector", labelSelectorValue(selector), detail));
  }
  if (key === "apps/daemonsets" && selector && isEmptySelector(selector)) {
    errors.push(
      invalid(
        "spec.selector",
        labelSelectorValue(selector),
        "empty selector is invalid for daemonset",
      ),
    );
  }
  if (key === "apps/statefulsets") {
    // ValidatePodTemplateSpecForStatefulSet checks the template's labels and annotations only.
    if (converts) {
      appendErrors(errors, validatePodTemplateMetadata(template, minor, "spec.template"));
    }
  } else if (converts || key === "apps/daemonsets") {
    appendErrors(errors, validatePodTemplate(template, minor, "spec.template"));
  }
  const restart = template.spec?.restartPolicy;
  const restartChecked = key !== "apps/deployments" && key !== "apps/replicasets" || converts;
  if (restartChecked && restart !== undefined && restart !== "Always") {
    errors.push(notSupported("spec.template.spec.restartPolicy", String(restart), ["Always"]));
  }
  if (key === "apps/statefulsets") {
    appendErrors(errors, activeDeadlineForbidden(spec, "StatefulSet"));
  }
  if (key === "apps/daemonsets") {
    errors.push(...activeDeadlineForbidden(spec, "DaemonSet"), ...daemonSetRollout(spec));
  }
  if (key === "apps/deployments") {
    appendErrors(errors, deploymentStrategy(spec));
    appendErrors(errors, nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
    appendErrors(errors, nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
    const deadline = spec.progressDeadlineSeconds;
    if (typeof deadline === "number") {
      appendErrors(errors, nonNegative(deadline, "spec.progressDeadlineSeconds"));
      if (deadline <= (typeof spec.minReadySeconds === "number" ? spec.minReadySeconds : 0)) {
        errors.push(
          invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"),
        );
      }
    }
  }
  return errors;
}

/** What an update of a workload may not change: the selector (apps/v1), most of a StatefulSet's spec. */
export function validateWorkloadUpdate(
  key: string,
  object: Loose,
  old: Loose,
  minor: number,
): FieldError[] {
  const errors: FieldError[] = [];
  if (key === "apps/statefulsets") {
    const mutable = statefulSetMutableFields(minor);
    const rest = (spec: Loose) =>
      Object.fromEntries(Object.entries(spec ?? {}).filter(([k]) => !mutable.fields.includes(k)));
    if (!deepEqual(rest(object.spec), rest(old.spec), true)) {
      errors.push(forbidden("spec", mutable.message));
    }
    return errors;
  }
  if (!deepEqual(object.spec?.selector, old.spec?.selector)) {
    errors.push(
      invalid("spec.selector", labelSelectorValue(object.spec?.selector), "field is immutable"),
    );
  }
  return errors;
}

// ValidateStatefulSetUpdate: the fields an update may change and the message naming them; v1.33
// made revisionHistoryLimit mutable and named it.
function statefulSetMutableFields(minor: number) {
  const fields = [
    "replicas",
    "ordinals",
    "template",
    "updateStrategy",
    ...(minor >= 33 ? ["revisionHistoryLimit"] : []),
    "persistentVolumeClaimRetentionPolicy",
    "minReadySeconds",
  ];
  const quoted = fields.slice(0, -1).map((f) => `'${f}'`).join(", ");
  return {
    fields,
    message:
      `updates to statefulset spec for fields other than ${quoted} and 'minReadySeconds' are forbidden`,
  };
}

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === "number" && value < 0
    ? [invalid(path, value, "must be greater than or equal to 0")]
    : [];
}
