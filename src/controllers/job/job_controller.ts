// The Job controller: runs pods until enough have succeeded, then marks the Job complete.

import { type KubeObject, kubeTimestamp, type StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { withStatus } from "../status_write.ts";
import { controlledObjects, controllerOf, createWithGeneratedName } from "../controlled_objects.ts";
import { kubernetesMinor } from "../../api/version/mod.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { controllerRef, podFromTemplate, type PodTemplate } from "../pod_template/mod.ts";
import { isPodActive, isPodReady, podStatus } from "../scheduling/mod.ts";
import { jobStatus } from "./job_status.ts";

const PODS = "pods";
const JOBS = "batch/jobs";

/** The parts of a Job the controller reads. */
interface JobSpec {
  completions?: number | null;
  parallelism?: number;
  suspend?: boolean;
  template?: PodTemplate;
}

/**
 * Keeps `min(parallelism, completions - succeeded)` pods active (the fake kubelets complete
 * them), counts successes (never down: pods removed after succeeding stay counted, as upstream's
 * finalizer-based tracking ensures), and marks the Job Complete when completions are reached (a
 * Job without completions when one pod succeeded and none is active); after pkg/controller/job.
 * Failures, backoff, deadlines, indexed completion and pod failure policies are not modelled.
 */
export class JobController {
  constructor(private readonly context: ControllerContext) {}

  /** Queues every existing Job at start-up. */
  sync(resource: string, object: KubeObject): void {
    if (resource === JOBS) {
      this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
    }
  }

  /** Queues a Job when it or one of its pods changes. */
  observe(change: StoreChange): void {
    const { object } = change;
    if (change.resource === JOBS) {
      if (change.type !== "DELETED") {
        this.#enqueue(object.metadata.namespace ?? "", object.metadata.name ?? "");
      }
      return;
    }
    if (change.resource !== PODS) return;
    const owner = controllerOf(object);
    if (owner?.kind === "Job") this.#enqueue(object.metadata.namespace ?? "", owner.name);
  }

  #enqueue(namespace: string, name: string): void {
    this.context.queue.add(
      `job/${namespace}/${name}`,
      () => this.#reconcile(namespace, name),
      true,
    );
  }

  #reconcile(namespace: string, name: string): void {
    const { store, options } = this.context;
    const jobs = options.resources(JOBS);
    const pods = options.resources(PODS);
    const job = jobs && store.get(jobs, namespace, name);
    if (!jobs || !pods || !job || job.metadata.deletionTimestamp) return;
    const spec = (job.spec ?? {}) as JobSpec;
    const finished = ((job.status as { conditions?: { type: string }[] } | undefined)?.conditions ??
      []).some((c) => c.type === "Complete" || c.type === "Failed");
    if (finished || spec.suspend) return;
    const owned = controlledObjects(this.context, job.metadata.uid ?? "", PODS);
    const counted = owned.filter((p) => podStatus(p).phase === "Succeeded").length;
    const succeeded = Math.max(
      counted,
      (job.status as { succeeded?: number } | undefined)?.succeeded ?? 0,
    );
    let active = owned.filter(isPodActive);
    const completions = spec.completions ?? undefined;
    const parallelism = spec.parallelism ?? 1;
    const complete = completions === undefined
      ? succeeded > 0 && active.length === 0
      : succeeded >= completions;
    if (!complete) {
      const wanted = completions === undefined
        ? (succeeded > 0 ? 0 : parallelism)
        : Math.min(parallelism, completions - succeeded);
      const owner = controllerRef(job, "batch/v1", "Job");
      for (let i = active.length; i < wanted; i++) {
        createWithGeneratedName(this.context, PODS, () =>
          podFromTemplate({
            template: spec.template ?? {},
            namespace,
            owner,
            random: options.random ?? Math.random,
          }));
      }
      active = controlledObjects(this.context, job.metadata.uid ?? "", PODS).filter(isPodActive);
    }
    const current = store.get(jobs, namespace, name);
    if (!current) return;
    const status = jobStatus(current, {
      active: active.length,
      ready: active.filter(isPodReady).length,
      succeeded,
      complete,
      now: kubeTimestamp(options.now()),
      minor: kubernetesMinor(options.kubernetesVersion?.()) ?? 0,
    });
    if (JSON.stringify(status) === JSON.stringify(current.status ?? {})) return;
    writeIgnoringRace(() => store.update(jobs, withStatus(this.context, jobs, current, status)));
  }
}
