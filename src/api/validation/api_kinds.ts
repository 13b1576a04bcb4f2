// IngressClasses, EndpointSlices, HorizontalPodAutoscalers and admission webhook configurations as
// kube-apiserver v1.36 checks them past their metadata.
//
// Sources (k8s.io/kubernetes v1.36): pkg/apis/networking/validation `validateIngressClassSpec`,
// `validateIngressClassParametersReference`, apimachinery's `IsDomainPrefixedPath`;
// pkg/apis/discovery/validation `ValidateEndpointSlice`; pkg/apis/autoscaling/validation
// `validateHorizontalPodAutoscalerSpec`, `ValidateCrossVersionObjectReference`, `validateMetricSpec`;
// pkg/apis/admissionregistration/validation `validateValidatingWebhook`,
// `validateMutatingWebhook`, `validateAdmissionReviewVersions`. Deeper parts (webhook rules and
// URLs, metric targets, behaviors, endpoint conditions) are not checked here.

import {
  appendErrors,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import { isDNS1035Label, isDNS1123Subdomain, isPathSegmentName, isPortName } from "./formats.ts";
import { isIPSloppy, isIPv6 } from "./ip_addresses.ts";
import { validateLabelSelector } from "./label_selector.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const set = (value: unknown) => value !== undefined && value !== null;
const text = (value: unknown) => typeof value === "string" ? value : "";

/** `validateIngressClassSpec`: a domain-prefixed controller and a parameters reference. */
export function validateIngressClass(ingressClass: Loose): FieldError[] {
  const spec = ingressClass.spec ?? {};
  const errors: FieldError[] = [];
  const controller = text(spec.controller);
  if (controller.length > 250) {
    errors.push({
      type: "FieldValueTooLong",
      field: "spec.controller",
      detail: "may not be more than 250 bytes",
    });
  }
  appendErrors(errors, domainPrefixedPath("spec.controller", controller));
  const params = spec.parameters;
  if (!params || typeof params !== "object") return errors;
  const at = "spec.parameters";
  if (set(params.apiGroup)) {
    for (const message of isDNS1123Subdomain(text(params.apiGroup))) {
      errors.push(invalid(`${at}.apiGroup`, text(params.apiGroup), message));
    }
  }
  for (const field of ["kind", "name"]) {
    const value = text(params[field]);
    if (value === "") errors.push(required(`${at}.${field}`));
    else {for (const message of isPathSegmentName(value)) {
        errors.push(invalid(`${at}.${field}`, value, message));
      }}
  }
  if (!set(params.scope)) {
    errors.push(required(`${at}.scope`));
    return errors;
  }
  const scope = text(params.scope);
  if (scope !== "Cluster" && scope !== "Namespace") {
    errors.push(notSupported(`${at}.scope`, scope, ["Cluster", "Namespace"]));
  } else if (scope === "Namespace" && !set(params.namespace)) {
    errors.push(required(`${at}.namespace`, "`parameters.scope` is set to 'Namespace'"));
  } else if (scope === "Cluster" && set(params.namespace)) {
    errors.push(forbidden(`${at}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  }
  return errors;
}

/** `validateIngressClassSpecUpdate`: the controller is fixed. */
export function validateIngressClassUpdate(ingressClass: Loose, old: Loose): FieldError[] {
  const controller = ingressClass.spec?.controller;
  return controller !== old.spec?.controller
    ? [invalid("spec.controller", text(controller), "field is immutable")]
    : [];
}

// validation.IsDomainPrefixedPath.
function domainPrefixedPath(path: string, value: string): FieldError[] {
  if (value === "") return [required(path)];
  const slash = value.indexOf("/");
  if (slash <= 0 || slash === value.length - 1) {
    return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const host = value.slice(0, slash);
  const errors = isDNS1123Subdomain(host).map((message) => invalid(path, host, message));
  const rest = value.slice(slash + 1);
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest)) {
    errors.push(
      invalid(
        path,
        rest,
        "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
      ),
    );
  }
  return errors;
}

const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];
const SLICE_PROTOCOLS = ["SCTP", "TCP", "UDP"];

/** `ValidateEndpointSlice` past metadata: address type, ports, endpoints (in kube-apiserver's order). */
export function validateEndpointSlice(slice: Loose): FieldError[] {
  const errors: FieldError[] = [];
  const type = text(slice.addressType);
  if (type === "") errors.push(required("addressType"));
  else if (!ADDRESS_TYPES.includes(type)) {
    errors.push(notSupported("addressType", type, ADDRESS_TYPES));
  }
  const names = new Set<string>();
  const ports: Loose[] = Array.isArray(slice.ports) ? slice.ports : [];
  ports.forEach((port, i) => {
    const at = `ports[${i}]`;
    const name = text(port?.name);
    if (name !== "") {
      for (const message of isPortName(name)) errors.push(invalid(`${at}.name`, name, message));
    }
    if (names.has(name)) {
      errors.push({ type: "FieldValueDuplicate", field: `${at}.name`, value: name, detail: "" });
    }
    names.add(name);
    if (!set(port?.protocol)) errors.push(required(`${at}.protocol`));
    else if (!SLICE_PROTOCOLS.includes(text(port.protocol))) {
      errors.push(notSupported(`${at}.protocol`, String(port.protocol), SLICE_PROTOCOLS));
    }
  });
  const endpoints: Loose[] = Array.isArray(slice.endpoints) ? slice.endpoints : [];
  endpoints.forEach((endpoint, i) => {
    const at = `endpoints[${i}].addresses`;
    const addresses: unknown[] = Array.isArray(endpoint?.addresses) ? endpoint.addresses : [];
    if (addresses.length === 0) errors.push(required(at, "must contain at least 1 address"));
    addresses.forEach((address, j) => {
      const value = text(address);
      if (type === "IPv4" && (!isIPSloppy(value) || isIPv6(value))) {
        errors.push(invalid(`${at}[${j}]`, value, "must be a valid IPv4 address"));
      } else if (type === "IPv6" && !isIPv6(value)) {
        errors.push(invalid(`${at}[${j}]`, value, "must be a valid IPv6 address"));
      }
    });
    if (set(endpoint?.nodeName)) {
      const node = text(endpoint.nodeName);
      for (const message of isDNS1123Subdomain(node)) {
        errors.push(invalid(`endpoints[${i}].nodeName`, node, message));
      }
    }
  });
  return errors;
}

const METRIC_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];
const METRIC_SOURCES: Readonly<Record<string, string>> = {
  Object: "object",
  Pods: "pods",
  Resource: "resource",
  ContainerResource: "containerResource",
  External: "external",
};

/** `validateHorizontalPodAutoscalerSpec`: replica bounds, the scale target, each metric's source. */
export function validateHorizontalPodAutoscaler(hpa: Loose): FieldError[] {
  const spec = hpa.spec ?? {};
  const errors: FieldError[] = [];
  const min = spec.minReplicas;
  const max = typeof spec.maxReplicas === "number" ? spec.maxReplicas : 0;
  if (typeof min === "number" && min < 1) {
    errors.push(invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
  }
  if (max < 1) errors.push(invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (typeof min === "number" && max < min) {
    errors.push(invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  }
  const ref = spec.scaleTargetRef ?? {};
  for (const field of ["kind", "name"]) {
    const value = text(ref[field]);
    const at = `spec.scaleTargetRef.${field}`;
    if (value === "") errors.push(required(at));
    else for (const message of isPathSegmentName(value)) errors.push(invalid(at, value, message));
  }
  // ValidateAPIVersion: a group/version with a group (schema.ParseGroupVersion's words otherwise).
  const apiVersion = text(ref.apiVersion);
  const parts = apiVersion === "" ? [] : apiVersion.split("/");
  if (parts.length > 2) {
    errors.push(
      invalid(
        "spec.scaleTargetRef.apiVersion",
        apiVersion,
        `unexpected GroupVersion string: ${apiVersion}`,
      ),
    );
  } else if (parts.length < 2 || parts[0] === "") {
    errors.push(
      invalid("spec.scaleTargetRef.apiVersion", apiVersion, "apiVersion must specify API group"),
    );
  }
  const metrics: Loose[] = Array.isArray(spec.metrics) ? spec.metrics : [];
  metrics.forEach((metric, i) => {
    const at = `spec.metrics[${i}]`;
    const type = text(metric?.type);
    if (type === "") errors.push(required(`${at}.type`, "must specify a metric source type"));
    const present = Object.values(METRIC_SOURCES).filter((source) => set(metric?.[source]));
    const expected = METRIC_SOURCES[type];
    if (!expected) errors.push(notSupported(`${at}.type`, type, METRIC_TYPES));
    else if (!set(metric[expected])) {
      errors.push(
        required(`${at}.${expected}`, "must populate information for the given metric source"),
      );
    }
    if (present.length > 1) {
      for (const source of present) {
        if (source !== expected) {
          errors.push(forbidden(`${at}.${source}`, "must populate the given metric source only"));
        }
      }
    }
  });
  return errors;
}

const REVIEW_VERSIONS = ["v1", "v1beta1"];

/** The webhooks of a Validating- or MutatingWebhookConfiguration, each then its review versions. */
export function validateWebhookConfiguration(
  configuration: Loose,
  mutating: boolean,
  minor: number,
): FieldError[] {
  const errors: FieldError[] = [];
  const hooks: Loose[] = Array.isArray(configuration.webhooks) ? configuration.webhooks : [];
  const names = new Set<string>();
  hooks.forEach((hook, i) => {
    const at = `webhooks[${i}]`;
    appendErrors(errors, webhook(hook ?? {}, mutating, minor, at));
    appendErrors(
      errors,
      reviewVersions(hook?.admissionReviewVersions, `${at}.admissionReviewVersions`),
    );
    const name = text(hook?.name);
    if (name !== "") {
      if (names.has(name)) {
        errors.push({ type: "FieldValueDuplicate", field: `${at}.name`, value: name, detail: "" });
      }
      names.add(name);
    }
  });
  return errors;
}

// validateValidatingWebhook / validateMutatingWebhook, rules and URLs aside.
function webhook(hook: Loose, mutating: boolean, minor: number, at: string): FieldError[] {
  const errors = fullyQualifiedName(`${at}.name`, text(hook.name));
  const enums: [string, string[]][] = [
    ["failurePolicy", ["Fail", "Ignore"]],
    ["matchPolicy", ["Equivalent", "Exact"]],
  ];
  for (const [field, values] of enums) {
    if (set(hook[field]) && !values.includes(text(hook[field]))) {
      errors.push(notSupported(`${at}.${field}`, String(hook[field]), values));
    }
  }
  if (
    mutating && set(hook.reinvocationPolicy) &&
    !["IfNeeded", "Never"].includes(text(hook.reinvocationPolicy))
  ) {
    errors.push(
      notSupported(`${at}.reinvocationPolicy`, String(hook.reinvocationPolicy), [
        "IfNeeded",
        "Never",
      ]),
    );
  }
  for (const field of ["namespaceSelector", "objectSelector"]) {
    if (hook[field] && typeof hook[field] === "object") {
      appendErrors(errors, validateLabelSelector(hook[field], minor, `${at}.${field}`));
    }
  }
  if (!set(hook.sideEffects)) {
    errors.push(required(`${at}.sideEffects`, "must specify one of None, NoneOnDryRun"));
  } else if (!["None", "NoneOnDryRun"].includes(text(hook.sideEffects))) {
    errors.push(
      notSupported(`${at}.sideEffects`, String(hook.sideEffects), ["None", "NoneOnDryRun"]),
    );
  }
  const timeout = hook.timeoutSeconds;
  if (typeof timeout === "number" && (timeout > 30 || timeout < 1)) {
    errors.push(
      invalid(
        `${at}.timeoutSeconds`,
        timeout,
        "the timeout value must be between 1 and 30 seconds",
      ),
    );
  }
  const config = hook.clientConfig ?? {};
  if (set(config.url) === set(config.service)) {
    errors.push(required(`${at}.clientConfig`, "exactly one of url or service is required"));
  } else if (set(config.service)) {
    const service = config.service;
    if (text(service.name) === "") {
      errors.push(required(`${at}.clientConfig.service.name`, "service name is required"));
    }
    if (text(service.namespace) === "") {
      errors.push(
        required(`${at}.clientConfig.service.namespace`, "service namespace is required"),
      );
    }
  }
  return errors;
}

// utilvalidation.IsFullyQualifiedName.
function fullyQualifiedName(path: string, name: string): FieldError[] {
  if (name === "") return [required(path)];
  const problems = isDNS1123Subdomain(name);
  if (problems.length) return [invalid(path, name, problems.join(","))];
  return name.split(".").length < 3
    ? [invalid(path, name, "should be a domain with at least three segments separated by dots")]
    : [];
}

// validateAdmissionReviewVersions (a recognised version required, as on create).
function reviewVersions(versions: unknown, path: string): FieldError[] {
  const list = Array.isArray(versions) ? versions.map(text) : [];
  if (list.length === 0) {
    return [required(path, `must specify one of ${REVIEW_VERSIONS.join(", ")}`)];
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((version, i) => {
    if (seen.has(version)) {
      errors.push(invalid(`${path}[${i}]`, version, "duplicate version"));
      return;
    }
    seen.add(version);
    for (const message of isDNS1035Label(version)) {
      errors.push(invalid(`${path}[${i}]`, version, message));
    }
  });
  if (!list.some((v) => REVIEW_VERSIONS.includes(v))) {
    errors.push(
      invalid(
        path,
        { go: `[]string{${list.map((v) => JSON.stringify(v)).join(", ")}}`, json: list },
        `must include at least one of ${REVIEW_VERSIONS.join(", ")}`,
      ),
    );
  }
  return errors;
}
