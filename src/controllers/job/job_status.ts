// A Job's status from its pods: counts, start and completion times, terminal conditions per minor.

import type { KubeObject } from "../../store/mod.ts";

/** A `JobCondition`. */
export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** What the status depends on. */
export interface JobCounts {
  readonly active: number;
  readonly ready: number;
  readonly succeeded: number;
  readonly complete: boolean;
  readonly now: string;
  readonly minor: number;
}

// pkg/controller/job: from 1.31 (JobSuccessPolicy beta) a finished Job first gets
// SuccessCriteriaMet, and Complete carries reason CompletionsReached with this message.
const COMPLETIONS_REACHED = "CompletionsReached";
const REACHED_MESSAGE = "Reached expected number of succeeded pods";

/**
 * The status upstream's Job controller writes (field order of batch/v1 JobStatus; active and
 * succeeded omitted at zero; `ready` always, `terminating` from 1.29 where
 * JobPodReplacementPolicy is on; `uncountedTerminatedPods` empty).
 */
export function jobStatus(job: KubeObject, counts: JobCounts): Record<string, unknown> {
  const previous = (job.status ?? {}) as {
    conditions?: JobCondition[];
    startTime?: string;
    completionTime?: string;
  };
  let conditions = previous.conditions ?? [];
  let completionTime = previous.completionTime;
  if (counts.complete && !conditions.some((c) => c.type === "Complete")) {
    const terminal = (type: string): JobCondition => ({
      type,
      status: "True",
      lastProbeTime: counts.now,
      lastTransitionTime: counts.now,
      ...(counts.minor >= 31 ? { reason: COMPLETIONS_REACHED, message: REACHED_MESSAGE } : {}),
    });
    conditions = counts.minor >= 31
      ? [...conditions, terminal("SuccessCriteriaMet"), terminal("Complete")]
      : [...conditions, terminal("Complete")];
    completionTime = counts.now;
  }
  const status: Record<string, unknown> = {};
  if (conditions.length > 0) status.conditions = conditions;
  status.startTime = previous.startTime ?? counts.now;
  if (completionTime) status.completionTime = completionTime;
  if (counts.active > 0) status.active = counts.active;
  if (counts.succeeded > 0) status.succeeded = counts.succeeded;
  if (counts.minor >= 29) status.terminating = 0;
  status.uncountedTerminatedPods = {};
  status.ready = counts.ready;
  return status;
}
