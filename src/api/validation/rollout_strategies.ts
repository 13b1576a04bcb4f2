// The rollout settings of apps/v1 workloads and the int-or-percent values they (and PDBs) carry.
//
// Source: k8s.io/kubernetes pkg/apis/apps/validation/validation.go (v1.36):
// `ValidateStatefulSetSpec`'s podManagementPolicy, updateStrategy and PVC retention checks,
// `ValidateDaemonSetSpec`'s tail and `ValidateDaemonSetUpdateStrategy`, `ValidateDeploymentStrategy`,
// `ValidatePositiveIntOrPercent`, `IsNotMoreThan100Percent`. They run on defaulted objects, so the
// defaults fill what these checks would call Required.

import {
  appendErrors,
  type FieldError,
  forbidden,
  type GoValue,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

/** An `intstr.IntOrString` as validation shows it. */
export function intOrStringValue(value: unknown): GoValue {
  const text = typeof value === "string";
  const go = `intstr.IntOrString{Type:${text ? 1 : 0}, IntVal:${
    text ? 0 : Number(value ?? 0)
  }, StrVal:${JSON.stringify(text ? value : "")}}`;
  return { go, json: value ?? 0 };
}

// validation.IsValidPercent.
const PERCENT = /^[0-9]+%$/;

/** `ValidatePositiveIntOrPercent`: a non-negative integer or a `N%` string. */
export function positiveIntOrPercent(value: unknown, path: string): FieldError[] {
  if (typeof value === "string") {
    return PERCENT.test(value) ? [] : [
      invalid(
        path,
        intOrStringValue(value),
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  }
  return typeof value === "number" && value < 0
    ? [invalid(path, value, "must be greater than or equal to 0")]
    : [];
}

/** `IsNotMoreThan100Percent`: a percentage above 100 % is Invalid. */
export function notMoreThan100Percent(value: unknown, path: string): FieldError[] {
  if (typeof value !== "string" || !PERCENT.test(value)) return [];
  return Number(value.slice(0, -1)) > 100
    ? [invalid(path, intOrStringValue(value), "must not be greater than 100%")]
    : [];
}

// getIntOrPercentValue: a valid percentage's number, else the integer (a bad string counts 0).
function intOrPercentValue(value: unknown): number {
  if (typeof value === "string") return PERCENT.test(value) ? Number(value.slice(0, -1)) : 0;
  return typeof value === "number" ? value : 0;
}

/** A StatefulSet's podManagementPolicy, updateStrategy and PVC retention policy (they come first). */
export function statefulSetPolicies(spec: Loose): FieldError[] {
  const errors: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (policy === "") errors.push(required("spec.podManagementPolicy"));
  else if (policy !== undefined && policy !== "OrderedReady" && policy !== "Parallel") {
    errors.push(
      invalid("spec.podManagementPolicy", String(policy), "must be 'OrderedReady' or 'Parallel'"),
    );
  }
  const strategy = spec.updateStrategy ?? {};
  const rolling = strategy.rollingUpdate ?? undefined;
  const type = strategy.type;
  if (type === "") errors.push(required("spec.updateStrategy"));
  else if (type === undefined) {
    // Defaulted to RollingUpdate with partition 0.
  } else if (type === "OnDelete") {
    if (rolling) {
      const go = `&apps.RollingUpdateStatefulSetStrategy{Partition:${
        Number(rolling.partition ?? 0)
      }, MaxUnavailable:(*intstr.IntOrString)(nil)}`;
      const json = {
        Partition: rolling.partition ?? 0,
        MaxUnavailable: rolling.maxUnavailable ?? null,
      };
      errors.push(
        invalid(
          "spec.updateStrategy.rollingUpdate",
          { go, json },
          "only allowed for updateStrategy 'RollingUpdate'",
        ),
      );
    }
  } else if (type === "RollingUpdate") {
    if (rolling) {
      const at = "spec.updateStrategy.rollingUpdate";
      if (typeof rolling.partition === "number" && rolling.partition < 0) {
        errors.push(
          invalid(`${at}.partition`, rolling.partition, "must be greater than or equal to 0"),
        );
      }
      const max = rolling.maxUnavailable;
      if (max !== undefined && max !== null) {
        appendErrors(errors, positiveIntOrPercent(max, `${at}.maxUnavailable`));
        if (intOrPercentValue(max) === 0) {
          errors.push(invalid(`${at}.maxUnavailable`, intOrStringValue(max), "cannot be 0"));
        }
        appendErrors(errors, notMoreThan100Percent(max, `${at}.maxUnavailable`));
      }
    }
  } else {
    const go = `apps.StatefulSetUpdateStrategy{Type:${
      JSON.stringify(String(type))
    }, RollingUpdate:nil}`;
    const json = { Type: type, RollingUpdate: rolling ?? null };
    errors.push(
      invalid("spec.updateStrategy", { go, json }, "must be 'RollingUpdate' or 'OnDelete'"),
    );
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const field of ["whenDeleted", "whenScaled"]) {
      const value = retention[field];
      if (value !== undefined && value !== "Retain" && value !== "Delete") {
        errors.push(
          notSupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, String(value), [
            "Retain",
            "Delete",
          ]),
        );
      }
    }
  }
  return errors;
}

/** A StatefulSet's minReadySeconds and ordinals.start, checked after its replicas. */
export function statefulSetCounts(spec: Loose): FieldError[] {
  return [
    ...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"),
    ...nonNegative(spec.ordinals?.start, "spec.ordinals.start"),
  ];
}

/** What a StatefulSet or DaemonSet template may not set (after the restartPolicy check). */
export function activeDeadlineForbidden(
  spec: Loose,
  kind: "StatefulSet" | "DaemonSet",
): FieldError[] {
  return spec.template?.spec?.activeDeadlineSeconds !== undefined &&
      spec.template?.spec?.activeDeadlineSeconds !== null
    ? [
      forbidden(
        "spec.template.spec.activeDeadlineSeconds",
        `activeDeadlineSeconds in ${kind} is not Supported`,
      ),
    ]
    : [];
}

/** The tail of `ValidateDaemonSetSpec`: counts, the update strategy, the history limit. */
export function daemonSetRollout(spec: Loose): FieldError[] {
  const errors = [
    ...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"),
    ...nonNegative(spec.templateGeneration, "spec.templateGeneration"),
  ];
  const strategy = spec.updateStrategy ?? {};
  const at = "spec.updateStrategy";
  if (strategy.type === "RollingUpdate") {
    // Defaulting fills a missing rollingUpdate (maxUnavailable 1, maxSurge 0); null stays.
    const rolling = strategy.rollingUpdate === undefined ? {} : strategy.rollingUpdate;
    if (!rolling) errors.push(required(`${at}.rollingUpdate`));
    else {
      const [unavailable, surge] = [rolling.maxUnavailable ?? 1, rolling.maxSurge ?? 0];
      appendErrors(errors, positiveIntOrPercent(unavailable, `${at}.rollingUpdate.maxUnavailable`));
      appendErrors(errors, positiveIntOrPercent(surge, `${at}.rollingUpdate.maxSurge`));
      appendErrors(
        errors,
        notMoreThan100Percent(unavailable, `${at}.rollingUpdate.maxUnavailable`),
      );
      appendErrors(errors, notMoreThan100Percent(surge, `${at}.rollingUpdate.maxSurge`));
      const [hasUnavailable, hasSurge] = [intOrPercentValue(unavailable), intOrPercentValue(surge)]
        .map((v) => v !== 0);
      if (hasUnavailable && hasSurge) {
        errors.push(
          invalid(
            `${at}.rollingUpdate.maxSurge`,
            intOrStringValue(surge),
            "may not be set when maxUnavailable is non-zero",
          ),
        );
      } else if (!hasUnavailable && !hasSurge) {
        errors.push(
          required(`${at}.rollingUpdate.maxUnavailable`, "cannot be 0 when maxSurge is 0"),
        );
      }
    }
  } else if (strategy.type !== "OnDelete" && strategy.type !== undefined) {
    const go = `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(String(strategy.type ?? ""))}}`;
    const json = {
      // Internal types carry no JSON tags: their Go names are the keys.
      Type: strategy.type ?? "",
      RollingUpdate: strategy.rollingUpdate ?? null,
    };
    errors.push(notSupported(at, { go, json }, ["RollingUpdate", "OnDelete"]));
  }
  appendErrors(errors, nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return errors;
}

/** `ValidateDeploymentStrategy` (between the template and minReadySeconds). */
export function deploymentStrategy(spec: Loose): FieldError[] {
  const strategy = spec.strategy ?? {};
  const at = "spec.strategy";
  if (strategy.type === "Recreate") {
    return strategy.rollingUpdate
      ? [
        forbidden(`${at}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"),
      ]
      : [];
  }
  // Defaulting makes a missing strategy RollingUpdate with 25 % each way.
  if (strategy.type === undefined) return [];
  if (strategy.type === "RollingUpdate") {
    const rolling = strategy.rollingUpdate === undefined ? {} : strategy.rollingUpdate;
    if (!rolling) {
      return [required(`${at}.rollingUpdate`, "this should be defaulted and never be nil")];
    }
    const [unavailable, surge] = [rolling.maxUnavailable ?? "25%", rolling.maxSurge ?? "25%"];
    const errors = [
      ...positiveIntOrPercent(unavailable, `${at}.rollingUpdate.maxUnavailable`),
      ...positiveIntOrPercent(surge, `${at}.rollingUpdate.maxSurge`),
    ];
    if (intOrPercentValue(unavailable) === 0 && intOrPercentValue(surge) === 0) {
      errors.push(
        invalid(
          `${at}.rollingUpdate.maxUnavailable`,
          intOrStringValue(unavailable),
          "may not be 0 when `maxSurge` is 0",
        ),
      );
    }
    appendErrors(errors, notMoreThan100Percent(unavailable, `${at}.rollingUpdate.maxUnavailable`));
    return errors;
  }
  const go = `apps.DeploymentStrategy{Type:${JSON.stringify(String(strategy.type ?? ""))}}`;
  const json = {
    Type: strategy.type ?? "",
    RollingUpdate: strategy.rollingUpdate ?? null,
  };
  return [notSupported(at, { go, json }, ["Recreate", "RollingUpdate"])];
}

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === "number" && value < 0
    ? [invalid(path, value, "must be greater than or equal to 0")]
    : [];
}
