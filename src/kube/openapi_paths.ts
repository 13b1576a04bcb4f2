// The REST operations of one group version, as neutral data both OpenAPI renderings (v2, v3) read.

import type { Catalog, ResourceType } from "../resources/mod.ts";
import { schemaName } from "./openapi_schemas.ts";

/** One HTTP operation on a path. */
export interface Operation {
  readonly method: "get" | "put" | "post" | "patch" | "delete";
  readonly action: string;
  readonly operationId: string;
  readonly description: string;
  readonly tag: string;
  readonly gvk: { group: string; version: string; kind: string };
  readonly query: readonly string[];
  /** Schema name of the request body, if the operation takes one. */
  readonly body?: string;
  /** Schema name of the 200 response. */
  readonly response: string;
  /** Whether the operation is on a custom resource (no strategic merge patch). */
  readonly custom: boolean;
}

/** A path with its path parameters and operations. */
export interface PathSpec {
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly operations: readonly Operation[];
}

/** Query parameters: name → [JSON type, description]. */
export const QUERY_PARAMS: Readonly<Record<string, readonly [string, string]>> = {
  allowWatchBookmarks: ["boolean", "allowWatchBookmarks requests watch events with type BOOKMARK."],
  continue: ["string", "The continue option should be set when retrieving more results."],
  dryRun: ["string", "When present, indicates that modifications should not be persisted."],
  fieldManager: ["string", "fieldManager is a name associated with the actor making the changes."],
  fieldSelector: ["string", "A selector to restrict the list of returned objects by their fields."],
  fieldValidation: [
    "string",
    "fieldValidation instructs the server on how to handle objects containing unknown or duplicate fields: Ignore, Warn or Strict.",
  ],
  force: ["boolean", "Force is going to force Apply requests."],
  gracePeriodSeconds: ["integer", "The duration in seconds before the object should be deleted."],
  labelSelector: ["string", "A selector to restrict the list of returned objects by their labels."],
  limit: ["integer", "limit is a maximum number of responses to return for a list call."],
  pretty: ["string", "If 'true', then the output is pretty printed."],
  propagationPolicy: ["string", "Whether and how garbage collection will be performed."],
  resourceVersion: [
    "string",
    "resourceVersion sets a constraint on what resource versions a request may be served from.",
  ],
  resourceVersionMatch: [
    "string",
    "resourceVersionMatch determines how resourceVersion is applied to list calls.",
  ],
  sendInitialEvents: ["boolean", "sendInitialEvents=true may be set together with watch=true."],
  timeoutSeconds: ["integer", "Timeout for the list/watch call."],
  watch: ["boolean", "Watch for changes to the described resources."],
};

const LIST = [
  "pretty",
  "allowWatchBookmarks",
  "continue",
  "fieldSelector",
  "labelSelector",
  "limit",
  "resourceVersion",
  "resourceVersionMatch",
  "sendInitialEvents",
  "timeoutSeconds",
  "watch",
];
const WRITE = ["pretty", "dryRun", "fieldManager", "fieldValidation"];
const DELETE = ["pretty", "dryRun", "gracePeriodSeconds", "propagationPolicy"];
const STATUS_KIND = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
const PATCH_KIND = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

interface VerbSpec {
  readonly on: "collection" | "item";
  readonly method: Operation["method"];
  readonly action: string;
  /** operationId = `${id}${GroupVersion}${infix}${Namespaced}${Kind}${Subresource}`. */
  readonly id: string;
  readonly infix?: string;
  readonly doc: string;
  readonly query: readonly string[];
  readonly returns: "object" | "list" | "status";
  readonly body?: "object" | "patch";
}

// One row per discovery verb, as kube-apiserver's installer registers routes for them.
const VERBS: Readonly<Record<string, VerbSpec>> = {
  list: {
    on: "collection",
    method: "get",
    action: "list",
    id: "list",
    doc: "list or watch objects of kind",
    query: LIST,
    returns: "list",
  },
  create: {
    on: "collection",
    method: "post",
    action: "post",
    id: "create",
    doc: "create",
    query: WRITE,
    returns: "object",
    body: "object",
  },
  deletecollection: {
    on: "collection",
    method: "delete",
    action: "deletecollection",
    id: "delete",
    infix: "Collection",
    doc: "delete collection of",
    query: [...DELETE, ...LIST],
    returns: "status",
  },
  get: {
    on: "item",
    method: "get",
    action: "get",
    id: "read",
    doc: "read the specified",
    query: ["pretty"],
    returns: "object",
  },
  update: {
    on: "item",
    method: "put",
    action: "put",
    id: "replace",
    doc: "replace the specified",
    query: WRITE,
    returns: "object",
    body: "object",
  },
  patch: {
    on: "item",
    method: "patch",
    action: "patch",
    id: "patch",
    doc: "partially update the specified",
    query: [...WRITE, "force"],
    returns: "object",
    body: "patch",
  },
  delete: {
    on: "item",
    method: "delete",
    action: "delete",
    id: "delete",
    doc: "delete",
    query: DELETE,
    returns: "status",
  },
};

/** Every path a group version serves, in catalog order. */
export function groupVersionPaths(
  catalog: Catalog,
  group: string,
  version: string,
): PathSpec[] {
  return catalog.inGroupVersion(group, version).flatMap((resource) =>
    resourcePaths(catalog, resource)
  );
}

function resourcePaths(catalog: Catalog, resource: ResourceType): PathSpec[] {
  const { group, version, kind, namespaced } = resource;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const collection = namespaced
    ? `${prefix}/namespaces/{namespace}/${resource.name}`
    : `${prefix}/${resource.name}`;
  const scope = namespaced ? ["namespace"] : [];
  const gv = idParts(group, version);
  const self = schemaName(catalog, group, version, kind);
  const operation = (verb: string, scoped: string, sub = ""): Operation => {
    const spec = VERBS[verb];
    const returns = { object: self, list: `${self}List`, status: STATUS_KIND }[spec.returns];
    return {
      method: spec.method,
      action: spec.action,
      operationId: `${spec.id}${gv.name}${spec.infix ?? ""}${scoped}${kind}${sub}`,
      description: `${spec.doc}${sub ? ` ${sub.toLowerCase()} of` : ""} ${kind}`,
      tag: gv.tag,
      gvk: { group, version, kind },
      query: spec.query,
      response: returns,
      custom: resource.custom ?? false,
      ...(spec.body ? { body: spec.body === "patch" ? PATCH_KIND : self } : {}),
    };
  };
  const scoped = namespaced ? "Namespaced" : "";
  const on = (where: VerbSpec["on"], verbs: readonly string[], sub = "") =>
    verbs.filter((v) => VERBS[v]?.on === where).map((v) => operation(v, scoped, sub));
  const paths: PathSpec[] = [
    { path: collection, pathParams: scope, operations: on("collection", resource.verbs) },
    {
      path: `${collection}/{name}`,
      pathParams: ["name", ...scope],
      operations: on("item", resource.verbs),
    },
  ];
  if (namespaced && resource.verbs.includes("list")) {
    const list = operation("list", "", "");
    paths.push({
      path: `${prefix}/${resource.name}`,
      pathParams: [],
      operations: [{ ...list, operationId: `${list.operationId}ForAllNamespaces` }],
    });
  }
  for (const sub of resource.subresources) {
    const path = `${collection}/{name}/${sub.name}`;
    const title = sub.name[0].toUpperCase() + sub.name.slice(1);
    if (sub.name === "status") {
      paths.push({
        path,
        pathParams: ["name", ...scope],
        operations: on("item", sub.verbs, title),
      });
    } else if (sub.group !== undefined && sub.kind && sub.verbs.includes("create")) {
      // pods/eviction: the request and response are objects of another group (policy/v1 Eviction).
      const gvk = { group: sub.group, version: sub.version ?? "v1", kind: sub.kind };
      const schema = schemaName(catalog, gvk.group, gvk.version, gvk.kind);
      const create = operation("create", scoped, title);
      paths.push({
        path,
        pathParams: ["name", ...scope],
        operations: [{ ...create, gvk, body: schema, response: schema }],
      });
    }
  }
  return paths;
}

function idParts(group: string, version: string) {
  const words = group ? group.replace(/\.k8s\.io$/, "").split(".") : ["core"];
  const camel = words.map((w, i) => i === 0 ? w : w[0].toUpperCase() + w.slice(1)).join("");
  const capital = (w: string) => w[0].toUpperCase() + w.slice(1);
  return { name: `${capital(camel)}${capital(version)}`, tag: `${camel}_${version}` };
}
