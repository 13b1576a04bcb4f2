// Pod specs and pod templates: volumes, containers (names, images, ports, env, mounts, resources,
// lifecycle hooks, probes, security contexts), policies, DNS config, tolerations, host aliases
// (kubernetes v1.33).
//
// Sources: k8s.io/kubernetes pkg/apis/core/validation/validation.go `ValidatePodTemplateSpec`,
// `ValidatePodSpec`, `validateContainers` (names, host port conflicts, restartPolicy),
// `validateInitContainers`, `validateContainerCommon`, `validateContainerPorts`. Fields the
// defaulter fills (terminationMessagePolicy, imagePullPolicy, a port's protocol, restartPolicy,
// dnsPolicy) are checked only when set, so validation holds with or without defaults.

import {
  appendErrors,
  duplicate,
  type FieldError,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import {
  isDNS1123Label,
  isLabelValue,
  isPortName,
  isPortNumber,
  isQualifiedName,
} from "./formats.ts";
import { validateAnnotations, validateLabels } from "./object_meta.ts";
import { validateProbes, validateResources, validateSecurityContext } from "./container_checks.ts";
import { validateVolumeMounts, validateVolumes } from "./volumes.ts";
import { validateAffinity } from "./affinity.ts";
import { validateHostAliases, validatePodDNSConfig } from "./pod_dns.ts";
import { validateEnv, validateEnvFrom } from "./container_env.ts";
import {
  containerRestartPolicy,
  forbidOutsideSidecars,
  hostPortConflicts,
  initRestartPolicy,
  validateLifecycle,
} from "./container_lifecycle.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// supportedPortProtocols, as sets.List sorts them.
const PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"];
const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
/** validateTaintEffect's supported values, shared with Node taints. */
export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** `ValidatePodTemplateSpec`: the template's labels and annotations (at `<path>.labels`), then its spec. */
export function validatePodTemplate(template: Loose, minor: number, path: string): FieldError[] {
  return [
    ...validatePodTemplateMetadata(template, minor, path),
    ...validatePodSpec(template?.spec ?? {}, minor, `${path}.spec`),
  ];
}

/** A template's labels and annotations, reported at `<path>.labels` and `<path>.annotations`. */
export function validatePodTemplateMetadata(
  template: Loose,
  minor: number,
  path: string,
): FieldError[] {
  const metadata = template?.metadata ?? {};
  return [
    ...validateLabels(metadata.labels, minor, `${path}.labels`),
    ...validateAnnotations(metadata.annotations, minor, `${path}.annotations`),
  ];
}

/** `ValidatePodSpec`, for what fkas checks of it. */
export function validatePodSpec(spec: Loose, minor: number, path: string): FieldError[] {
  const containers: Loose[] = Array.isArray(spec.containers) ? spec.containers : [];
  const { names: volumes, errors } = validateVolumes(spec.volumes, `${path}.volumes`);
  // hostUsers defaults to true: only an explicit false makes a user namespace.
  const hostUsers = spec.securityContext?.hostUsers !== false;
  const gracePeriod = typeof spec.terminationGracePeriodSeconds === "number"
    ? spec.terminationGracePeriodSeconds
    : undefined;
  const pod = { volumes, hostUsers, minor, gracePeriod };
  if (containers.length === 0) errors.push(required(`${path}.containers`));
  const names = new Set<string>();
  for (let i = 0; i < containers.length; i++) {
    const container = containers[i];
    const at = `${path}.containers[${i}]`;
    appendErrors(errors, validateContainer(container, pod, at));
    const name = stringOf(container?.name);
    if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
    else names.add(name);
    appendErrors(
      errors,
      validateLifecycle(container?.lifecycle, gracePeriod, minor, `${at}.lifecycle`),
    );
    appendErrors(errors, validateProbes(container, at));
    appendErrors(errors, containerRestartPolicy(container, minor, at));
  }
  appendErrors(errors, hostPortConflicts(containers, `${path}.containers`));
  const inits: Loose[] = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  for (let i = 0; i < inits.length; i++) {
    const container = inits[i];
    const at = `${path}.initContainers[${i}]`;
    appendErrors(errors, validateContainer(container, pod, at));
    const sidecar = initRestartPolicy(container, minor, at, errors);
    const name = stringOf(container?.name);
    if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
    else if (name) names.add(name);
    // Init containers run one by one: each is checked alone, reported as item 0 (upstream passes
    // a one-container slice).
    appendErrors(errors, hostPortConflicts([container], `${path}.initContainers`));
    if (sidecar) {
      appendErrors(
        errors,
        validateLifecycle(container.lifecycle, gracePeriod, minor, `${at}.lifecycle`),
      );
      appendErrors(errors, validateProbes(container, at));
    } else appendErrors(errors, forbidOutsideSidecars(container, at));
  }
  appendErrors(errors, oneOf(spec.restartPolicy, RESTART_POLICIES, path, "restartPolicy"));
  appendErrors(errors, oneOf(spec.dnsPolicy, DNS_POLICIES, path, "dnsPolicy"));
  appendErrors(errors, validateLabels(spec.nodeSelector, minor, `${path}.nodeSelector`));
  appendErrors(errors, validateAffinity(spec.affinity, minor, `${path}.affinity`));
  appendErrors(errors, validatePodDNSConfig(spec, minor, `${path}.dnsConfig`));
  appendErrors(errors, validateTolerations(spec.tolerations, minor, `${path}.tolerations`));
  appendErrors(errors, validateHostAliases(spec.hostAliases, minor, `${path}.hostAliases`));
  return errors;
}

/** `ValidateTolerations`: key, operator and value, `tolerationSeconds` only with NoExecute, effect. */
export function validateTolerations(
  tolerations: unknown,
  minor: number,
  path: string,
): FieldError[] {
  if (!Array.isArray(tolerations)) return [];
  const errors: FieldError[] = [];
  for (let i = 0; i < tolerations.length; i++) {
    const toleration: Loose = tolerations[i];
    const at = `${path}[${i}]`;
    const key = stringOf(toleration?.key);
    const operator = stringOf(toleration?.operator);
    const value = stringOf(toleration?.value);
    const effect = stringOf(toleration?.effect);
    if (key) {
      for (const m of isQualifiedName(key, minor)) errors.push(invalid(`${at}.key`, key, m));
    }
    if (!key && operator !== "Exists") {
      errors.push(invalid(
        `${at}.operator`,
        operator,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      ));
    }
    if (typeof toleration?.tolerationSeconds === "number" && effect !== "NoExecute") {
      errors.push(
        invalid(
          `${at}.effect`,
          effect,
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    if (operator === "Equal" || operator === "") {
      const messages = isLabelValue(value);
      if (messages.length) errors.push(invalid(`${at}.operator`, value, messages.join(";")));
    } else if (operator === "Exists") {
      if (value) {
        errors.push(
          invalid(`${at}.operator`, value, "value must be empty when `operator` is 'Exists'"),
        );
      }
    } else errors.push(notSupported(`${at}.operator`, operator, ["Equal", "Exists"]));
    if (effect && !TAINT_EFFECTS.includes(effect)) {
      errors.push(notSupported(`${at}.effect`, effect, TAINT_EFFECTS));
    }
  }
  return errors;
}

/** What a container's checks need of its pod. */
interface PodContext {
  /** The names of the pod's valid volumes. */
  readonly volumes: ReadonlySet<string>;
  readonly hostUsers: boolean;
  readonly minor: number;
  /** terminationGracePeriodSeconds, which bounds a sleep hook. */
  readonly gracePeriod: number | undefined;
}

// validateContainerCommon: name, image, termination message policy, ports, volume mounts, pull
// policy, resources, security context.
function validateContainer(container: Loose, pod: PodContext, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringOf(container?.name);
  if (!name) errors.push(required(`${path}.name`));
  else {for (const message of isDNS1123Label(name)) {
      errors.push(invalid(`${path}.name`, name, message));
    }}
  if (!stringOf(container?.image)) errors.push(required(`${path}.image`));
  const policy = container?.terminationMessagePolicy;
  if (policy) {
    appendErrors(errors, oneOf(policy, MESSAGE_POLICIES, path, "terminationMessagePolicy"));
  }
  appendErrors(errors, validatePorts(container?.ports, `${path}.ports`));
  appendErrors(errors, validateEnv(container?.env, pod.minor, `${path}.env`));
  appendErrors(errors, validateEnvFrom(container?.envFrom, pod.minor, `${path}.envFrom`));
  appendErrors(
    errors,
    validateVolumeMounts(container?.volumeMounts, pod.volumes, `${path}.volumeMounts`),
  );
  const pull = container?.imagePullPolicy;
  if (pull) appendErrors(errors, oneOf(pull, PULL_POLICIES, path, "imagePullPolicy"));
  appendErrors(errors, validateResources(container?.resources, pod.minor, `${path}.resources`));
  appendErrors(
    errors,
    validateSecurityContext(container?.securityContext, pod.hostUsers, `${path}.securityContext`),
  );
  return errors;
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  if (!Array.isArray(ports)) return [];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  for (let i = 0; i < ports.length; i++) {
    const port: Loose = ports[i];
    const at = `${path}[${i}]`;
    const name = stringOf(port?.name);
    if (name) {
      const messages = isPortName(name);
      if (messages.length) messages.forEach((m) => errors.push(invalid(`${at}.name`, name, m)));
      else if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const containerPort = typeof port?.containerPort === "number" ? port.containerPort : 0;
    if (containerPort === 0) errors.push(required(`${at}.containerPort`));
    else {
      for (const m of isPortNumber(containerPort)) {
        errors.push(invalid(`${at}.containerPort`, containerPort, m));
      }
    }
    const hostPort = typeof port?.hostPort === "number" ? port.hostPort : 0;
    if (hostPort !== 0) {
      for (const m of isPortNumber(hostPort)) errors.push(invalid(`${at}.hostPort`, hostPort, m));
    }
    const protocol = stringOf(port?.protocol);
    if (protocol && !PORT_PROTOCOLS.includes(protocol)) {
      errors.push(notSupported(`${at}.protocol`, protocol, PORT_PROTOCOLS));
    }
  }
  return errors;
}

// A defaulted enum: NotSupported when set to another value, nothing when absent.
// The field `${path}.${field}`, named only for an error (a Pod create checks several per
// container, nearly always supported values).
function oneOf(
  value: unknown,
  supported: readonly string[],
  path: string,
  field: string,
): FieldError[] {
  if (value === undefined || value === null || value === "") return [];
  const text = String(value);
  return supported.includes(text) ? [] : [notSupported(`${path}.${field}`, text, supported)];
}

const MESSAGE_POLICIES: readonly string[] = ["File", "FallbackToLogsOnError"];
const PULL_POLICIES: readonly string[] = ["Always", "IfNotPresent", "Never"];

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
