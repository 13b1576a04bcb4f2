// Generic rules every written object obeys: shape, type meta, name, namespace (400/422 as the apiserver).

import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject, ObjectMeta } from "../store/mod.ts";
import { apiVersionOf } from "./object_view.ts";
import { StatusError } from "./status_error.ts";

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Names the apiserver accepts for kinds without DNS rules (RBAC, events): a valid path segment.
const PATH_SEGMENT_INVALID = /[/%]/;
const DNS_LABEL_NAMES = new Set(["namespaces", "services"]);
const PATH_SEGMENT_NAMES = new Set([
  "rbac.authorization.k8s.io/roles",
  "rbac.authorization.k8s.io/rolebindings",
  "rbac.authorization.k8s.io/clusterroles",
  "rbac.authorization.k8s.io/clusterrolebindings",
  "events",
]);

/** Checks that a body is an object of this resource's kind and returns it typed. */
export function asObject(resource: ResourceType, body: unknown): KubeObject {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw StatusError.badRequest("the body of the request must be a JSON object");
  }
  const object = body as Record<string, unknown>;
  const metadata = object.metadata ?? {};
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw StatusError.badRequest("metadata: must be an object");
  }
  const apiVersion = apiVersionOf(resource);
  if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
    throw StatusError.badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (object.kind !== undefined && object.kind !== resource.kind) {
    throw StatusError.badRequest(
      `the kind in the data (${object.kind}) does not match the expected kind (${resource.kind})`,
    );
  }
  return { ...object, apiVersion, kind: resource.kind, metadata: { ...metadata } } as KubeObject;
}

/** Reconciles the body's namespace with the path's: filled in, or 400 when they differ. */
export function placeInNamespace(
  resource: ResourceType,
  metadata: ObjectMeta,
  pathNamespace: string | undefined,
): void {
  if (!resource.namespaced) {
    delete metadata.namespace;
    return;
  }
  if (metadata.namespace && pathNamespace && metadata.namespace !== pathNamespace) {
    throw StatusError.badRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  metadata.namespace = pathNamespace ?? metadata.namespace;
  if (!metadata.namespace) {
    throw StatusError.badRequest(
      "the server could not find the requested resource: a namespace is required",
    );
  }
}

/** Validates `metadata.name` for the resource's naming rule (422 Invalid otherwise). */
export function checkName(resource: ResourceType, name: string | undefined): string {
  if (!name) {
    throw invalid(resource, "", "metadata.name: Required value: name or generateName is required");
  }
  if (PATH_SEGMENT_NAMES.has(resource.key) || resource.custom) {
    if (name === "." || name === ".." || PATH_SEGMENT_INVALID.test(name)) {
      throw invalid(
        resource,
        name,
        `metadata.name: Invalid value: "${name}": may not contain '/' or '%', and may not be '.' or '..'`,
      );
    }
    return name;
  }
  const label = DNS_LABEL_NAMES.has(resource.key);
  const ok = label
    ? name.length <= 63 && DNS_LABEL.test(name)
    : name.length <= 253 && DNS_SUBDOMAIN.test(name);
  if (!ok) {
    throw invalid(
      resource,
      name,
      label
        ? `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
        : `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  }
  return name;
}

/** A 422 Invalid naming the object and the failing field. */
export function invalid(resource: ResourceType, name: string, detail: string): StatusError {
  const [field, ...rest] = detail.split(": ");
  return new StatusError(422, "Invalid", `${resource.kind} "${name}" is invalid: ${detail}`, {
    name,
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.kind,
    causes: [{ reason: "FieldValueInvalid", message: rest.join(": "), field }],
  });
}

const GENERATED_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** `generateName` + 5 random characters, as the apiserver's name generator does. */
export function generateName(prefix: string, random: () => number = Math.random): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) {
    suffix += GENERATED_NAME_ALPHABET[Math.floor(random() * GENERATED_NAME_ALPHABET.length)];
  }
  return `${prefix.slice(0, 58)}${suffix}`;
}
