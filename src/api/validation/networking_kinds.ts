// NetworkPolicies and Ingresses (kubernetes v1.33).
//
// Source: k8s.io/kubernetes pkg/apis/networking/validation/validation.go
// `ValidateNetworkPolicySpec`, `ValidateNetworkPolicyPort`, `ValidateNetworkPolicyPeer`,
// `ValidateIPBlock` (a CIDR is required and must parse; `except` subsets are not checked here),
// `ValidateIngressSpec`, `validateIngressRules`, `validateHTTPIngressPath`,
// `validateIngressBackend`, `validateIngressTypedLocalObjectReference`, `validateIngressTLS`. Not here: the `kubernetes.io/ingress.class`
// annotation against `ingressClassName` (create only).

import {
  appendErrors,
  type FieldError,
  forbidden,
  invalid,
  notSupported,
  required,
} from "./field_error.ts";
import {
  isDNS1035Label,
  isDNS1123Subdomain,
  isPathSegmentName,
  isPortName,
  isPortNumber,
  regexError,
} from "./formats.ts";
import { isCIDRSloppy, isIPSloppy } from "./ip_addresses.ts";
import { validateLabelSelector } from "./label_selector.ts";

// deno-lint-ignore no-explicit-any
type Loose = any;

const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const POLICY_TYPES = ["Ingress", "Egress"];
// supportedPathTypes, as sets.String.List sorts them.
const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];
const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];
const WILDCARD_FORMAT = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const WILDCARD = new RegExp(`^${WILDCARD_FORMAT}$`);

/** `ValidateNetworkPolicySpec`: the pod selector, each rule's ports and peers, policy types. */
export function validateNetworkPolicy(policy: Loose, minor: number): FieldError[] {
  const spec = policy.spec ?? {};
  const errors = validateLabelSelector(spec.podSelector ?? {}, minor, "spec.podSelector");
  for (const [direction, peers] of [["ingress", "from"], ["egress", "to"]] as const) {
    const rules: Loose[] = Array.isArray(spec[direction]) ? spec[direction] : [];
    rules.forEach((rule, i) => {
      const at = `spec.${direction}[${i}]`;
      const ports: Loose[] = Array.isArray(rule?.ports) ? rule.ports : [];
      ports.forEach((port, j) => appendErrors(errors, policyPort(port ?? {}, `${at}.ports[${j}]`)));
      const list: Loose[] = Array.isArray(rule?.[peers]) ? rule[peers] : [];
      list.forEach((peer, j) =>
        appendErrors(errors, policyPeer(peer ?? {}, minor, `${at}.${peers}[${j}]`))
      );
    });
  }
  const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (types.length > POLICY_TYPES.length) {
    const json = types.map(String);
    const go = `&[]networking.PolicyType{${json.map((t) => JSON.stringify(t)).join(", ")}}`;
    errors.push(
      invalid("spec.policyTypes", { go, json }, "may not specify more than two policyTypes"),
    );
    return errors;
  }
  types.forEach((type, i) => {
    if (!POLICY_TYPES.includes(String(type))) {
      errors.push(notSupported(`spec.policyTypes[${i}]`, String(type), POLICY_TYPES));
    }
  });
  return errors;
}

function policyPort(port: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const protocol = port.protocol;
  if (typeof protocol === "string" && !PROTOCOLS.includes(protocol)) {
    errors.push(notSupported(`${path}.protocol`, protocol, PROTOCOLS));
  }
  const value = port.port, end = port.endPort;
  const hasEnd = typeof end === "number";
  if (typeof value === "number") {
    appendErrors(errors, isPortNumber(value).map((m) => invalid(`${path}.port`, value, m)));
    if (hasEnd) {
      if (end < value) {
        errors.push(invalid(`${path}.endPort`, value, "must be greater than or equal to `port`"));
      }
      appendErrors(errors, isPortNumber(end).map((m) => invalid(`${path}.endPort`, end, m)));
    }
  } else if (typeof value === "string") {
    if (hasEnd) {
      errors.push(
        invalid(`${path}.endPort`, end, "may not be specified when `port` is non-numeric"),
      );
    }
    appendErrors(errors, isPortName(value).map((m) => invalid(`${path}.port`, value, m)));
  } else if (hasEnd) {
    errors.push(
      invalid(`${path}.endPort`, end, "may not be specified when `port` is not specified"),
    );
  }
  return errors;
}

function policyPeer(peer: Loose, minor: number, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const key of ["podSelector", "namespaceSelector"]) {
    if (peer[key] && typeof peer[key] === "object") {
      count++;
      appendErrors(errors, validateLabelSelector(peer[key], minor, `${path}.${key}`));
    }
  }
  const block = peer.ipBlock;
  if (block && typeof block === "object") {
    count++;
    if (typeof block.cidr !== "string" || block.cidr === "") {
      errors.push(required(`${path}.ipBlock.cidr`));
    } else if (!isCIDRSloppy(block.cidr)) {
      // IsValidCIDRForLegacyField (netutils.ParseCIDRSloppy); `except` is not checked here.
      errors.push(
        invalid(
          `${path}.ipBlock.cidr`,
          block.cidr,
          "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
        ),
      );
    }
  }
  if (count === 0) errors.push(required(path, "must specify a peer"));
  else if (count > 1 && block && typeof block === "object") {
    errors.push(forbidden(path, "may not specify both ipBlock and another peer"));
  }
  return errors;
}

/** `ValidateIngressSpec`: a default backend or rules, each rule's host and paths, TLS, class. */
export function validateIngress(ingress: Loose): FieldError[] {
  const spec = ingress.spec ?? {};
  const errors: FieldError[] = [];
  const rules: Loose[] = Array.isArray(spec.rules) ? spec.rules : [];
  const fallback = spec.defaultBackend && typeof spec.defaultBackend === "object"
    ? spec.defaultBackend
    : undefined;
  if (rules.length === 0 && !fallback) {
    const value = Array.isArray(spec.rules)
      ? { go: "[]networking.IngressRule{}", json: [] }
      : { go: "[]networking.IngressRule(nil)", json: null };
    errors.push(invalid("spec", value, "either `defaultBackend` or `rules` must be specified"));
  }
  if (fallback) appendErrors(errors, backend(fallback, "spec.defaultBackend"));
  rules.forEach((rule, i) => appendErrors(errors, ingressRule(rule ?? {}, `spec.rules[${i}]`)));
  const tls: Loose[] = Array.isArray(spec.tls) ? spec.tls : [];
  tls.forEach((entry, i) => {
    const hosts: unknown[] = Array.isArray(entry?.hosts) ? entry.hosts : [];
    hosts.forEach((host, j) => {
      const text = String(host);
      appendErrors(
        errors,
        hostMessages(text).map((m) => invalid(`spec.tls[${i}].hosts[${j}]`, text, m)),
      );
    });
    const secret = typeof entry?.secretName === "string" ? entry.secretName : "";
    if (secret) {
      errors.push(
        ...isDNS1123Subdomain(secret).map((m) => invalid(`spec.tls[${i}].secretName`, secret, m)),
      );
    }
  });
  const className = spec.ingressClassName;
  if (typeof className === "string") {
    errors.push(
      ...isDNS1123Subdomain(className).map((m) => invalid("spec.ingressClassName", className, m)),
    );
  }
  return errors;
}

function ingressRule(rule: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const host = typeof rule.host === "string" ? rule.host : "";
  if (host) {
    if (isIPSloppy(host)) {
      errors.push(invalid(`${path}.host`, host, "must be a DNS name, not an IP address"));
    }
    appendErrors(errors, hostMessages(host).map((m) => invalid(`${path}.host`, host, m)));
  }
  const http = rule.http;
  if (http && typeof http === "object") {
    const paths: Loose[] = Array.isArray(http.paths) ? http.paths : [];
    if (paths.length === 0) errors.push(required(`${path}.http.paths`));
    paths.forEach((entry, i) =>
      appendErrors(errors, httpPath(entry ?? {}, `${path}.http.paths[${i}]`))
    );
  }
  return errors;
}

// IsWildcardDNS1123Subdomain for hosts with a `*`, IsDNS1123Subdomain for the others.
function hostMessages(host: string): string[] {
  if (!host.includes("*")) return isDNS1123Subdomain(host);
  const messages: string[] = [];
  if (new TextEncoder().encode(host).length > 253) {
    messages.push("must be no more than 253 characters");
  }
  if (!WILDCARD.test(host)) {
    messages.push(regexError(
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
      WILDCARD_FORMAT,
      "*.example.com",
    ));
  }
  return messages;
}

function httpPath(entry: Loose, path: string): FieldError[] {
  const type = entry.pathType;
  if (typeof type !== "string") return [required(`${path}.pathType`, "pathType must be specified")];
  const errors: FieldError[] = [];
  const value = typeof entry.path === "string" ? entry.path : "";
  if (type === "Exact" || type === "Prefix") {
    if (!value.startsWith("/")) {
      errors.push(invalid(`${path}.path`, value, "must be an absolute path"));
    }
    if (value) {
      for (const sequence of INVALID_PATH_SEQUENCES) {
        if (value.includes(sequence)) {
          errors.push(invalid(`${path}.path`, value, `must not contain '${sequence}'`));
        }
      }
      for (const suffix of INVALID_PATH_SUFFIXES) {
        if (value.endsWith(suffix)) {
          errors.push(invalid(`${path}.path`, value, `cannot end with '${suffix}'`));
        }
      }
    }
  } else if (type === "ImplementationSpecific") {
    if (value && !value.startsWith("/")) {
      errors.push(invalid(`${path}.path`, value, "must be an absolute path"));
    }
  } else errors.push(notSupported(`${path}.pathType`, type, PATH_TYPES));
  return [...errors, ...backend(entry.backend ?? {}, `${path}.backend`)];
}

// validateIngressBackend: a resource or a service (a name and a port name or number).
function backend(value: Loose, path: string): FieldError[] {
  const resource = value.resource && typeof value.resource === "object";
  const service = value.service && typeof value.service === "object" ? value.service : undefined;
  if (resource && service) {
    return [invalid(path, "", "cannot set both resource and service backends")];
  }
  if (resource) return typedReference(value.resource, `${path}.resource`);
  if (!service) return [invalid(path, "", "resource or service backend is required")];
  const errors: FieldError[] = [];
  const name = typeof service.name === "string" ? service.name : "";
  if (!name) errors.push(required(`${path}.service.name`));
  else {appendErrors(
      errors,
      isDNS1035Label(name).map((m) => invalid(`${path}.service.name`, name, m)),
    );}
  const portName = typeof service.port?.name === "string" ? service.port.name : "";
  const number = typeof service.port?.number === "number" ? service.port.number : 0;
  if (portName && number !== 0) {
    errors.push(invalid(path, "", "cannot set both port name & port number"));
  } else if (portName) {
    errors.push(
      ...isPortName(portName).map((m) => invalid(`${path}.service.port.name`, portName, m)),
    );
  } else if (number !== 0) {
    errors.push(
      ...isPortNumber(number).map((m) => invalid(`${path}.service.port.number`, number, m)),
    );
  } else errors.push(required(path, "port name or number is required"));
  return errors;
}

// validateIngressTypedLocalObjectReference: apiGroup a subdomain, kind and name path segments.
function typedReference(reference: Loose, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof reference.apiGroup === "string") {
    const group = reference.apiGroup;
    appendErrors(
      errors,
      isDNS1123Subdomain(group).map((m) => invalid(`${path}.apiGroup`, group, m)),
    );
  }
  for (const key of ["kind", "name"]) {
    const text = typeof reference[key] === "string" ? reference[key] : "";
    if (!text) errors.push(required(`${path}.${key}`, `${key} is required`));
    else {appendErrors(
        errors,
        isPathSegmentName(text).map((m) => invalid(`${path}.${key}`, text, m)),
      );}
  }
  return errors;
}
