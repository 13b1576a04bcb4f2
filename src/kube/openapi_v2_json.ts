// /openapi/v2 in the JSON form kube-apiserver v1.36.3 serves (byte for byte, same ETag): the
// routes of the root documents beside the group versions' and kube-openapi's builder's shaping
// (shared parameters, omitted empty lists, sorted maps, spec.Schema's key order, security).

import { builtinSchemas, openApiComponents } from "../api/schema/mod.ts";
import { METHODS } from "./openapi_paths.ts";
import type { RootDocument } from "./openapi_root_documents.ts";
import { inServedOrder, type Schema, toV2Schema } from "./openapi_schemas.ts";
import { shareParameters } from "./openapi_v2_parameters.ts";

/** A swagger 2.0 object as openapi.ts builds it. */
export interface Swagger {
  readonly paths: Record<string, Schema>;
  readonly definitions: Record<string, Schema>;
  readonly [key: string]: unknown;
}

/**
 * The JSON form as kube-openapi's builder serves it: an operation without parameters has none
 * (omitempty), x-kubernetes-group-version-kind's keys sorted (an extension is a Go map), shared
 * parameters behind `$ref`s, then the BearerToken security kube-apiserver declares. The
 * protobuf form is left as it was built (each parameter inline). Changes `swagger`'s paths.
 */
export function servedSwagger(swagger: Swagger, roots: Record<string, Schema>): Swagger {
  // The definitions (sorted already) with spec.Schema's key order.
  const definitions: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(swagger.definitions)) {
    definitions[name] = inServedOrder(schema);
  }
  // Go writes the paths map with its keys sorted; the root documents' routes are among them.
  const all = { ...swagger.paths, ...roots } as Record<string, Record<string, unknown>>;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(all).sort((a, b) => a < b ? -1 : a > b ? 1 : 0)) {
    paths[key] = all[key];
  }
  for (const item of Object.values(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      if (Array.isArray(op.parameters) && op.parameters.length === 0) delete op.parameters;
      const gvk = op["x-kubernetes-group-version-kind"] as Record<string, string> | undefined;
      // kube-aggregator's APIService spec is merged in as parsed, its keys as written.
      if (gvk && gvk.group !== "apiregistration.k8s.io") {
        op["x-kubernetes-group-version-kind"] = {
          group: gvk.group,
          kind: gvk.kind,
          version: gvk.version,
        };
      }
    }
  }
  const parameters = shareParameters(paths);
  return {
    ...swagger,
    paths,
    definitions,
    parameters,
    securityDefinitions: {
      BearerToken: {
        description: "Bearer Token authentication",
        type: "apiKey",
        name: "authorization",
        in: "header",
      },
    },
    security: [{ BearerToken: [] }],
  };
}

/**
 * The v2 paths of the root documents' routes (discovery roots, /version/, the OIDC documents):
 * discovery's go-restful web services consume what they produce (JSON, YAML, protobuf), the
 * version route JSON, the OIDC routes nothing.
 */
export function v2RootPaths(roots: readonly RootDocument[]): Record<string, Schema> {
  const paths: Record<string, Schema> = {};
  for (const { route } of roots) {
    const media = route.produces.length > 1 ? DISCOVERY_MEDIA : [...route.produces];
    const oidc = route.tag === "WellKnown" || route.tag === "openid";
    paths[route.path] = {
      get: {
        description: route.description,
        ...(oidc ? {} : { consumes: media }),
        produces: media,
        schemes: ["https"],
        tags: [route.tag],
        operationId: route.operationId,
        responses: {
          "200": {
            description: "OK",
            schema: route.returns ? { $ref: `#/definitions/${route.returns}` } : { type: "string" },
          },
          "401": { description: "Unauthorized" },
        },
      },
    };
  }
  return paths;
}

/** The v2 definitions the root routes return (discovery's, version.Info) and what they refer to. */
export function v2RootDefinitions(version: string): Record<string, Schema> {
  const names = [
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList",
    "io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions",
    "io.k8s.apimachinery.pkg.version.Info",
  ];
  const components = openApiComponents(builtinSchemas(version), names) as Record<string, Schema>;
  return Object.fromEntries(
    Object.entries(components).map(([name, schema]) => [name, toV2Schema(schema)]),
  );
}

// What go-restful's discovery web services consume and produce, in the v2 document's order.
const DISCOVERY_MEDIA = [
  "application/json",
  "application/yaml",
  "application/vnd.kubernetes.protobuf",
];
