// Pod specs and pod templates: containers, their names, images and ports (kubernetes v1.33).
//
// Sources: k8s.io/kubernetes pkg/apis/core/validation/validation.go `ValidatePodTemplateSpec`,
// `ValidatePodSpec`, `validateContainers`, `validateInitContainers`, `validateContainerCommon`,
// `validateContainerPorts`. Fields the defaulter fills (terminationMessagePolicy, imagePullPolicy,
// a port's protocol, restartPolicy, dnsPolicy) are checked only when set, so validation holds
// with or without defaults.

import { duplicate, type FieldError, invalid, notSupported, required } from "./field_error.ts";
import { isDNS1123Label, isPortName, isPortNumber } from "./formats.ts";
import { validateAnnotations, validateLabels } from "./object_meta.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

// supportedPortProtocols, as sets.List sorts them.
const PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"];
const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

/** `ValidatePodTemplateSpec`: the template's labels and annotations (at `<path>.labels`), then its spec. */
export function validatePodTemplate(template: Loose, minor: number, path: string): FieldError[] {
  const metadata = template?.metadata ?? {};
  return [
    ...validateLabels(metadata.labels, minor, `${path}.labels`),
    ...validateAnnotations(metadata.annotations, minor, `${path}.annotations`),
    ...validatePodSpec(template?.spec ?? {}, minor, `${path}.spec`),
  ];
}

/** `ValidatePodSpec`, for what fkas checks of it. */
export function validatePodSpec(spec: Loose, minor: number, path: string): FieldError[] {
  const containers: Loose[] = Array.isArray(spec.containers) ? spec.containers : [];
  const errors: FieldError[] = [];
  if (containers.length === 0) errors.push(required(`${path}.containers`));
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const at = `${path}.containers[${i}]`;
    errors.push(...validateContainer(container, at));
    const name = stringOf(container?.name);
    if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
    else names.add(name);
  });
  const inits: Loose[] = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  inits.forEach((container, i) => {
    const at = `${path}.initContainers[${i}]`;
    errors.push(...validateContainer(container, at));
    const name = stringOf(container?.name);
    if (names.has(name)) errors.push(duplicate(`${at}.name`, name));
    else if (name) names.add(name);
  });
  errors.push(...oneOf(spec.restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`));
  errors.push(...oneOf(spec.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`));
  errors.push(...validateLabels(spec.nodeSelector, minor, `${path}.nodeSelector`));
  return errors;
}

// validateContainerCommon: name, image, then ports.
function validateContainer(container: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = stringOf(container?.name);
  if (!name) errors.push(required(`${path}.name`));
  else {for (const message of isDNS1123Label(name)) {
      errors.push(invalid(`${path}.name`, name, message));
    }}
  if (!stringOf(container?.image)) errors.push(required(`${path}.image`));
  const policy = container?.terminationMessagePolicy;
  if (policy) {
    errors.push(
      ...oneOf(policy, ["File", "FallbackToLogsOnError"], `${path}.terminationMessagePolicy`),
    );
  }
  errors.push(...validatePorts(container?.ports, `${path}.ports`));
  const pull = container?.imagePullPolicy;
  if (pull) {
    errors.push(...oneOf(pull, ["Always", "IfNotPresent", "Never"], `${path}.imagePullPolicy`));
  }
  return errors;
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  if (!Array.isArray(ports)) return [];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port: Loose, i) => {
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
  });
  return errors;
}

// A defaulted enum: NotSupported when set to another value, nothing when absent.
function oneOf(value: unknown, supported: readonly string[], path: string): FieldError[] {
  if (value === undefined || value === null || value === "") return [];
  const text = String(value);
  return supported.includes(text) ? [] : [notSupported(path, text, supported)];
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}
