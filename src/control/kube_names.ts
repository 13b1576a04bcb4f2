// Kubernetes name and label rules, as valibot schemas with apiserver-worded messages.

import * as v from "valibot";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A DNS-1123 label (namespaces): lower case alphanumerics and '-', at most 63 characters. */
export const dnsLabel = v.pipe(
  v.string(),
  v.nonEmpty("must not be empty"),
  v.maxLength(63, "must be no more than 63 characters"),
  v.regex(DNS_LABEL, "must be a DNS-1123 label: lower case alphanumeric characters or '-'"),
);

/** A DNS-1123 subdomain (object names such as clusters and nodes), at most 253 characters. */
export const dnsSubdomain = v.pipe(
  v.string(),
  v.nonEmpty("must not be empty"),
  v.maxLength(253, "must be no more than 253 characters"),
  v.regex(
    DNS_SUBDOMAIN,
    "must be a DNS-1123 subdomain: lower case alphanumeric characters, '-' or '.'",
  ),
);

/** Why a label key is invalid, or undefined when it is valid (`prefix/name`). */
export function labelKeyProblem(key: string): string | undefined {
  return qualifiedNameProblem(key, "label key");
}

/**
 * Why `value` is not a qualified name (`prefix/name`, as label keys and condition types are), or
 * undefined when it is one; `what` names the value in the message.
 */
export function qualifiedNameProblem(value: string, what: string): string | undefined {
  const slash = value.lastIndexOf("/");
  const prefix = slash >= 0 ? value.slice(0, slash) : undefined;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `${what} "${value}": the prefix must be a DNS-1123 subdomain`;
  }
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return `${what} "${value}": the name must be 1-63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`;
  }
  return undefined;
}

/** Why a label value is invalid, or undefined when it is valid. */
export function labelValueProblem(key: string, value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return `label "${key}": the value must be at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`;
  }
  return undefined;
}
