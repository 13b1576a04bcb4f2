// A container's resources, probes and security context (kubernetes v1.33).
//
// Sources: k8s.io/kubernetes pkg/apis/core/validation/validation.go
// `ValidateContainerResourceRequirements` (`validateResourceRequirements`,
// `validateContainerResourceName`, `ValidateResourceQuantityValue`), `validateLivenessProbe`,
// `validateReadinessProbe`, `validateStartupProbe`, `validateProbe`, `validateHandler`,
// `validateHTTPGetAction`, `ValidatePortNumOrName`, `ValidateSecurityContext`; names from
// pkg/apis/core/helper (`standardResources`, `standardContainerResources`, `IsOvercommitAllowed`,
// `IsExtendedResourceName`). Defaulted probe fields (a handler's scheme and path, thresholds)
// are checked only when set.

import {
  appendErrors,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import { isHTTPHeaderName, isPortName, isPortNumber, isQualifiedName } from "./formats.ts";
import {
  compareQuantities,
  isNegativeQuantity,
  isWholeQuantity,
  quantityString,
} from "./quantities.ts";
import { validateLocalDescendingPath } from "./volumes.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const NEGATIVE = "must be greater than or equal to 0";
const ID_RANGE = "must be between 0 and 2147483647, inclusive";
// helper.standardResources (IsStandardResourceName, hugepages- aside).
const STANDARD_RESOURCES = new Set([
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "resourcequotas",
  "services",
  "replicationcontrollers",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "storage",
  "requests.storage",
  "services.nodeports",
  "services.loadbalancers",
]);
const CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
// The probe handlers in validateHandler's order (a probe has no sleep).
const PROBE_HANDLERS: readonly HandlerKind[] = ["exec", "httpGet", "tcpSocket", "grpc"];
const HTTP_SCHEMES = ["HTTP", "HTTPS"];
const SECCOMP_TYPES = ["Localhost", "RuntimeDefault", "Unconfined"];

/** `ValidateContainerResourceRequirements`: names, non-negative values, requests within limits. */
export function validateResources(resources: Loose, minor: number, path: string): FieldError[] {
  const limits = objectOf(resources?.limits), requests = objectOf(resources?.requests);
  const errors: FieldError[] = [];
  let cpuOrMemory = false, hugePages = false;
  for (const name in limits) {
    const at = `${path}.limits[${name}]`;
    resourceName(name, at, minor, errors);
    quantityValue(name, limits[name], at, errors);
    if (name.startsWith("hugepages-")) hugePages = true;
    if (name === "cpu" || name === "memory") cpuOrMemory = true;
  }
  for (const name in requests) {
    const quantity = requests[name];
    const at = `${path}.requests[${name}]`;
    resourceName(name, at, minor, errors);
    quantityValue(name, quantity, at, errors);
    const limit = limits[name];
    if (typeof limit === "string" && typeof quantity === "string") {
      const order = compareQuantities(quantity, limit);
      if (order !== 0 && order !== undefined && !overcommitAllowed(name)) {
        errors.push(invalid(
          `${path}.requests`,
          quantityString(quantity),
          `must be equal to ${name} limit of ${quantityString(limit)}`,
        ));
      } else if (order === 1) {
        errors.push(invalid(
          `${path}.requests`,
          quantityString(quantity),
          `must be less than or equal to ${name} limit of ${quantityString(limit)}`,
        ));
      }
    } else if (limit === undefined && !overcommitAllowed(name)) {
      errors.push(required(`${path}.limits`, "Limit must be set for non overcommitable resources"));
    }
    if (name.startsWith("hugepages-")) hugePages = true;
    if (name === "cpu" || name === "memory") cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errors.push(forbidden(path, "HugePages require cpu or memory"));
  return errors;
}

// validateContainerResourceName over validateResourceName.
function resourceName(name: string, path: string, minor: number, errors: FieldError[]): void {
  if (CONTAINER_RESOURCES.has(name)) return;
  const own = isQualifiedName(name, minor).map((m) => invalid(path, name, m));
  const bare = !name.includes("/");
  if (own.length === 0 && bare && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
    own.push(invalid(path, name, "must be a standard resource type or fully qualified"));
  }
  if (bare) {
    if (!isHugePages(name)) {
      own.push(invalid(path, name, "must be a standard resource for containers"));
    }
  } else if (!native(name) && !extended(name, minor)) {
    own.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  appendErrors(errors, own);
}

// ValidateResourceQuantityValue: not negative; whole for extended resources.
function quantityValue(name: string, quantity: unknown, path: string, errors: FieldError[]): void {
  if (typeof quantity !== "string") return;
  if (isNegativeQuantity(quantity)) errors.push(invalid(path, quantityString(quantity), NEGATIVE));
  if (extendedNameOnly(name) && !isWholeQuantity(quantity)) {
    errors.push(invalid(path, quantityString(quantity), "must be an integer"));
  }
}

function isHugePages(name: string): boolean {
  return name.startsWith("hugepages-");
}

function native(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

function overcommitAllowed(name: string): boolean {
  return native(name) && !isHugePages(name);
}

function extended(name: string, minor: number): boolean {
  if (native(name) || name.startsWith("requests.")) return false;
  return isQualifiedName(`requests.${name}`, minor).length === 0;
}

// IsExtendedResourceName without the qualified-name check (already reported on the name).
function extendedNameOnly(name: string): boolean {
  return !native(name) && !name.startsWith("requests.");
}

/** The three probes of a regular container, each with `validateProbe` and its own rule. */
export function validateProbes(container: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const liveness = objectOrUndefined(container?.livenessProbe);
  if (liveness) {
    appendErrors(errors, validateProbe(liveness, `${path}.livenessProbe`));
    appendErrors(errors, mustBeOne(liveness, `${path}.livenessProbe`));
  }
  const readiness = objectOrUndefined(container?.readinessProbe);
  if (readiness) {
    appendErrors(errors, validateProbe(readiness, `${path}.readinessProbe`));
    if (readiness.terminationGracePeriodSeconds !== undefined) {
      errors.push(invalid(
        `${path}.readinessProbe.terminationGracePeriodSeconds`,
        readiness.terminationGracePeriodSeconds,
        "must not be set for readinessProbes",
      ));
    }
  }
  const startup = objectOrUndefined(container?.startupProbe);
  if (startup) {
    appendErrors(errors, validateProbe(startup, `${path}.startupProbe`));
    appendErrors(errors, mustBeOne(startup, `${path}.startupProbe`));
  }
  return errors;
}

// successThreshold defaults to 1; a liveness or startup probe may not raise it.
function mustBeOne(probe: Loose, path: string): FieldError[] {
  const threshold = probe.successThreshold;
  if (typeof threshold !== "number" || threshold === 1) return [];
  return [invalid(`${path}.successThreshold`, threshold, "must be 1")];
}

function validateProbe(probe: Loose, path: string): FieldError[] {
  const errors = validateHandler(probe, path);
  for (
    const field of [
      "initialDelaySeconds",
      "timeoutSeconds",
      "periodSeconds",
      "successThreshold",
      "failureThreshold",
    ]
  ) {
    const value = probe[field];
    if (typeof value === "number" && value < 0) {
      errors.push(invalid(`${path}.${field}`, value, NEGATIVE));
    }
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === "number" && grace <= 0) {
    errors.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, "must be greater than 0"));
  }
  return errors;
}

/** The handler fields of a probe or a lifecycle hook, in validateHandler's order. */
export type HandlerKind = "exec" | "httpGet" | "tcpSocket" | "grpc" | "sleep";

/**
 * `validateHandler`: exactly one handler of `kinds`; the first set counts, later ones are
 * Forbidden. `sleep` checks a sleep action (lifecycle hooks only).
 */
export function validateHandler(
  probe: Loose,
  path: string,
  kinds: readonly HandlerKind[] = PROBE_HANDLERS,
  sleep?: (action: Loose, path: string) => FieldError[],
): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const handler of kinds) {
    const action = objectOrUndefined(probe[handler]);
    if (!action) continue;
    const at = `${path}.${handler}`;
    if (count > 0) {
      errors.push(forbidden(at, "may not specify more than 1 handler type"));
      continue;
    }
    count++;
    if (handler === "exec") {
      if (!Array.isArray(action.command) || action.command.length === 0) {
        errors.push(required(`${at}.command`));
      }
    } else if (handler === "httpGet") {
      if (action.path === "") errors.push(required(`${at}.path`));
      appendErrors(errors, portNumOrName(action.port, `${at}.port`));
      if (typeof action.scheme === "string" && !HTTP_SCHEMES.includes(action.scheme)) {
        errors.push(notSupported(`${at}.scheme`, action.scheme, HTTP_SCHEMES));
      }
      for (const header of Array.isArray(action.httpHeaders) ? action.httpHeaders : []) {
        const name = typeof header?.name === "string" ? header.name : "";
        for (const m of isHTTPHeaderName(name)) errors.push(invalid(`${at}.httpHeaders`, name, m));
      }
    } else if (handler === "sleep") appendErrors(errors, sleep?.(action, at) ?? []);
    else appendErrors(errors, portNumOrName(action.port, `${at}.port`));
  }
  if (count === 0) errors.push(required(path, "must specify a handler type"));
  return errors;
}

// ValidatePortNumOrName: an IntOrString port.
function portNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === "number") return isPortNumber(port).map((m) => invalid(path, port, m));
  const name = typeof port === "string" ? port : "";
  return isPortName(name).map((m) => invalid(path, name, m));
}

/**
 * `ValidateSecurityContext` of a container, for what a cluster without nodes can judge: user and
 * group IDs, procMount, the seccomp profile. (Its rules that print the whole context struct with
 * `%#v` show Go pointer addresses up to v1.33, which no one can reproduce: not checked.)
 */
export function validateSecurityContext(
  context: Loose,
  hostUsers: boolean,
  path: string,
): FieldError[] {
  if (!context || typeof context !== "object") return [];
  const errors: FieldError[] = [];
  for (const field of ["runAsUser", "runAsGroup"]) {
    const id = context[field];
    if (typeof id === "number" && (id < 0 || id > 2147483647)) {
      errors.push(invalid(`${path}.${field}`, id, ID_RANGE));
    }
  }
  const procMount = context.procMount;
  if (typeof procMount === "string") {
    if (procMount !== "Default" && procMount !== "Unmasked") {
      errors.push(notSupported(`${path}.procMount`, procMount, ["Default", "Unmasked"]));
    }
    if (hostUsers && procMount === "Unmasked") {
      errors.push(
        invalid(`${path}.procMount`, procMount, "`hostUsers` must be false to use `Unmasked`"),
      );
    }
  }
  appendErrors(errors, seccompProfile(context.seccompProfile, `${path}.seccompProfile`));
  return errors;
}

// validateSeccompProfileField: a known type; a Localhost profile names a relative file.
function seccompProfile(profile: Loose, path: string): FieldError[] {
  if (!profile || typeof profile !== "object") return [];
  const errors: FieldError[] = [];
  const type = typeof profile.type === "string" ? profile.type : "";
  if (type === "") {
    errors.push(required(`${path}.type`, "type is required when seccompProfile is set"));
  } else if (!SECCOMP_TYPES.includes(type)) {
    errors.push(notSupported(`${path}.type`, type, SECCOMP_TYPES));
  }
  if (type === "Localhost") {
    const local = profile.localhostProfile;
    if (typeof local !== "string") {
      errors.push(
        required(`${path}.localhostProfile`, "must be set when seccomp type is Localhost"),
      );
    } else appendErrors(errors, validateLocalDescendingPath(local, `${path}.localhostProfile`));
  }
  return errors;
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

function objectOrUndefined(value: unknown): Loose {
  return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}
