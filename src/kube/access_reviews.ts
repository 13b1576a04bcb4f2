// The authorization.k8s.io reviews: SubjectAccessReview, LocalSubjectAccessReview,
// SelfSubjectAccessReview and SelfSubjectRulesReview, answered by RBAC over the cluster's store
// (k8s.io/kubernetes pkg/registry/authorization/*/rest.go, pkg/apis/authorization/validation).

import {
  aggregate,
  authorize,
  type PolicyRule,
  type RequestAttributes,
  rulesFor,
  type UserInfo,
} from "../auth/mod.ts";
import type { KubeObject } from "../store/mod.ts";
import { answerMetadata } from "./cluster_minor.ts";
import { rbacSourceOf } from "./rbac_store.ts";
import type { ServedCluster } from "./kube_env.ts";
import { invalidReview, type ReviewCause } from "./review_errors.ts";
import { StatusError } from "./status_error.ts";

const GROUP = "authorization.k8s.io";

type Body = Record<string, unknown>;

/** Answers a review `kind` for `user` (the requester); `namespace` is the URL's (local reviews). */
export function accessReview(
  kind: string,
  cluster: ServedCluster,
  user: UserInfo,
  object: KubeObject,
  namespace: string | undefined,
): Body {
  const body = object as unknown as Body;
  const spec = record(body.spec);
  if (kind === "SelfSubjectRulesReview") return rulesReview(cluster, user, body, spec);
  const metadata = record(body.metadata);
  const causes: ReviewCause[] = specCauses(kind, spec);
  if (kind === "LocalSubjectAccessReview") causes.push(...localCauses(metadata, spec));
  else if (setMetadataKeys(metadata).length > 0) {
    causes.push(["metadata", goObjectMeta(metadata), "must be empty"]);
  }
  if (causes.length > 0) throw invalidReview(kind, GROUP, causes);
  if (kind === "LocalSubjectAccessReview" && metadata.namespace !== namespace) {
    throw StatusError.badRequest(
      `spec.resourceAttributes.namespace must match namespace: ${namespace ?? ""}`,
    );
  }
  const subject = kind === "SelfSubjectAccessReview" ? user : specUser(spec);
  const decision = authorize(rbacSourceOf(cluster.store), subject, attributesOf(spec));
  const status = {
    allowed: decision.allowed,
    ...(decision.reason ? { reason: decision.reason } : {}),
  };
  return review(cluster, kind, metadata, echoSpec(kind, spec), status);
}

// ValidateSubjectAccessReviewSpec / ValidateSelfSubjectAccessReviewSpec.
function specCauses(kind: string, spec: Body): ReviewCause[] {
  const causes: ReviewCause[] = [];
  const resource = spec.resourceAttributes;
  const nonResource = spec.nonResourceAttributes;
  if (isSet(resource) && isSet(nonResource)) {
    causes.push([
      "spec.nonResourceAttributes",
      goNonResource(record(nonResource)),
      "cannot be specified in combination with resourceAttributes",
    ]);
  }
  if (!isSet(resource) && !isSet(nonResource)) {
    causes.push([
      "spec.resourceAttributes",
      '"null"',
      "exactly one of nonResourceAttributes or resourceAttributes must be specified",
    ]);
  }
  if (kind !== "SelfSubjectAccessReview" && !text(spec.user) && strings(spec.groups).length === 0) {
    causes.push([
      "spec.user",
      JSON.stringify(text(spec.user)),
      "at least one of user or group must be specified",
    ]);
  }
  return causes;
}

// ValidateLocalSubjectAccessReview: only a namespace in metadata, the same one in the attributes.
function localCauses(metadata: Body, spec: Body): ReviewCause[] {
  const causes: ReviewCause[] = [];
  if (setMetadataKeys(metadata).some((key) => key !== "namespace")) {
    causes.push(["metadata", goObjectMeta(metadata), "must be empty except for namespace"]);
  }
  const resource = spec.resourceAttributes;
  if (isSet(resource) && text(record(resource).namespace) !== text(metadata.namespace)) {
    causes.push([
      "spec.resourceAttributes.namespace",
      JSON.stringify(text(record(resource).namespace)),
      "must match metadata.namespace",
    ]);
  }
  if (isSet(spec.nonResourceAttributes)) {
    causes.push([
      "spec.nonResourceAttributes",
      goNonResource(record(spec.nonResourceAttributes)),
      "disallowed on this kind of request",
    ]);
  }
  return causes;
}

// AuthorizationAttributesFrom: the spec's user as given (no system:authenticated added).
function specUser(spec: Body): UserInfo {
  return { username: text(spec.user), groups: strings(spec.groups), uid: text(spec.uid) };
}

function attributesOf(spec: Body): RequestAttributes {
  if (isSet(spec.resourceAttributes)) {
    const a = record(spec.resourceAttributes);
    return {
      kind: "resource",
      verb: text(a.verb),
      apiGroup: text(a.group),
      resource: text(a.resource),
      subresource: text(a.subresource),
      namespace: text(a.namespace),
      name: text(a.name),
    };
  }
  const a = record(spec.nonResourceAttributes);
  return { kind: "nonResource", verb: text(a.verb), path: text(a.path) };
}

// SelfSubjectRulesReview: RBAC's rules for the requester in spec.namespace (required).
function rulesReview(cluster: ServedCluster, user: UserInfo, body: Body, spec: Body): Body {
  const namespace = text(spec.namespace);
  if (!namespace) throw StatusError.badRequest("no namespace on request");
  const resolved = rulesFor(rbacSourceOf(cluster.store), user, namespace);
  const errors = [...resolved.errors];
  // The Node authorizer, first among rule resolvers, cannot enumerate a node's permissions.
  const node = user.groups.includes("system:nodes") && user.username.startsWith("system:node:");
  if (node) errors.unshift("node authorizer does not support user rule resolution");
  const status = {
    resourceRules: resolved.rules.filter((r) => (r.resources ?? []).length > 0).map(resourceRule),
    nonResourceRules: resolved.rules.filter((r) => (r.nonResourceURLs ?? []).length > 0).map(
      (r) => ({
        verbs: r.verbs ?? [],
        ...(r.nonResourceURLs?.length ? { nonResourceURLs: r.nonResourceURLs } : {}),
      }),
    ),
    incomplete: node,
    ...(errors.length > 0 ? { evaluationError: aggregate(errors) } : {}),
  };
  return review(cluster, "SelfSubjectRulesReview", record(body.metadata), { namespace }, status);
}

function resourceRule(rule: PolicyRule) {
  return {
    verbs: rule.verbs ?? [],
    ...(rule.apiGroups?.length ? { apiGroups: rule.apiGroups } : {}),
    ...(rule.resources?.length ? { resources: rule.resources } : {}),
    ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
  };
}

// The spec as the v1 type re-encodes it: known fields only, in Go's field order.
function echoSpec(kind: string, spec: Body): Body {
  const resource = isSet(spec.resourceAttributes) ? record(spec.resourceAttributes) : undefined;
  const nonResource = isSet(spec.nonResourceAttributes)
    ? record(spec.nonResourceAttributes)
    : undefined;
  const out: Body = {};
  if (resource) {
    out.resourceAttributes = pick(resource, [
      "namespace",
      "verb",
      "group",
      "version",
      "resource",
      "subresource",
      "name",
    ]);
    for (const selector of ["fieldSelector", "labelSelector"]) {
      if (isSet(resource[selector])) {
        (out.resourceAttributes as Body)[selector] = resource[selector];
      }
    }
  }
  if (nonResource) out.nonResourceAttributes = pick(nonResource, ["path", "verb"]);
  if (kind === "SelfSubjectAccessReview") return out;
  for (const key of ["user", "groups", "extra", "uid"]) {
    const value = spec[key];
    if (
      Array.isArray(value)
        ? value.length > 0
        : value !== undefined && value !== null && value !== ""
    ) {
      out[key] = value;
    }
  }
  return out;
}

// The answer: the object as sent, with its status.
function review(
  cluster: ServedCluster,
  kind: string,
  metadata: Body,
  spec: Body,
  status: Body,
): Body {
  const answered = answerMetadata(cluster.kubernetesVersion, metadata);
  return { kind, apiVersion: `${GROUP}/v1`, metadata: answered, spec, status };
}

function pick(object: Body, keys: readonly string[]): Body {
  const out: Body = {};
  for (const key of keys) {
    if (typeof object[key] === "string" && object[key] !== "") out[key] = object[key];
  }
  return out;
}

// `%#v` of the internal NonResourceAttributes the validator prints.
function goNonResource(a: Body): string {
  return `authorization.NonResourceAttributes{Path:${JSON.stringify(text(a.path))}, Verb:${
    JSON.stringify(text(a.verb))
  }}`;
}

// `%#v` of an ObjectMeta with the fields a client could set here (names; no maps), as printed.
function goObjectMeta(m: Body): string {
  const q = (key: string) => JSON.stringify(text(m[key]));
  return `v1.ObjectMeta{Name:${q("name")}, GenerateName:${q("generateName")}, Namespace:${
    q("namespace")
  }, SelfLink:"", UID:${q("uid")}, ResourceVersion:${q("resourceVersion")}, Generation:0, ` +
    `CreationTimestamp:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), DeletionTimestamp:<nil>, ` +
    `DeletionGracePeriodSeconds:(*int64)(nil), Labels:map[string]string(nil), ` +
    `Annotations:map[string]string(nil), OwnerReferences:[]v1.OwnerReference(nil), ` +
    `Finalizers:[]string(nil), ManagedFields:[]v1.ManagedFieldsEntry(nil)}`;
}

// The metadata fields that make an ObjectMeta differ from the zero one (managedFields aside):
// clients send `creationTimestamp: null`, which decodes to the zero time.
function setMetadataKeys(metadata: Body): string[] {
  return Object.keys(metadata).filter((key) => {
    const value = metadata[key];
    if (key === "managedFields" || value === null || value === "" || value === 0) return false;
    if (Array.isArray(value)) return value.length > 0;
    return !(isSet(value) && Object.keys(value as Body).length === 0);
  });
}

function isSet(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function record(value: unknown): Body {
  return isSet(value) ? value as Body : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
