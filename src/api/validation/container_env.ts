// A container's environment: `env` (names, `valueFrom` sources) and `envFrom` (kubernetes v1.33).
//
// Source: k8s.io/kubernetes pkg/apis/core/validation/validation.go at v1.33.1 (`ValidateEnv`,
// `validateEnvVarValueFrom`, `validateObjectFieldSelector`, `validateContainerResourceFieldSelector`,
// `validateContainerResourceDivisor`, `validateConfigMapKeySelector`, `validateSecretKeySelector`,
// `ValidateEnvFrom`, `validateConfigMapEnvSource`, `validateSecretEnvSource`) and
// pkg/apis/core/pods/helpers.go `ConvertDownwardAPIFieldLabel`. Names are checked relaxed (printable
// ASCII but '=') from 1.32, where the RelaxedEnvironmentVariableValidation gate turned on (beta).

import { appendErrors, type FieldError, invalid, notSupported, required } from "./field_error.ts";
import {
  isConfigMapKey,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isRelaxedEnvVarName,
} from "./formats.ts";
import { parseQuantity, quantityString } from "./quantities.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// validEnvDownwardAPIFieldPathExpressions, as sets.List sorts them.
const ENV_FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];
// ConvertDownwardAPIFieldLabel's labels (spec.host is the old name of spec.nodeName).
const DOWNWARD_LABELS = new Set([
  "metadata.annotations",
  "metadata.labels",
  ...ENV_FIELD_PATHS,
  "spec.restartPolicy",
  "spec.schedulerName",
  "status.phase",
]);
// validContainerResourceFieldPathExpressions, sorted.
const RESOURCE_FIELDS = [
  "limits.cpu",
  "limits.ephemeral-storage",
  "limits.memory",
  "requests.cpu",
  "requests.ephemeral-storage",
  "requests.memory",
];
const HUGE_PAGES_PREFIXES = ["limits.hugepages-", "requests.hugepages-"];
const BYTE_DIVISORS = new Set(
  ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"],
);
const BYTE_DIVISORS_TEXT = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";

/** `ValidateEnv`: each variable's name and `valueFrom`. */
export function validateEnv(env: unknown, minor: number, path: string): FieldError[] {
  if (!Array.isArray(env)) return [];
  const errors: FieldError[] = [];
  env.forEach((variable: Loose, i) => {
    const at = `${path}[${i}]`;
    const name = stringOf(variable?.name);
    if (!name) errors.push(required(`${at}.name`));
    else for (const m of envVarName(name, minor)) errors.push(invalid(`${at}.name`, name, m));
    appendErrors(errors, valueFrom(variable, minor, `${at}.valueFrom`));
  });
  return errors;
}

/** `ValidateEnvFrom`: the prefix, and exactly one of configMapRef and secretRef. */
export function validateEnvFrom(sources: unknown, minor: number, path: string): FieldError[] {
  if (!Array.isArray(sources)) return [];
  const errors: FieldError[] = [];
  sources.forEach((source: Loose, i) => {
    const at = `${path}[${i}]`;
    const prefix = stringOf(source?.prefix);
    if (prefix) {
      for (const m of envVarName(prefix, minor)) errors.push(invalid(`${at}.prefix`, prefix, m));
    }
    let count = 0;
    for (const ref of ["configMapRef", "secretRef"] as const) {
      if (!isObject(source?.[ref])) continue;
      count++;
      const name = stringOf(source[ref].name);
      if (!name) errors.push(required(`${at}.${ref}.name`));
      else {for (const m of isDNS1123Subdomain(name)) {
          errors.push(invalid(`${at}.${ref}.name`, name, m));
        }}
    }
    // Reported at the list, not the item, as upstream does.
    if (count === 0) {
      errors.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    } else if (count > 1) {
      errors.push(invalid(path, "", "may not have more than one field specified at a time"));
    }
  });
  return errors;
}

function envVarName(name: string, minor: number): string[] {
  return minor >= 32 ? isRelaxedEnvVarName(name) : isEnvVarName(name);
}

// validateEnvVarValueFrom.
function valueFrom(variable: Loose, minor: number, path: string): FieldError[] {
  const from = variable?.valueFrom;
  if (!isObject(from)) return [];
  const errors: FieldError[] = [];
  let count = 0;
  if (isObject(from.fieldRef)) {
    count++;
    appendErrors(errors, fieldRef(from.fieldRef, minor, `${path}.fieldRef`));
  }
  if (isObject(from.resourceFieldRef)) {
    count++;
    appendErrors(errors, resourceFieldRef(from.resourceFieldRef, `${path}.resourceFieldRef`));
  }
  for (const ref of ["configMapKeyRef", "secretKeyRef"] as const) {
    if (!isObject(from[ref])) continue;
    count++;
    const name = stringOf(from[ref].name);
    for (const m of isDNS1123Subdomain(name)) errors.push(invalid(`${path}.${ref}.name`, name, m));
    const key = stringOf(from[ref].key);
    if (!key) errors.push(required(`${path}.${ref}.key`));
    else for (const m of isConfigMapKey(key)) errors.push(invalid(`${path}.${ref}.key`, key, m));
  }
  // fileKeyRef (EnvFiles, beta and on from 1.35) is a source; 1.34 names it already.
  if (minor >= 35 && isObject(from.fileKeyRef)) count++;
  if (count === 0) {
    errors.push(invalid(
      path,
      "",
      minor >= 34
        ? "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"
        : "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
    ));
  } else if (stringOf(variable.value)) {
    errors.push(invalid(path, "", "may not be specified when `value` is not empty"));
  } else if (count > 1) {
    errors.push(invalid(path, "", "may not have more than one field specified at a time"));
  }
  return errors;
}

// validateObjectFieldSelector with the env's field paths.
function fieldRef(ref: Loose, minor: number, path: string): FieldError[] {
  // SetDefaults_ObjectFieldSelector sets an empty apiVersion to v1 before validation.
  const apiVersion = stringOf(ref.apiVersion) || "v1";
  const fieldPath = stringOf(ref.fieldPath);
  if (!fieldPath) return [required(`${path}.fieldPath`)];
  const converted = convertFieldLabel(apiVersion, fieldPath);
  if (converted.error) {
    return [
      invalid(`${path}.fieldPath`, fieldPath, `error converting fieldPath: ${converted.error}`),
    ];
  }
  const subscripted = splitSubscript(converted.label);
  if (subscripted) {
    const [base, subscript] = subscripted;
    if (base === "metadata.annotations" || base === "metadata.labels") {
      const key = base === "metadata.annotations" ? subscript.toLowerCase() : subscript;
      return isQualifiedName(key, minor).map((m) => invalid(path, key, m));
    }
    return [invalid(path, base, "does not support subscript")];
  }
  if (!ENV_FIELD_PATHS.includes(converted.label)) {
    return [notSupported(`${path}.fieldPath`, converted.label, ENV_FIELD_PATHS)];
  }
  return [];
}

function convertFieldLabel(version: string, label: string): { label: string; error?: string } {
  if (version !== "v1") return { label, error: `unsupported pod version: ${version}` };
  const subscripted = splitSubscript(label);
  if (subscripted) {
    return subscripted[0] === "metadata.annotations" || subscripted[0] === "metadata.labels"
      ? { label }
      : { label, error: `field label does not support subscript: ${label}` };
  }
  if (label === "spec.host") return { label: "spec.nodeName" };
  return DOWNWARD_LABELS.has(label)
    ? { label }
    : { label, error: `field label not supported: ${label}` };
}

// fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']`.
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const inner = fieldPath.slice(0, -2);
  const at = inner.indexOf("['");
  if (at <= 0) return undefined;
  return [inner.slice(0, at), inner.slice(at + 2)];
}

// validateContainerResourceFieldSelector (not a volume: no containerName required) and the divisor.
function resourceFieldRef(ref: Loose, path: string): FieldError[] {
  const resource = stringOf(ref.resource);
  const errors: FieldError[] = [];
  if (!resource) errors.push(required(`${path}.resource`));
  else if (
    !RESOURCE_FIELDS.includes(resource) && !HUGE_PAGES_PREFIXES.some((p) => resource.startsWith(p))
  ) errors.push(notSupported(`${path}.resource`, resource, RESOURCE_FIELDS));
  const divisor = typeof ref.divisor === "string" || typeof ref.divisor === "number"
    ? String(ref.divisor)
    : undefined;
  const value = divisor === undefined ? undefined : parseQuantity(divisor);
  // An unset or zero divisor is not checked (Cmp with the zero Quantity).
  if (value === undefined || value.mantissa === 0n) return errors;
  const shown = quantityString(divisor!);
  const bad = (kind: string, allowed: string) =>
    errors.push(invalid(
      `${path}.divisor`,
      resource,
      `only divisor's values ${allowed} are supported with the ${kind} resource`,
    ));
  if (resource === "limits.cpu" || resource === "requests.cpu") {
    if (shown !== "1m" && shown !== "1") bad("cpu", "1m and 1");
  } else if (resource === "limits.memory" || resource === "requests.memory") {
    if (!BYTE_DIVISORS.has(shown)) bad("memory", BYTE_DIVISORS_TEXT);
  } else if (resource === "limits.ephemeral-storage" || resource === "requests.ephemeral-storage") {
    if (!BYTE_DIVISORS.has(shown)) bad("local ephemeral storage", BYTE_DIVISORS_TEXT);
  }
  if (HUGE_PAGES_PREFIXES.some((p) => resource.startsWith(p)) && !BYTE_DIVISORS.has(shown)) {
    bad("hugepages", BYTE_DIVISORS_TEXT);
  }
  return errors;
}

function isObject(value: unknown): value is Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
