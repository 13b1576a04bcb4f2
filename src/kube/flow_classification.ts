// Which FlowSchema and PriorityLevelConfiguration of a cluster a request is classified into, as
// kube-apiserver's API priority and fairness filter does before it serves the request
// (k8s.io/apiserver pkg/util/flowcontrol: rule.go `matchesFlowSchema`, apf_controller.go
// `digestFlowSchemasLocked` and `startRequest`), for the uids it reports in the
// `X-Kubernetes-PF-FlowSchema-UID` and `-PriorityLevel-UID` headers of every answer.
//
// The cluster's own objects decide, compiled once per change of either kind: a FlowSchema whose
// priority level does not exist is skipped (dangling), the rest are tried by matchingPrecedence,
// then name; a request none matches falls to `catch-all`.

import type { RequestAttributes } from "../auth/mod.ts";
import { BUILTIN_CATALOG } from "../resources/mod.ts";
import type { ObjectStore } from "../store/mod.ts";
import type { ClientIdentity } from "./kube_env.ts";

const FLOWCONTROL = "flowcontrol.apiserver.k8s.io";
const FLOW_SCHEMAS = BUILTIN_CATALOG.byKey(`${FLOWCONTROL}/flowschemas`)!;
const PRIORITY_LEVELS = BUILTIN_CATALOG.byKey(`${FLOWCONTROL}/prioritylevelconfigurations`)!;
const ALL = "*";
const AUTHENTICATED = "system:authenticated";
const ANONYMOUS = "system:anonymous";
const UNAUTHENTICATED = "system:unauthenticated";
const SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

/** The uids of the FlowSchema a request matched and of its priority level. */
export interface FlowClassification {
  readonly flowSchemaUid: string;
  readonly priorityLevelUid: string;
}

/** The request as a rule reads it: made only when a rule looks past the subject. */
export type LazyAttributes = () => RequestAttributes;

interface Subject {
  readonly kind?: string;
  readonly user?: { readonly name?: string };
  readonly group?: { readonly name?: string };
  readonly serviceAccount?: { readonly namespace?: string; readonly name?: string };
}

interface ResourceRule {
  readonly verbs?: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly clusterScope?: boolean;
  readonly namespaces?: readonly string[];
}

interface NonResourceRule {
  readonly verbs?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

interface PolicyRules {
  readonly subjects?: readonly Subject[];
  readonly resourceRules?: readonly ResourceRule[];
  readonly nonResourceRules?: readonly NonResourceRule[];
}

interface FlowSchemaObject {
  readonly metadata: { readonly name: string; readonly uid?: string };
  readonly spec?: {
    readonly matchingPrecedence?: number;
    readonly priorityLevelConfiguration?: { readonly name?: string };
    readonly rules?: readonly PolicyRules[];
  };
}

interface CompiledSchema {
  readonly name: string;
  readonly rules: readonly PolicyRules[];
  readonly classification: FlowClassification;
  /** Whether every rule that names the client also covers every request (`exempt`'s shape). */
  readonly coversAll: boolean;
}

interface Compiled {
  schemas: readonly CompiledSchema[];
  catchAll?: CompiledSchema;
  stale: boolean;
  /**
   * Clients whose classification never looked past the subjects (the first schema naming them
   * covers every request), by user: a certificate client asks the same on every request.
   */
  byClient: Map<string, KnownClient>;
}

interface KnownClient {
  readonly authenticated: boolean;
  readonly groups: readonly string[];
  readonly classification: FlowClassification | undefined;
}

// Users remembered per cluster; past it the memo starts over (clients are few per cluster).
const MAX_KNOWN_CLIENTS = 64;

const compiledByStore = new WeakMap<ObjectStore, Compiled>();

/**
 * The classification of a request by `client` (the authenticated user, before impersonation);
 * undefined when the cluster has no FlowSchema that would take it (no APF objects at all).
 */
export function classifyRequest(
  store: ObjectStore,
  client: ClientIdentity,
  attributes: LazyAttributes,
): FlowClassification | undefined {
  let compiled = compiledByStore.get(store);
  if (compiled === undefined) {
    compiled = { schemas: [], stale: true, byClient: new Map() };
    compiledByStore.set(store, compiled);
    const entry = compiled;
    store.onChange((change) => {
      if (change.resource === FLOW_SCHEMAS.key || change.resource === PRIORITY_LEVELS.key) {
        entry.stale = true;
      }
    });
  }
  if (compiled.stale) compile(store, compiled);
  const user = client.user ?? "";
  const known = compiled.byClient.get(user);
  if (
    known !== undefined && known.authenticated === client.authenticated &&
    sameGroups(known.groups, client.groups)
  ) return known.classification;
  let request: RequestAttributes | undefined;
  const lazy = () => request ??= attributes();
  let classification = compiled.catchAll?.classification;
  for (const schema of compiled.schemas) {
    if (matchesSchema(schema, client, lazy)) {
      classification = schema.classification;
      break;
    }
  }
  // Decided by who asks alone: the same client always gets the same answer.
  if (request === undefined) {
    if (compiled.byClient.size >= MAX_KNOWN_CLIENTS) compiled.byClient.clear();
    const { authenticated, groups } = client;
    compiled.byClient.set(user, { authenticated, groups, classification });
  }
  return classification;
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compile(store: ObjectStore, compiled: Compiled): void {
  const levels = new Map<string, string>();
  for (const level of store.list(PRIORITY_LEVELS)) {
    levels.set(level.metadata.name ?? "", level.metadata.uid ?? "");
  }
  const schemas: (CompiledSchema & { precedence: number })[] = [];
  for (const object of store.list(FLOW_SCHEMAS) as unknown as FlowSchemaObject[]) {
    const levelUid = levels.get(object.spec?.priorityLevelConfiguration?.name ?? "");
    if (levelUid === undefined) continue; // dangling: kube-apiserver ignores it
    const rules = object.spec?.rules ?? [];
    schemas.push({
      name: object.metadata.name,
      precedence: object.spec?.matchingPrecedence ?? 0,
      rules,
      classification: { flowSchemaUid: object.metadata.uid ?? "", priorityLevelUid: levelUid },
      coversAll: rules.every(coversEveryRequest),
    });
  }
  // apihelpers.FlowSchemaSequence: lower matchingPrecedence first, then by name.
  schemas.sort((a, b) =>
    a.precedence - b.precedence || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
  compiled.schemas = schemas;
  compiled.catchAll = schemas.find((schema) => schema.name === "catch-all");
  compiled.byClient = new Map();
  compiled.stale = false;
}

function matchesSchema(
  schema: CompiledSchema,
  client: ClientIdentity,
  attributes: LazyAttributes,
): boolean {
  for (const rule of schema.rules) {
    if (!matchesASubject(client, rule.subjects)) continue;
    if (schema.coversAll) return true;
    const request = attributes();
    if (request.kind === "resource") {
      if (rule.resourceRules?.some((r) => matchesResource(r, request))) return true;
    } else if (
      rule.nonResourceRules?.some((r) => matchesNonResource(r, request.verb, request.path))
    ) {
      return true;
    }
  }
  return false;
}

// The exempt schema's rule: every verb, group, resource and namespace, and every URL.
function coversEveryRequest(rule: PolicyRules): boolean {
  const resource = rule.resourceRules?.some((r) =>
    wildcard(r.verbs) && wildcard(r.apiGroups) && wildcard(r.resources) &&
    r.clusterScope === true && wildcard(r.namespaces)
  );
  const nonResource = rule.nonResourceRules?.some((r) =>
    wildcard(r.verbs) && wildcard(r.nonResourceURLs)
  );
  return resource === true && nonResource === true;
}

function wildcard(list: readonly string[] | undefined): boolean {
  return list?.length === 1 && list[0] === ALL;
}

function matchesASubject(
  client: ClientIdentity,
  subjects: readonly Subject[] | undefined,
): boolean {
  if (!subjects) return false;
  for (const subject of subjects) if (matchesSubject(client, subject)) return true;
  return false;
}

function matchesSubject(client: ClientIdentity, subject: Subject): boolean {
  const user = client.authenticated ? client.user ?? "" : ANONYMOUS;
  switch (subject.kind) {
    case "User":
      return subject.user?.name === ALL || subject.user?.name === user;
    case "Group": {
      const seek = subject.group?.name;
      if (seek === undefined) return false;
      return seek === ALL || hasGroup(client, seek);
    }
    case "ServiceAccount": {
      const account = subject.serviceAccount;
      if (!account || !user.startsWith(SERVICE_ACCOUNT_PREFIX)) return false;
      const rest = user.slice(SERVICE_ACCOUNT_PREFIX.length);
      const namespace = account.namespace ?? "";
      if (account.name === ALL) return rest.startsWith(`${namespace}:`);
      return rest === `${namespace}:${account.name}`;
    }
    default:
      return false;
  }
}

// The authentication chain adds `system:authenticated` to every authenticated user (a token's
// groups carry it already); an anonymous request is `system:unauthenticated`.
function hasGroup(client: ClientIdentity, group: string): boolean {
  if (!client.authenticated) return group === UNAUTHENTICATED;
  return group === AUTHENTICATED || client.groups.includes(group);
}

// rule.go `containsString`: a lone wildcard matches everything, otherwise an exact member.
function contains(list: readonly string[] | undefined, value: string): boolean {
  if (!list) return false;
  return wildcard(list) || list.includes(value);
}

function matchesResource(
  rule: ResourceRule,
  request: Extract<RequestAttributes, { kind: "resource" }>,
): boolean {
  if (!contains(rule.verbs, request.verb)) return false;
  const resource = request.subresource
    ? `${request.resource}/${request.subresource}`
    : request.resource;
  if (!contains(rule.resources, resource)) return false;
  if (!contains(rule.apiGroups, request.apiGroup)) return false;
  if (!request.namespace) return rule.clusterScope === true;
  return contains(rule.namespaces, request.namespace);
}

function matchesNonResource(rule: NonResourceRule, verb: string, path: string): boolean {
  if (!contains(rule.verbs, verb)) return false;
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === ALL || url === path) return true;
    // `/healthz/*` and `/healthz` alike cover what lies under `/healthz/`.
    let prefix = url.endsWith("*") ? url.slice(0, -1) : url;
    if (!prefix.endsWith("/")) prefix += "/";
    if (path.startsWith(prefix)) return true;
  }
  return false;
}
