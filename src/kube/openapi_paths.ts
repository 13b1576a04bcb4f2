// The routes of one group version as kube-apiserver's installer registers them, as neutral data
// both OpenAPI renderings (v2, v3) read.
//
// Rules from k8s.io/apiserver pkg/endpoints/installer.go (registerResourceHandlers: which actions
// a storage's verbs bring, their paths, docs, operation names, options and media types) and
// pkg/endpoints/openapi (operation IDs and tags). What the rules cannot compute — each options
// struct's query parameters and which stores answer DELETE with the object — comes per minor
// from openapi_paths_table.ts, extracted from upstream's published spec.

import type { Catalog, ResourceType, Subresource } from "../resources/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";
import { schemaName } from "./openapi_schemas.ts";
import { PATH_TEXTS, PATHS_TABLE } from "./openapi_paths_table.ts";
import { customResourceRoutes } from "./openapi_crd_paths.ts";

/** One minor's row of the generated table (query parameters as [name, type, text index]). */
export interface PathsTable {
  readonly pretty: number;
  readonly options: Readonly<Record<string, readonly (readonly [string, string, number])[]>>;
  readonly deleteReturnsObject: readonly string[];
}

/** A non-body parameter of a route. */
export interface Param {
  readonly name: string;
  readonly in: "path" | "query";
  readonly type: string;
  readonly description: string;
}

/** An HTTP method of a path item, in the order kube-openapi writes them. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

/** One route: an operation on a path. */
export interface Route {
  readonly method: typeof METHODS[number];
  /** `x-kubernetes-action`; absent on the group version's resource list. */
  readonly action?: string;
  readonly operationId: string;
  readonly description: string;
  readonly tag: string;
  readonly gvk?: { group: string; version: string; kind: string };
  readonly params: readonly Param[];
  /** v2's `consumes` of a route without a body (a custom resource's: JSON and YAML). */
  readonly consumes?: readonly string[];
  /** The request body: a component name, whether required, and the accepted media types. */
  readonly body?: { schema: string; required: boolean; consumes: readonly string[] };
  readonly produces: readonly string[];
  /** Response codes with their descriptions (all with the same schema). */
  readonly responses: readonly (readonly [string, string])[];
  /** The response schema: a component name, or undefined for a plain string. */
  readonly returns?: string;
  /** Whether the operation is on a custom resource (no strategic merge patch). */
  readonly custom: boolean;
}

/** A path with the routes registered on it. */
export interface PathSpec {
  readonly path: string;
  readonly routes: readonly Route[];
}

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const STATUS = `${META}.Status`;
const MEDIA = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
const STREAM = [
  "application/json;stream=watch",
  "application/vnd.kubernetes.protobuf;stream=watch",
];
// apiextensions-apiserver serves custom resources as JSON and YAML only.
const CUSTOM_MEDIA = ["application/json", "application/yaml"];
const CUSTOM_STREAM = ["application/json;stream=watch"];
const PATCH_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];
// The installer's own path parameter texts (registerResourceHandlers).
const NAMESPACE_DOC = "object name and auth scope, such as for teams and projects";
const PATH_DOC = "path to the resource";
// Subresources served by a Connecter (kubelet and service streams), and their methods.
const PROXY_METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;
const STREAM_METHODS = ["get", "post"] as const;
// Subresources read through a GetterWithOptions: their options struct and extra media type.
const GET_WITH_OPTIONS: Readonly<Record<string, { options: string; produces: string }>> = {
  "pods/log": { options: "PodLogOptions", produces: "text/plain" },
};

function tableOf(kubernetesVersion: string): PathsTable {
  const minor = kubernetesMinor(kubernetesVersion) ?? 33;
  // A minor without a row reads the nearest one (newer first, then the newest).
  const keys = Object.keys(PATHS_TABLE).sort((a, b) => Number(a) - Number(b));
  const key = keys.find((k) => Number(k) >= minor) ?? keys[keys.length - 1];
  return PATHS_TABLE[key];
}

/** The query parameters an options struct contributes in this release, as the installer adds them. */
export function optionParams(kubernetesVersion: string, struct: string): readonly Param[] {
  const table = tableOf(kubernetesVersion);
  return (table.options[struct] ?? []).map(([name, type, text]) => ({
    name,
    in: "query" as const,
    type,
    description: PATH_TEXTS[text],
  }));
}

/** The `pretty` query parameter of the release. */
function pretty(kubernetesVersion: string): Param {
  const description = PATH_TEXTS[tableOf(kubernetesVersion).pretty];
  return { name: "pretty", in: "query", type: "string", description };
}

/** kube-apiserver's ToValidOperationID: letters kept, anything else capitalizes the next one. */
export function toValidOperationId(text: string, capitalizeFirst: boolean): string {
  let out = "";
  let capitalize = capitalizeFirst;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\p{L}/u.test(c) || c === "_" || (i !== 0 && /\d/.test(c))) {
      out += capitalize ? c.toUpperCase() : c;
      capitalize = false;
    } else capitalize = true;
  }
  return out;
}

const VERB_PREFIXES = ["get", "log", "read", "replace", "patch", "delete", "watch", "connect"]
  .concat(["proxy", "list", "create"]);

/** Operation ID and tag as GetOperationIDAndTags: the group version goes after the verb. */
function operationIdAndTag(op: string, group: string, version: string): [string, string] {
  // The trie answers the shortest verb that prefixes the name ("delete" of "deletecollection").
  const verb = VERB_PREFIXES.filter((v) => op.startsWith(v)).sort((a, b) => a.length - b.length)[0];
  const trimmed = group ? group.replace(/\.k8s\.io$/, "") : "core";
  const id = verb + toValidOperationId(trimmed, true) + toValidOperationId(version, true) +
    toValidOperationId(op.slice(verb.length), true);
  return [id, `${toValidOperationId(trimmed, false)}_${toValidOperationId(version, false)}`];
}

const title = (word: string) => word ? word[0].toUpperCase() + word.slice(1).toLowerCase() : "";

// GetArticleForNoun: plurals (ending in s but not ss) take none.
function article(noun: string): string {
  if (!noun.endsWith("ss") && noun.endsWith("s")) return " ";
  return /^[aeiou]/i.test(noun) ? " an " : " a ";
}

/** Every path a group version serves, sorted as kube-openapi writes them. */
export function groupVersionPaths(
  catalog: Catalog,
  group: string,
  version: string,
): PathSpec[] {
  const kubernetesVersion = catalog.kubernetesVersion;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const byPath = new Map<string, Route[]>();
  const add = (path: string, route: Route) => {
    const routes = byPath.get(path);
    if (routes) routes.push(route);
    else byPath.set(path, [route]);
  };
  const resources = catalog.inGroupVersion(group, version);
  const rules = new RouteRules(catalog, kubernetesVersion, group, version);
  // A CRD's group version is apiextensions' own document: its resources' routes, no discovery.
  if (resources.length > 0 && resources.every((r) => r.custom)) {
    for (const resource of resources) rules.custom(resource, add);
    return sortedPaths(byPath);
  }
  const custom = resources.some((r) => r.custom);
  const [resourcesId, tag] = operationIdAndTag("getAPIResources", group, version);
  add(`${prefix}/`, {
    method: "get",
    operationId: resourcesId,
    description: "get available resources",
    tag,
    params: [],
    produces: custom && resources.every((r) => r.custom) ? CUSTOM_MEDIA : MEDIA,
    responses: [["200", "OK"]],
    returns: `${META}.APIResourceList`,
    custom: false,
  });
  for (const resource of resources) {
    rules.resource(resource, add);
    for (const sub of resource.subresources) rules.subresource(resource, sub, add);
  }
  return sortedPaths(byPath);
}

function sortedPaths(byPath: Map<string, Route[]>): PathSpec[] {
  return [...byPath.keys()].sort((a, b) => a < b ? -1 : a > b ? 1 : 0).map((path) => ({
    path,
    routes: byPath.get(path)!,
  }));
}

type Add = (path: string, route: Route) => void;

// One group version's route builder: registerResourceHandlers for each resource and subresource.
class RouteRules {
  readonly #prefix: string;
  readonly #pretty: Param;
  readonly #deleteReturnsObject: Set<string>;

  constructor(
    readonly catalog: Catalog,
    readonly kubernetesVersion: string,
    readonly group: string,
    readonly version: string,
  ) {
    this.#prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
    this.#pretty = pretty(kubernetesVersion);
    this.#deleteReturnsObject = new Set(tableOf(kubernetesVersion).deleteReturnsObject);
  }

  #options(struct: string, without: readonly string[] = []): readonly Param[] {
    return optionParams(this.kubernetesVersion, struct).filter((p) => !without.includes(p.name));
  }

  #route(
    resource: ResourceType,
    op: string,
    fields: Omit<Route, "operationId" | "tag" | "custom" | "produces"> & {
      produces?: readonly string[];
    },
  ): Route {
    const [operationId, tag] = operationIdAndTag(op, this.group, this.version);
    const custom = resource.custom ?? false;
    return {
      ...fields,
      operationId,
      tag,
      custom,
      produces: fields.produces ?? (custom ? CUSTOM_MEDIA : MEDIA),
    };
  }

  #schema(group: string, version: string, kind: string): string {
    return schemaName(this.catalog, group, version, kind);
  }

  /** The routes of a custom resource, as apiextensions-apiserver's OpenAPI builder makes them. */
  custom(resource: ResourceType, add: Add): void {
    const options = (struct: string) =>
      struct === "GetOptions"
        // GetOptions carries only resourceVersion, worded as ListOptions' (one shared parameter).
        ? this.#options("ListOptions").filter((p) => p.name === "resourceVersion")
        : this.#options(struct);
    customResourceRoutes(resource, {
      prefix: this.#prefix,
      pretty: this.#pretty,
      options,
      route: (op, fields) => this.#route(resource, op, fields),
      self: this.#schema(this.group, this.version, resource.kind),
    }, add);
  }

  /** The routes of a resource's own paths (collection, item, all namespaces, deprecated watch). */
  resource(resource: ResourceType, add: Add): void {
    const { kind, namespaced, verbs } = resource;
    const has = (verb: string) => verbs.includes(verb);
    const custom = resource.custom ?? false;
    const all = custom ? [...CUSTOM_MEDIA, ...CUSTOM_STREAM] : [...MEDIA, ...STREAM];
    const gvk = { group: this.group, version: this.version, kind };
    const self = this.#schema(this.group, this.version, kind);
    const ns = namespaced ? "Namespaced" : "";
    const scope: Param[] = namespaced
      ? [{ name: "namespace", in: "path", type: "string", description: NAMESPACE_DOC }]
      : [];
    const name: Param = {
      name: "name",
      in: "path",
      type: "string",
      description: `name of the ${kind}`,
    };
    const base = namespaced ? `namespaces/{namespace}/${resource.name}` : resource.name;
    const collection = `${this.#prefix}/${base}`;
    const item = `${collection}/{name}`;
    const list = this.#options("ListOptions");
    const pretty = this.#pretty;
    const listRoute = (allNamespaces: boolean): Route =>
      this.#route(
        resource,
        `list${allNamespaces ? "" : ns}${kind}${allNamespaces ? "ForAllNamespaces" : ""}`,
        {
          method: "get",
          action: "list",
          description: has("watch")
            ? `list or watch objects of kind ${kind}`
            : `list objects of kind ${kind}`,
          gvk,
          params: [pretty, ...list, ...(allNamespaces ? [] : scope)],
          produces: all,
          responses: [["200", "OK"]],
          returns: `${self}List`,
        },
      );
    const watchListRoute = (allNamespaces: boolean): Route =>
      this.#route(
        resource,
        `watch${allNamespaces ? "" : ns}${kind}List${allNamespaces ? "ForAllNamespaces" : ""}`,
        {
          method: "get",
          action: "watchlist",
          description:
            `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`,
          gvk,
          params: [pretty, ...list, ...(allNamespaces ? [] : scope)],
          produces: all,
          responses: [["200", "OK"]],
          returns: `${META}.WatchEvent`,
        },
      );
    const deleteBody = { schema: `${META}.DeleteOptions`, required: false, consumes: ["*/*"] };
    const deleteReturns = this.#deleteReturnsObject.has(`${this.group}/${resource.name}`)
      ? self
      : STATUS;
    if (has("list")) add(collection, listRoute(false));
    if (has("create")) {
      add(
        collection,
        this.#route(resource, `create${ns}${kind}`, {
          method: "post",
          action: "post",
          description: `create${article(kind)}${kind}`,
          gvk,
          params: [pretty, ...this.#options("CreateOptions"), ...scope],
          body: { schema: self, required: true, consumes: ["*/*"] },
          responses: [["200", "OK"], ["201", "Created"], ["202", "Accepted"]],
          returns: self,
        }),
      );
    }
    if (has("deletecollection")) {
      add(
        collection,
        this.#route(resource, `deletecollection${ns}${kind}`, {
          method: "delete",
          action: "deletecollection",
          description: `delete collection of ${kind}`,
          gvk,
          params: [
            pretty,
            ...this.#options("DeleteOptions"),
            ...this.#options("ListOptions", ["watch", "allowWatchBookmarks"]),
            ...scope,
          ],
          body: deleteBody,
          responses: [["200", "OK"]],
          returns: STATUS,
        }),
      );
    }
    if (has("list") && has("watch")) add(`${this.#prefix}/watch/${base}`, watchListRoute(false));
    const itemParams = [name, ...scope];
    if (has("get")) {
      add(
        item,
        this.#route(resource, `read${ns}${kind}`, {
          method: "get",
          action: "get",
          description: `read the specified ${kind}`,
          gvk,
          params: [pretty, ...itemParams],
          responses: [["200", "OK"]],
          returns: self,
        }),
      );
    }
    if (has("update")) {
      add(item, this.#update(resource, `replace${ns}${kind}`, kind, gvk, self, itemParams, ""));
    }
    if (has("patch")) {
      add(item, this.#patch(resource, `patch${ns}${kind}`, kind, gvk, self, itemParams, ""));
    }
    if (has("delete")) {
      add(
        item,
        this.#route(resource, `delete${ns}${kind}`, {
          method: "delete",
          action: "delete",
          description: `delete${article(kind)}${kind}`,
          gvk,
          params: [pretty, ...this.#options("DeleteOptions"), ...itemParams],
          body: deleteBody,
          responses: [["200", "OK"], ["202", "Accepted"]],
          returns: deleteReturns,
        }),
      );
    }
    if (has("watch")) {
      add(
        `${this.#prefix}/watch/${base}/{name}`,
        this.#route(resource, `watch${ns}${kind}`, {
          method: "get",
          action: "watch",
          description:
            `watch changes to an object of kind ${kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`,
          gvk,
          params: [pretty, ...list, ...itemParams],
          produces: all,
          responses: [["200", "OK"]],
          returns: `${META}.WatchEvent`,
        }),
      );
    }
    if (namespaced && has("list")) {
      add(`${this.#prefix}/${resource.name}`, listRoute(true));
      if (has("watch")) add(`${this.#prefix}/watch/${resource.name}`, watchListRoute(true));
    }
  }

  #update(
    resource: ResourceType,
    op: string,
    kind: string,
    gvk: Route["gvk"],
    schema: string,
    params: readonly Param[],
    sub: string,
  ): Route {
    return this.#route(resource, op, {
      method: "put",
      action: "put",
      description: sub
        ? `replace ${sub} of the specified ${kind}`
        : `replace the specified ${kind}`,
      gvk,
      params: [this.#pretty, ...this.#options("UpdateOptions"), ...params],
      body: { schema, required: true, consumes: ["*/*"] },
      responses: [["200", "OK"], ["201", "Created"]],
      returns: schema,
    });
  }

  #patch(
    resource: ResourceType,
    op: string,
    kind: string,
    gvk: Route["gvk"],
    schema: string,
    params: readonly Param[],
    sub: string,
  ): Route {
    const custom = resource.custom ?? false;
    return this.#route(resource, op, {
      method: "patch",
      action: "patch",
      description: sub
        ? `partially update ${sub} of the specified ${kind}`
        : `partially update the specified ${kind}`,
      gvk,
      params: [this.#pretty, ...this.#options("PatchOptions"), ...params],
      body: {
        schema: `${META}.Patch`,
        required: true,
        consumes: custom ? PATCH_TYPES.filter((t) => !t.includes("strategic")) : PATCH_TYPES,
      },
      responses: [["200", "OK"], ["201", "Created"]],
      returns: schema,
    });
  }

  /** The routes of `<resource>/{name}/<sub>` (and `/{path}` for proxies). */
  subresource(resource: ResourceType, sub: Subresource, add: Add): void {
    const parent = resource.kind;
    const group = sub.group ?? this.group;
    const version = sub.version ?? this.version;
    const gvk = { group, version, kind: sub.kind };
    const ns = resource.namespaced ? "Namespaced" : "";
    const scope: Param[] = resource.namespaced
      ? [{ name: "namespace", in: "path", type: "string", description: NAMESPACE_DOC }]
      : [];
    const params: Param[] = [
      { name: "name", in: "path", type: "string", description: `name of the ${sub.kind}` },
      ...scope,
    ];
    const base = resource.namespaced ? `namespaces/{namespace}/${resource.name}` : resource.name;
    const path = `${this.#prefix}/${base}/{name}/${sub.name}`;
    const suffix = title(sub.name);
    const has = (verb: string) => sub.verbs.includes(verb);
    if (sub.kind.endsWith("Options") && !GET_WITH_OPTIONS[`${resource.name}/${sub.name}`]) {
      // A Connecter: every method streams to the kubelet or service; proxies also take a subpath.
      const proxy = sub.name === "proxy";
      const options = this.#options(sub.kind);
      const connect = (method: typeof PROXY_METHODS[number], withPath: boolean) =>
        this.#route(
          resource,
          `connect${title(method)}${ns}${parent}${suffix}${withPath ? "WithPath" : ""}`,
          {
            method,
            action: "connect",
            description: `connect ${method.toUpperCase()} requests to ${sub.name} of ${parent}`,
            gvk,
            params: [
              ...options,
              ...params,
              ...(withPath
                ? [{ name: "path", in: "path" as const, type: "string", description: PATH_DOC }]
                : []),
            ],
            produces: ["*/*"],
            responses: [["200", "OK"]],
          },
        );
      for (const method of proxy ? PROXY_METHODS : STREAM_METHODS) {
        add(path, connect(method, false));
        if (proxy) add(`${path}/{path}`, connect(method, true));
      }
      return;
    }
    const self = this.#schema(group, version, sub.kind);
    const withOptions = GET_WITH_OPTIONS[`${resource.name}/${sub.name}`];
    if (has("get")) {
      add(
        path,
        this.#route(resource, `read${ns}${parent}${suffix}`, {
          method: "get",
          action: "get",
          description: `read ${sub.name} of the specified ${parent}`,
          gvk,
          params: [
            this.#pretty,
            ...(withOptions ? this.#options(withOptions.options) : []),
            ...params,
          ],
          ...(withOptions ? { produces: [withOptions.produces, ...MEDIA] } : {}),
          responses: [["200", "OK"]],
          returns: withOptions ? undefined : self,
        }),
      );
    }
    if (has("update")) {
      add(
        path,
        this.#update(
          resource,
          `replace${ns}${parent}${suffix}`,
          parent,
          gvk,
          self,
          params,
          sub.name,
        ),
      );
    }
    if (has("patch")) {
      add(
        path,
        this.#patch(resource, `patch${ns}${parent}${suffix}`, parent, gvk, self, params, sub.name),
      );
    }
    if (has("create")) {
      add(
        path,
        this.#route(resource, `create${ns}${parent}${suffix}`, {
          method: "post",
          action: "post",
          description: `create ${sub.name} of${article(parent)}${parent}`,
          gvk,
          params: [this.#pretty, ...this.#options("CreateOptions"), ...params],
          body: { schema: self, required: true, consumes: ["*/*"] },
          responses: [["200", "OK"], ["201", "Created"], ["202", "Accepted"]],
          returns: self,
        }),
      );
    }
  }
}
