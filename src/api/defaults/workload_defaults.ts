// SetDefaults_* of apps/v1 and batch/v1 as data: k8s.io/kubernetes pkg/apis/{apps,batch}/v1/defaults.go.
//
// Checked against v1.29.6–v1.36.3. Release differences are feature gates: StatefulSetAutoDeletePVC
// (the retention policy, beta and on since 1.27), JobPodReplacementPolicy (beta and on since 1.29,
// GA 1.34), MaxUnavailableStatefulSet (off by default through 1.36: no maxUnavailable default).

import type { StructDefaults } from "./defaults_walker.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const spec = (object: Loose): Loose =>
  object.spec && typeof object.spec === "object" ? object.spec : (object.spec = {});

/** apps/v1 and batch/v1 structs' defaulting, by struct reference. */
export const WORKLOAD_DEFAULTS: Readonly<Record<string, StructDefaults>> = {
  "apps.v1.Deployment": {
    apply: (deployment) => {
      const s = spec(deployment);
      s.replicas ??= 1;
      const strategy = s.strategy ??= {};
      strategy.type ||= "RollingUpdate";
      if (strategy.type === "RollingUpdate") {
        const rolling = strategy.rollingUpdate ??= {};
        rolling.maxUnavailable ??= "25%";
        rolling.maxSurge ??= "25%";
      }
      s.revisionHistoryLimit ??= 10;
      s.progressDeadlineSeconds ??= 600;
    },
  },
  "apps.v1.DaemonSet": {
    apply: (daemonSet) => {
      const s = spec(daemonSet);
      const strategy = s.updateStrategy ??= {};
      strategy.type ||= "RollingUpdate";
      if (strategy.type === "RollingUpdate") {
        const rolling = strategy.rollingUpdate ??= {};
        rolling.maxUnavailable ??= 1;
        rolling.maxSurge ??= 0;
      }
      s.revisionHistoryLimit ??= 10;
    },
  },
  "apps.v1.StatefulSet": {
    apply: (statefulSet) => {
      const s = spec(statefulSet);
      s.podManagementPolicy ||= "OrderedReady";
      const strategy = s.updateStrategy ??= {};
      if (!strategy.type) {
        strategy.type = "RollingUpdate";
        strategy.rollingUpdate ??= {};
      }
      if (strategy.type === "RollingUpdate" && strategy.rollingUpdate) {
        strategy.rollingUpdate.partition ??= 0;
      }
      const retention = s.persistentVolumeClaimRetentionPolicy ??= {};
      retention.whenDeleted ||= "Retain";
      retention.whenScaled ||= "Retain";
      s.replicas ??= 1;
      s.revisionHistoryLimit ??= 10;
    },
  },
  "apps.v1.ReplicaSet": { apply: (replicaSet) => void (spec(replicaSet).replicas ??= 1) },
  "batch.v1.Job": {
    apply: (job) => {
      const s = spec(job);
      if (s.completions == null && s.parallelism == null) s.completions = 1;
      s.parallelism ??= 1;
      s.backoffLimit ??= s.backoffLimitPerIndex != null ? 2147483647 : 6;
      const labels = s.template?.metadata?.labels;
      const own = job.metadata?.labels;
      if (labels && typeof labels === "object" && (!own || Object.keys(own).length === 0)) {
        job.metadata.labels = { ...labels };
      }
      s.completionMode ??= "NonIndexed";
      s.suspend ??= false;
      s.podReplacementPolicy ??= s.podFailurePolicy != null ? "Failed" : "TerminatingOrFailed";
      s.manualSelector ??= false;
    },
  },
  "batch.v1.PodFailurePolicyOnPodConditionsPattern": { fill: { status: "True" } },
  "batch.v1.CronJob": {
    apply: (cronJob) => {
      const s = spec(cronJob);
      s.concurrencyPolicy ||= "Allow";
      s.suspend ??= false;
      s.successfulJobsHistoryLimit ??= 3;
      s.failedJobsHistoryLimit ??= 1;
    },
  },
};
