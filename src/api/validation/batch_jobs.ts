// batch/v1 Jobs and CronJobs: counts, completion mode, schedules, templates, immutable fields
// (kubernetes v1.36).
//
// Source: k8s.io/kubernetes pkg/apis/batch/validation/validation.go (`validateJobSpec`,
// `ValidateJobSpecUpdate`, `ValidateCronJobCreate`, `validateCronJobSpec`,
// `validateConcurrencyPolicy`).

import { knownTimeZone, parseCronSchedule } from "../../cron/mod.ts";
import {
  appendErrors,
  type FieldError,
  type GoValue,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import { internalJson } from "./internal_json.ts";
import { maxLenError } from "./formats.ts";
import { labelSelectorValue, stringMapValue } from "./go_value.ts";
import { selectorConverts, selectorMatches, validateLabelSelector } from "./label_selector.ts";
import { validatePodTemplate } from "./pod_spec.ts";
import { deepEqual } from "./deep_equal.ts";
import { MISMATCH } from "./workloads.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** `ValidateJobSpecUpdate`: the selector and (but for a few scheduling fields) the template are fixed. */
export function validateJobUpdate(job: Loose, old: Loose, minor: number): FieldError[] {
  const errors: FieldError[] = [];
  const spec = job.spec ?? {};
  const before = old.spec ?? {};
  if (!deepEqual(spec.selector, before.selector)) {
    errors.push(invalid("spec.selector", labelSelectorValue(spec.selector), "field is immutable"));
  }
  appendErrors(errors, validateTemplateUpdate(spec, old, minor));
  for (
    const field of [
      "completionMode",
      "podFailurePolicy",
      "backoffLimitPerIndex",
      "managedBy",
      "successPolicy",
    ]
  ) {
    if (spec[field] !== undefined && !deepEqual(spec[field], before[field])) {
      const value = spec[field];
      const shown = typeof value === "string" || typeof value === "number"
        ? value
        : { go: JSON.stringify(value), json: value };
      errors.push(invalid(`spec.${field}`, shown, "field is immutable"));
    }
  }
  return errors;
}

/**
 * `validatePodTemplateUpdate` with the options the Job strategy derives (`validationOptionsForJob`):
 * a suspended Job that has not started may change its scheduling directives, labels and
 * annotations; from v1.36 (MutablePodResourcesForSuspendedJobs, beta) one with no active pods
 * may also change container resources, and the rest of its pod spec is then compared alone.
 */
function validateTemplateUpdate(spec: Loose, old: Loose, minor: number): FieldError[] {
  const before = old.spec ?? {};
  const template = spec.template ?? {};
  const suspended = before.suspend === true;
  const status = old.status ?? {};
  const notStarted = status.startTime === undefined || status.startTime === null;
  // shouldAllowMutablePodTemplate (v1.36): suspended, not started or marked Suspended, no pods.
  const mutableTemplate = suspended &&
    (notStarted || hasTrueCondition(status.conditions, "Suspended")) && !status.active;
  const mutableScheduling = minor >= 36 ? mutableTemplate : suspended && notStarted;
  const oldTemplate = mutableScheduling
    ? withSchedulingOf(template, before.template ?? {})
    : before.template;
  if (!suspended || minor < 36 || !mutableTemplate) {
    if (deepEqual(template, oldTemplate, true)) return [];
    const value = internalJson("core.PodTemplateSpec", template, minor);
    return [invalid("spec.template", goValue("core.PodTemplateSpec", value), "field is immutable")];
  }
  // validatePodResourceUpdatesOnly: the old spec with the new containers' resources.
  const podSpec = template.spec ?? {};
  const oldSpec = { ...oldTemplate?.spec };
  for (const list of ["containers", "initContainers"]) {
    const now = podSpec[list];
    const was = oldSpec[list];
    if (!Array.isArray(now) || !Array.isArray(was) || now.length !== was.length) continue;
    oldSpec[list] = was.map((container: Loose, i: number) =>
      container?.name === now[i]?.name ? { ...container, resources: now[i]?.resources } : container
    );
  }
  if (deepEqual(podSpec, oldSpec, true)) return [];
  const value = internalJson("core.PodSpec", podSpec, minor);
  // The path is built with Child("template.spec"): one step whose name holds the dot.
  return [invalid("spec.template.spec", goValue("core.PodSpec", value), "field is immutable")];
}

// The old template with the new one's node affinity, node selector, tolerations, scheduling
// gates, labels and annotations (what the comparison then ignores).
function withSchedulingOf(template: Loose, old: Loose): Loose {
  const spec = template.spec ?? {};
  const oldSpec = { ...old.spec };
  const affinity = spec.affinity;
  if (!affinity && oldSpec.affinity) {
    const { nodeAffinity: _, ...rest } = oldSpec.affinity;
    oldSpec.affinity = Object.keys(rest).some((k) => rest[k] != null) ? rest : undefined;
  } else if (affinity && !oldSpec.affinity) {
    oldSpec.affinity = { nodeAffinity: affinity.nodeAffinity };
  } else if (affinity && oldSpec.affinity) {
    oldSpec.affinity = { ...oldSpec.affinity, nodeAffinity: affinity.nodeAffinity };
  }
  oldSpec.nodeSelector = spec.nodeSelector;
  oldSpec.tolerations = spec.tolerations;
  oldSpec.schedulingGates = spec.schedulingGates;
  const metadata = {
    ...old.metadata,
    labels: template.metadata?.labels,
    annotations: template.metadata?.annotations,
  };
  return { ...old, metadata, spec: oldSpec };
}

function hasTrueCondition(conditions: unknown, type: string): boolean {
  return Array.isArray(conditions) &&
    conditions.some((c: Loose) => c?.type === type && c?.status === "True");
}

// Before v1.34 validation printed the struct with `%#v`, which fkas does not reproduce.
function goValue(type: string, json: unknown): GoValue {
  return { go: `${type}{...}`, json };
}

/**
 * `ValidateJob` past metadata: counts, the pod template, a restartPolicy of OnFailure or Never,
 * and a given selector matching the template. A missing selector is left alone: the Job strategy
 * generates it (with the template labels) before validation upstream.
 */
export function validateJob(job: Loose, minor: number): FieldError[] {
  const spec = job.spec ?? {};
  const errors = validateJobTemplateSpec(spec, minor, "spec");
  if (spec.selector) {
    appendErrors(errors, validateLabelSelector(spec.selector, minor, "spec.selector"));
    if (
      selectorConverts(spec.selector) &&
      !selectorMatches(spec.selector, spec.template?.metadata?.labels)
    ) {
      const labels = spec.template?.metadata?.labels;
      errors.push(invalid("spec.template.metadata.labels", stringMapValue(labels), MISMATCH));
    }
  }
  return errors;
}

/**
 * `ValidateCronJobCreate`'s name limit, its schedule (robfig/cron's parse, no `TZ=` in it), then
 * its job template as `validateJobSpec`.
 */
export function validateCronJob(cronJob: Loose, minor: number): FieldError[] {
  const spec = cronJob.spec ?? {};
  return [
    ...validateCronJobName(cronJob),
    ...validateSchedule(spec.schedule),
    ...nonNegative(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"),
    ...validateTimeZone(spec.timeZone),
    ...concurrencyPolicy(spec.concurrencyPolicy),
    ...validateJobTemplateSpec(spec.jobTemplate?.spec ?? {}, minor, "spec.jobTemplate.spec"),
    ...nonNegative(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"),
    ...nonNegative(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"),
  ];
}

// validateTimeZone: a name Go's time.LoadLocation finds (the runtime's zone database here), never
// `Local`.
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;
function validateTimeZone(timeZone: unknown): FieldError[] {
  const at = "spec.timeZone";
  if (typeof timeZone !== "string") return [];
  if (timeZone === "") return [invalid(at, timeZone, "timeZone must be nil or non-empty string")];
  const unknown = invalid(at, timeZone, `unknown time zone ${timeZone}`);
  for (const part of timeZone.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !TIME_ZONE_PART.test(part)) {
      return [unknown];
    }
  }
  if (timeZone.toLowerCase() === "local") {
    return [
      invalid(
        at,
        timeZone,
        "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
      ),
      // LoadLocation("Local") succeeds; another case of it is no zone file.
      ...(timeZone === "Local" ? [] : [unknown]),
    ];
  }
  return knownTimeZone(timeZone) ? [] : [unknown];
}

// validateConcurrencyPolicy (defaulted to Allow, so empty only when sent as "").
function concurrencyPolicy(policy: unknown): FieldError[] {
  const at = "spec.concurrencyPolicy";
  if (policy === undefined || policy === "Allow" || policy === "Forbid" || policy === "Replace") {
    return [];
  }
  return policy === "" ? [required(at)] : [
    notSupported(at, String(policy), ["Allow", "Forbid", "Replace"]),
  ];
}

// validateScheduleFormat (an empty schedule is Required; TZ belongs in spec.timeZone).
function validateSchedule(schedule: unknown): FieldError[] {
  const at = "spec.schedule";
  if (typeof schedule !== "string" || schedule === "") return [required(at)];
  const errors: FieldError[] = [];
  const parse = parseCronSchedule(schedule);
  if ("error" in parse) errors.push(invalid(at, schedule, parse.error));
  if (schedule.includes("TZ")) {
    errors.push(
      invalid(at, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"),
    );
  }
  return errors;
}

// validateJobSpec: counts, the template, and a restart policy a Job can run with.
function validateJobTemplateSpec(spec: Loose, minor: number, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit"]) {
    appendErrors(errors, nonNegative(spec[field], `${path}.${field}`));
  }
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null) {
    if (mode !== "NonIndexed" && mode !== "Indexed") {
      errors.push(notSupported(`${path}.completionMode`, String(mode), ["NonIndexed", "Indexed"]));
    }
    if (mode === "Indexed" && (spec.completions === undefined || spec.completions === null)) {
      errors.push(required(`${path}.completions`, "when completion mode is Indexed"));
    }
  }
  appendErrors(errors, validatePodTemplate(spec.template ?? {}, minor, `${path}.template`));
  const restart = spec.template?.spec?.restartPolicy ?? "";
  const at = `${path}.template.spec.restartPolicy`;
  // SetDefaults_PodSpec turns an empty policy into Always: both are Required upstream.
  if (restart === "" || restart === "Always") {
    errors.push(required(at, 'valid values: "OnFailure", "Never"'));
  } else if (restart !== "OnFailure" && restart !== "Never") {
    errors.push(notSupported(at, String(restart), ["OnFailure", "Never"]));
  }
  return errors;
}

/** `ValidateCronJob`'s name limit: 52 characters leave room for the Job's suffix. */
export function validateCronJobName(cronJob: Loose): FieldError[] {
  const name = typeof cronJob.metadata?.name === "string" ? cronJob.metadata.name : "";
  return name.length > 52 ? [invalid("metadata.name", name, maxLenError(52))] : [];
}

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === "number" && value < 0
    ? [invalid(path, value, "must be greater than or equal to 0")]
    : [];
}
