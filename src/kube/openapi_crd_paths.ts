// The routes of a custom resource as apiextensions-apiserver's OpenAPI builder registers them:
// fewer than the installer's (no deprecated watch paths, list without watch, options per verb,
// JSON and YAML consumed by every method but PATCH, no 201 on PATCH, /scale under the CRD's kind).
//
// Source: k8s.io/apiextensions-apiserver v0.36.3 pkg/controller/openapi/builder/builder.go
// (generateBuilder, buildRoute, descriptionFor).

import type { ResourceType } from "../resources/mod.ts";
import type { Param, Route } from "./openapi_paths.ts";

/** What a group version's route builder lends the custom resource routes. */
export interface CustomRouteContext {
  readonly prefix: string;
  readonly pretty: Param;
  /** An options struct's query parameters in the cluster's release. */
  options(struct: string): readonly Param[];
  /** A route with its operation ID and tag; `op` is the name before the group version goes in. */
  route(op: string, fields: CustomRouteFields): Route;
  /** The component name of the resource's kind (`com.example.v1.Widget`). */
  readonly self: string;
}

/** The fields of a route the custom resource builder sets. */
export type CustomRouteFields = Omit<Route, "operationId" | "tag" | "custom">;

type Add = (path: string, route: Route) => void;

const MEDIA = ["application/json", "application/yaml"];
const PATCH_MEDIA = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/apply-patch+yaml",
];
const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const SCALE = "io.k8s.api.autoscaling.v1.Scale";
const NAMESPACE_DOC = "object name and auth scope, such as for teams and projects";

/** Adds the routes of one custom resource version (status and scale when the CRD serves them). */
export function customResourceRoutes(
  resource: ResourceType,
  context: CustomRouteContext,
  add: Add,
): void {
  const { kind, namespaced } = resource;
  const { prefix, pretty, self } = context;
  const gvk = { group: resource.group, version: resource.version, kind };
  const ns = namespaced ? "Namespaced" : "";
  const namespace: Param[] = namespaced
    ? [{ name: "namespace", in: "path", type: "string", description: NAMESPACE_DOC }]
    : [];
  const name: Param = {
    name: "name",
    in: "path",
    type: "string",
    description: `name of the ${kind}`,
  };
  const root = namespaced
    ? `${prefix}/namespaces/{namespace}/${resource.name}`
    : `${prefix}/${resource.name}`;
  const common = { gvk, produces: MEDIA };
  const list = (op: string, scope: readonly Param[]): Route =>
    context.route(op, {
      ...common,
      method: "get",
      action: "list",
      description: `list objects of kind ${kind}`,
      consumes: MEDIA,
      params: [pretty, ...scope, ...context.options("ListOptions")],
      responses: [["200", "OK"]],
      returns: `${self}List`,
    });
  if (namespaced) add(`${prefix}/${resource.name}`, list(`list${kind}ForAllNamespaces`, []));
  add(root, list(`list${ns}${kind}`, namespace));
  add(
    root,
    context.route(`create${ns}${kind}`, {
      ...common,
      method: "post",
      action: "post",
      description: `create${article(kind)}${kind}`,
      params: [pretty, ...namespace, ...context.options("CreateOptions")],
      body: { schema: self, required: true, consumes: MEDIA },
      responses: [["200", "OK"], ["201", "Created"], ["202", "Accepted"]],
      returns: self,
    }),
  );
  add(
    root,
    context.route(`deletecollection${ns}${kind}`, {
      ...common,
      method: "delete",
      action: "deletecollection",
      description: `delete collection of ${kind}`,
      consumes: MEDIA,
      params: [pretty, ...namespace, ...context.options("ListOptions")],
      responses: [["200", "OK"]],
      returns: `${META}.Status`,
    }),
  );
  const item = [pretty, ...namespace, name];
  const subresources = [
    ["", self],
    ...resource.subresources.filter((s) => s.name === "status").map(() => ["status", self]),
    ...resource.subresources.filter((s) => s.name === "scale").map(() => ["scale", SCALE]),
  ];
  for (const [sub, schema] of subresources) {
    const path = sub ? `${root}/{name}/${sub}` : `${root}/{name}`;
    const of = sub ? ` ${sub} of` : "";
    const suffix = sub ? sub[0].toUpperCase() + sub.slice(1) : "";
    add(
      path,
      context.route(`read${ns}${kind}${suffix}`, {
        ...common,
        method: "get",
        action: "get",
        description: `read${of} the specified ${kind}`,
        consumes: MEDIA,
        params: [...item, ...context.options("GetOptions")],
        responses: [["200", "OK"]],
        returns: schema,
      }),
    );
    add(
      path,
      context.route(`replace${ns}${kind}${suffix}`, {
        ...common,
        method: "put",
        action: "put",
        description: `replace${of} the specified ${kind}`,
        params: [...item, ...context.options("UpdateOptions")],
        body: { schema, required: true, consumes: MEDIA },
        responses: [["200", "OK"], ["201", "Created"]],
        returns: schema,
      }),
    );
    if (!sub) {
      add(
        path,
        context.route(`delete${ns}${kind}`, {
          ...common,
          method: "delete",
          action: "delete",
          description: `delete${article(kind)}${kind}`,
          params: [...item, ...context.options("DeleteOptions")],
          body: { schema: `${META}.DeleteOptions`, required: false, consumes: MEDIA },
          responses: [["200", "OK"], ["202", "Accepted"]],
          returns: `${META}.Status`,
        }),
      );
    }
    add(
      path,
      context.route(`patch${ns}${kind}${suffix}`, {
        ...common,
        method: "patch",
        action: "patch",
        description: `partially update${of} the specified ${kind}`,
        params: [...item, ...context.options("PatchOptions")],
        body: { schema: `${META}.Patch`, required: true, consumes: PATCH_MEDIA },
        responses: [["200", "OK"]],
        returns: schema,
      }),
    );
  }
}

// GetArticleForNoun: plurals (ending in s but not ss) take none.
function article(noun: string): string {
  if (!noun.endsWith("ss") && noun.endsWith("s")) return " ";
  return /^[aeiou]/i.test(noun) ? " an " : " a ";
}
