// The CronJob controller: a Job per scheduled time, on timers from the injected clock.

import { type KubeObject, kubeTimestamp, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { controlledObjects, controllerOf } from "../controlled_objects.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { controllerRef } from "../pod_template/mod.ts";
import { latestRunDue, nextRun, parseCronSchedule, rfc3339In, timeZone } from "../../cron/mod.ts";

const CRON_JOBS = "batch/cronjobs";
const JOBS = "batch/jobs";
/** The annotation a scheduled Job carries (batch/v1 CronJobScheduledTimestampAnnotation). */
const SCHEDULED_AT = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/** The parts of a CronJob the controller reads. */
interface CronJobSpec {
  schedule?: string;
  suspend?: boolean;
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
  timeZone?: string;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: object;
  };
}

/**
 * At each scheduled minute (a timer from `options.setTimer`, none while suspended) creates
 * Job `<name>-<minutes since epoch>` from the jobTemplate, honouring concurrencyPolicy Forbid and
 * Replace; keeps `status.active`, `lastScheduleTime`, `lastSuccessfulTime`, and the history
 * limits, after pkg/controller/cronjob. Only the latest missed time runs (as upstream when several
 * were missed), and none older than `startingDeadlineSeconds` (`mostRecentScheduleTime`); the
 * schedule reads in `spec.timeZone` (UTC when unset) and the Job's scheduled-timestamp annotation
 * is written in it (utils.go `getJobFromTemplate2`).
 */
export class CronJobController {
  readonly #timers = new Map<string, () => void>();

  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing CronJob at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === CRON_JOBS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues a CronJob when it or one of its Jobs changes. */
  observe(change: StoreChange): void {
    const { object } = change;
    const namespace = object.metadata.namespace ?? "";
    if (change.resource === CRON_JOBS) {
      const name = object.metadata.name ?? "";
      if (change.type === "DELETED") this.#cancel(`${namespace}/${name}`);
      else this.#enqueue(namespace, name);
      return;
    }
    if (change.resource !== JOBS) return;
    const owner = controllerOf(object);
    if (owner?.kind === "CronJob") this.#enqueue(namespace, owner.name);
  }

  /** Cancels the timers. */
  stop(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `cronjob/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #cancel(key: string): void {
    this.#timers.get(key)?.();
    this.#timers.delete(key);
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const cronJobs = options.resources(CRON_JOBS);
    const jobs = options.resources(JOBS);
    const cronJob = cronJobs && store.get(cronJobs, namespace, name);
    const key = `${namespace}/${name}`;
    this.#cancel(key);
    if (!cronJobs || !jobs || !cronJob || cronJob.metadata.deletionTimestamp) return;
    const spec = (cronJob.spec ?? {}) as CronJobSpec;
    const parsed = parseCronSchedule(spec.schedule ?? "");
    if ("error" in parsed) return;
    const { schedule } = parsed;
    // `TZ=<spec.timeZone> <schedule>`: an unknown zone schedules nothing (UnknownTimeZone); unset,
    // kube-controller-manager's own zone, UTC here.
    const zone = timeZone(spec.timeZone ?? "");
    if (!zone) return;
    const inZone = zone.name === "" ? undefined : zone;
    const now = options.now();
    const status = { ...(cronJob.status as Record<string, unknown> | undefined) };
    let last = new Date(
      String(status.lastScheduleTime ?? cronJob.metadata.creationTimestamp ?? now.toISOString()),
    );
    // mostRecentScheduleTime: nothing older than startingDeadlineSeconds is scheduled any more.
    const deadline = spec.startingDeadlineSeconds;
    if (typeof deadline === "number" && deadline >= 0) {
      const earliest = new Date(now.getTime() - deadline * 1000);
      if (earliest > last) last = earliest;
    }
    let owned = controlledObjects(this.context, cronJob.metadata.uid ?? "", JOBS);
    const finished = (job: KubeObject) =>
      ((job.status as { conditions?: { type: string; status: string }[] } | undefined)
        ?.conditions ?? [])
        .find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True")?.type;
    // The latest scheduled time in (last, now], if any.
    const due = latestRunDue(schedule, last, now, inZone);
    if (due && !spec.suspend) {
      const active = owned.filter((j) => !finished(j));
      const policy = spec.concurrencyPolicy ?? "Allow";
      if (policy === "Replace") {
        for (const job of active) {
          writeIgnoringRace(() =>
            store.delete(jobs, namespace, job.metadata.name ?? "", {
              preconditions: { uid: job.metadata.uid },
            })
          );
        }
      }
      if (policy !== "Forbid" || active.length === 0) {
        const template = spec.jobTemplate ?? {};
        const jobName = `${name}-${Math.floor(due.getTime() / 60_000)}`;
        writeIgnoringRace(() =>
          store.create(jobs, {
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: {
              name: jobName,
              namespace,
              ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
              annotations: {
                ...template.metadata?.annotations,
                [SCHEDULED_AT]: rfc3339In(due!.getTime(), zone),
              },
              ownerReferences: [controllerRef(cronJob, "batch/v1", "CronJob")],
            },
            spec: template.spec ?? {},
          })
        );
        status.lastScheduleTime = kubeTimestamp(due);
      }
      owned = controlledObjects(this.context, cronJob.metadata.uid ?? "", JOBS);
    }
    this.#pruneHistory(owned, spec, finished);
    const active = owned.filter((j) => !finished(j)).map((j) => ({
      apiVersion: "batch/v1",
      kind: "Job",
      name: j.metadata.name,
      namespace,
      resourceVersion: j.metadata.resourceVersion,
      uid: j.metadata.uid,
    }));
    const successes = owned.filter((j) => finished(j) === "Complete")
      .map((j) => (j.status as { completionTime?: string }).completionTime ?? "").sort();
    const next: Record<string, unknown> = {};
    if (active.length > 0) next.active = active;
    if (status.lastScheduleTime) next.lastScheduleTime = status.lastScheduleTime;
    const lastSuccess = successes.at(-1) || status.lastSuccessfulTime;
    if (lastSuccess) next.lastSuccessfulTime = lastSuccess;
    if (JSON.stringify(next) !== JSON.stringify(cronJob.status ?? {})) {
      writeIgnoringRace(() => store.update(cronJobs, { ...cronJob, status: next }));
    }
    const upcoming = spec.suspend ? undefined : nextRun(schedule, now, inZone);
    if (upcoming && options.setTimer) {
      this.#timers.set(
        key,
        options.setTimer(Math.max(0, upcoming.getTime() - now.getTime()), () => {
          this.#timers.delete(key);
          this.#enqueue(namespace, name);
        }),
      );
    }
  }

  // successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1): the oldest finished Jobs go.
  #pruneHistory(
    owned: KubeObject[],
    spec: CronJobSpec,
    finished: (job: KubeObject) => string | undefined,
  ): void {
    const jobs = this.context.options.resources(JOBS)!;
    const limits: [string, number][] = [
      ["Complete", spec.successfulJobsHistoryLimit ?? 3],
      ["Failed", spec.failedJobsHistoryLimit ?? 1],
    ];
    for (const [type, limit] of limits) {
      const done = owned.filter((j) => finished(j) === type)
        .sort((a, b) =>
          (a.metadata.creationTimestamp ?? "") < (b.metadata.creationTimestamp ?? "") ? -1 : 1
        );
      for (const job of done.slice(0, Math.max(0, done.length - limit))) {
        writeIgnoringRace(() =>
          this.context.store.delete(jobs, job.metadata.namespace, job.metadata.name ?? "", {
            preconditions: { uid: job.metadata.uid },
          })
        );
      }
    }
  }
}
