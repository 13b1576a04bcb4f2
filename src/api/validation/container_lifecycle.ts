// A container's lifecycle hooks (postStart, preStop), an init container's restart policy, host port conflicts.
//
// Source: k8s.io/kubernetes pkg/apis/core/validation/validation.go at v1.33.1 (`validateLifecycle`,
// `validateHandler` with `handlerFromLifecycle`, `validateSleepAction`,
// `validateInitContainerRestartPolicy`, `AccumulateUniqueHostPorts`). A sleep of zero seconds is
// allowed from 1.33, where the PodLifecycleSleepActionAllowZero gate turned on (beta). The stop
// signal (ContainerStopSignals, alpha in 1.33) is dropped by kube-apiserver with its gate off, so
// it is not checked here.

import { validateHandler } from "./container_checks.ts";
import {
  appendErrors,
  duplicate,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
} from "./field_error.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// handlerFromLifecycle: a lifecycle handler has no grpc.
const HOOK_HANDLERS = ["exec", "httpGet", "tcpSocket", "sleep"] as const;

/** `validateLifecycle`: each hook has one valid handler; a sleep fits in the grace period. */
export function validateLifecycle(
  lifecycle: unknown,
  gracePeriod: number | undefined,
  minor: number,
  path: string,
): FieldError[] {
  if (!isObject(lifecycle)) return [];
  const errors: FieldError[] = [];
  const sleep = (action: Loose, at: string) => sleepErrors(action, gracePeriod, minor, at);
  for (const hook of ["postStart", "preStop"] as const) {
    if (!isObject(lifecycle[hook])) continue;
    appendErrors(errors, validateHandler(lifecycle[hook], `${path}.${hook}`, HOOK_HANDLERS, sleep));
  }
  return errors;
}

// validateSleepAction; no grace period (an invalid one is reported elsewhere) means no check.
function sleepErrors(
  action: Loose,
  gracePeriod: number | undefined,
  minor: number,
  path: string,
): FieldError[] {
  if (gracePeriod === undefined) return [];
  const seconds = typeof action.seconds === "number" ? action.seconds : 0;
  if (minor >= 33) {
    if (seconds >= 0 && seconds <= gracePeriod) return [];
    return [invalid(
      path,
      seconds,
      `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`,
    )];
  }
  if (seconds > 0 && seconds <= gracePeriod) return [];
  const hint = minor >= 32
    ? ". Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."
    : "";
  return [invalid(
    path,
    seconds,
    `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})${hint}`,
  )];
}

// supportedContainerRestartPolicies (ContainerRestartRules, beta and on from 1.35), sorted.
const CONTAINER_RESTART_POLICIES = ["Always", "Never", "OnFailure"];

/**
 * An init container's `restartPolicy` (`validateInitContainerRestartPolicy`): Always only up to
 * 1.34; from 1.35 (ContainerRestartRules) any container restart policy. Answers whether the
 * container is a restartable (sidecar) one.
 */
export function initRestartPolicy(
  container: Loose,
  minor: number,
  path: string,
  errors: FieldError[],
): boolean {
  const policy = container?.restartPolicy;
  if (policy === undefined || policy === null) return false;
  if (policy === "Always") return true;
  const supported = minor >= 35 ? CONTAINER_RESTART_POLICIES : ["Always"];
  if (!supported.includes(policy)) {
    errors.push(notSupported(`${path}.restartPolicy`, String(policy), supported));
  }
  return false;
}

/**
 * A regular container's `restartPolicy`: Forbidden up to 1.34; from 1.35 one of the container
 * restart policies (`validateContainerRestartPolicy`).
 */
export function containerRestartPolicy(
  container: Loose,
  minor: number,
  path: string,
): FieldError[] {
  const policy = container?.restartPolicy;
  if (policy === undefined || policy === null) return [];
  if (minor < 35) {
    return [forbidden(`${path}.restartPolicy`, "may not be set for non-init containers")];
  }
  return CONTAINER_RESTART_POLICIES.includes(policy)
    ? []
    : [notSupported(`${path}.restartPolicy`, String(policy), CONTAINER_RESTART_POLICIES)];
}

/** What an init container that is not a sidecar may not set: lifecycle hooks and probes. */
export function forbidOutsideSidecars(container: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]) {
    if (isObject(container?.[field])) {
      errors.push(
        forbidden(
          `${path}.${field}`,
          "may not be set for init containers without restartPolicy=Always",
        ),
      );
    }
  }
  return errors;
}

/**
 * `AccumulateUniqueHostPorts`: a host port (per protocol and host IP) used twice among
 * `containers` is a Duplicate `<protocol>/<hostIP>/<port>` at the second use.
 */
export function hostPortConflicts(
  containers: readonly Loose[],
  path: string,
  seen = new Set<string>(),
): FieldError[] {
  const errors: FieldError[] = [];
  for (let i = 0; i < containers.length; i++) {
    const container = containers[i];
    const ports: Loose[] = Array.isArray(container?.ports) ? container.ports : [];
    for (let j = 0; j < ports.length; j++) {
      const port = ports[j];
      const hostPort = typeof port?.hostPort === "number" ? port.hostPort : 0;
      if (hostPort === 0) continue;
      const key = `${text(port.protocol)}/${text(port.hostIP)}/${hostPort}`;
      if (seen.has(key)) errors.push(duplicate(`${path}[${i}].ports[${j}].hostPort`, key));
      else seen.add(key);
    }
  }
  return errors;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function isObject(value: unknown): value is Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
