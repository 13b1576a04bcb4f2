// The OpenAPI documents kubectl reads (/openapi/v2, /openapi/v3 and its group versions), built once per catalog.

import { builtinCatalog, type Catalog } from "../resources/mod.ts";
import {
  groupVersionPaths,
  METHODS,
  type Param,
  type PathSpec,
  type Route,
} from "./openapi_paths.ts";
import { groupVersionSchemas, inServedOrder, type Schema, toV2Schema } from "./openapi_schemas.ts";
import { encodeOpenApiV2 } from "./openapi_v2_protobuf.ts";
import { crdComponents, customV2Definitions, customV3Definitions } from "./openapi_crd_schemas.ts";
import { servedSwagger, v2RootDefinitions, v2RootPaths } from "./openapi_v2_json.ts";
import { type RootDocument, rootDocuments } from "./openapi_root_documents.ts";
import { builtinSchemas, openApiComponents } from "../api/schema/mod.ts";
import { sha512Hex } from "../runtime/mod.ts";
import { kubernetesMinor } from "../api/version/mod.ts";

/** A serialized document with the hash of its content (the `?hash=` of /openapi/v3 and the ETag). */
export interface OpenApiDocument {
  readonly body: string;
  readonly hash: string;
  /** Quoted strong ETag: `"<hash>"`. */
  readonly etag: string;
}

/** The protobuf form of /openapi/v2 (gnostic `openapi.v2.Document`). */
export interface OpenApiBinaryDocument {
  readonly body: Uint8Array;
  readonly hash: string;
  readonly etag: string;
}

/** The media type client-go asks /openapi/v2 for; it parses the body as protobuf whatever it gets. */
export const OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

// kube-openapi answers the "@" spelling with this one: Go's mime parser rejects "@", and
// client-go 1.27/1.28 fail with "mime: unexpected content after media subtype" on it.
const V2_PROTOBUF_REPLY = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

/** How to answer an OpenAPI request: which body and which Content-Type. */
export interface OpenApiChoice {
  readonly format: "json" | "protobuf";
  readonly contentType: string;
}

interface Built {
  v2?: OpenApiDocument;
  v2Protobuf?: OpenApiBinaryDocument;
  v3?: Map<string, OpenApiDocument>;
  v3Index?: OpenApiDocument;
}

// Documents are shared, never per cluster: per catalog object while a cluster serves only the
// built-ins of its minor (the shared catalog is its cache key), else per content of its custom
// resources, so clusters with the same CRDs share one set (bounded: the oldest set is dropped).
const byCatalog = new WeakMap<object, Map<string, Built>>();
const byContent = new Map<string, Built>();
const MAX_CONTENT_ENTRIES = 32;
const fingerprints = new WeakMap<object, string>();

// Per catalog and release: the documents' info.version names the cluster's release.
function built(catalog: Catalog, kubernetesVersion: string): Built {
  const fingerprint = contentKey(catalog);
  if (fingerprint !== "") {
    const key = `${kubernetesVersion}\u0000${catalog.kubernetesVersion}\u0000${fingerprint}`;
    let entry = byContent.get(key);
    if (!entry) {
      if (byContent.size >= MAX_CONTENT_ENTRIES) byContent.delete(byContent.keys().next().value!);
      byContent.set(key, entry = {});
    }
    return entry;
  }
  let byVersion = byCatalog.get(catalog.cacheKey());
  if (!byVersion) byCatalog.set(catalog.cacheKey(), byVersion = new Map());
  let entry = byVersion.get(kubernetesVersion);
  if (!entry) byVersion.set(kubernetesVersion, entry = {});
  return entry;
}

// What the documents of a catalog with custom resources depend on ("" for built-ins only):
// their names, kinds, scope, verbs and subresources. Memoized per cache key (new on each change).
function contentKey(catalog: Catalog): string {
  const cacheKey = catalog.cacheKey();
  let key = fingerprints.get(cacheKey);
  if (key === undefined) {
    const custom = catalog.all().filter((r) => r.custom);
    key = custom.length === 0 ? "" : JSON.stringify(
      custom.map((
        r,
      ) => [r.group, r.version, r.name, r.kind, r.namespaced, r.verbs, r.subresources]),
    );
    fingerprints.set(cacheKey, key);
  }
  return key;
}

// The built-in catalog of the release when a group version serves exactly its resources, so a
// cluster with CRDs reuses the shared documents of its built-in group versions.
function sharedBuiltins(catalog: Catalog, group: string, version: string): Catalog | undefined {
  if (!catalog.kubernetesVersion) return undefined;
  const builtins = builtinCatalog(catalog.kubernetesVersion);
  // The same cache entry (a cluster without CRDs is keyed by its built-ins).
  if (builtins.cacheKey() === catalog.cacheKey()) return undefined;
  const ours = catalog.inGroupVersion(group, version);
  const theirs = builtins.inGroupVersion(group, version);
  const same = ours.length === theirs.length && ours.every((r, i) => r === theirs[i]);
  return same ? builtins : undefined;
}

/**
 * The `info.version` of kube-apiserver's OpenAPI documents: the emulation version (`1.36`) from
 * 1.31, the git version up to its first `-` before (k8s.io/apiserver's completeOpenAPI).
 */
function infoVersion(kubernetesVersion: string): string {
  const [major, minor] = kubernetesVersion.replace(/^v/, "").split(".").map(Number);
  if (major > 1 || minor >= 31) return `${major}.${minor}`;
  return kubernetesVersion.split("-")[0];
}

/** `/openapi/v2` as swagger 2.0 JSON: every path and definition of the catalog. */
export function openApiV2(catalog: Catalog, kubernetesVersion: string): OpenApiDocument {
  const entry = built(catalog, kubernetesVersion);
  entry.v2 ??= serialize(
    servedSwagger(
      swaggerObject(catalog, kubernetesVersion),
      v2RootPaths(roots(catalog, kubernetesVersion)),
    ),
  );
  return entry.v2;
}

/** `/openapi/v2` as protobuf, the only form client-go's `OpenAPISchema()` can parse. */
export function openApiV2Protobuf(
  catalog: Catalog,
  kubernetesVersion: string,
): OpenApiBinaryDocument {
  const entry = built(catalog, kubernetesVersion);
  if (!entry.v2Protobuf) {
    const body = encodeOpenApiV2(swaggerObject(catalog, kubernetesVersion));
    // kube-openapi's protobuf cache transforms the JSON one and keeps its ETag (the oracle's
    // protobuf answer carries the JSON document's hash).
    const { hash, etag } = openApiV2(catalog, kubernetesVersion);
    entry.v2Protobuf = { body, hash, etag };
  }
  return entry.v2Protobuf;
}

/** `/openapi/v3`: the group version paths with their content-addressed URLs. */
export function openApiV3Index(catalog: Catalog, kubernetesVersion: string): OpenApiDocument {
  const entry = built(catalog, kubernetesVersion);
  if (!entry.v3Index) {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    // kube-openapi lists the paths sorted.
    const documents = [...v3Documents(catalog, kubernetesVersion)].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0
    );
    for (const [path, document] of documents) {
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${document.hash}` };
    }
    entry.v3Index = serialize({ paths });
  }
  return entry.v3Index;
}

/** `/openapi/v3/<path>` (`api/v1`, `apis/apps/v1`), or undefined for a path the catalog does not serve. */
export function openApiV3Document(
  catalog: Catalog,
  kubernetesVersion: string,
  groupVersionPath: string,
): OpenApiDocument | undefined {
  return v3Documents(catalog, kubernetesVersion).get(groupVersionPath.replace(/^\/+|\/+$/g, ""));
}

/**
 * How to answer `GET /openapi/v2` for an Accept header, as kube-openapi does: protobuf (what
 * kubectl asks for), JSON, or undefined for 406 Not Acceptable.
 */
export function negotiateOpenApiV2(accept: string | undefined): OpenApiChoice | undefined {
  return negotiate(accept, [OPENAPI_V2_PROTOBUF, V2_PROTOBUF_REPLY]);
}

/** How to answer `GET /openapi/v3[/<path>]`: JSON, or undefined (406) for protobuf-only clients. */
export function negotiateOpenApiV3(accept: string | undefined): OpenApiChoice | undefined {
  return negotiate(accept, []);
}

function negotiate(accept: string | undefined, protobuf: string[]): OpenApiChoice | undefined {
  for (const range of (accept?.trim() ? accept : "*/*").split(",")) {
    const [type, ...params] = range.split(";").map((p) => p.trim().toLowerCase());
    if (params.some((p) => /^q=0(\.0*)?$/.test(p))) continue;
    if (protobuf.includes(type)) return { format: "protobuf", contentType: V2_PROTOBUF_REPLY };
    if (type === "application/json" || type === "application/*" || type === "*/*") {
      return { format: "json", contentType: "application/json" };
    }
  }
  return undefined;
}

function v3Documents(catalog: Catalog, kubernetesVersion: string): Map<string, OpenApiDocument> {
  const entry = built(catalog, kubernetesVersion);
  if (!entry.v3) {
    entry.v3 = new Map();
    for (const { group, version } of groupVersions(catalog)) {
      const path = group ? `apis/${group}/${version}` : `api/${version}`;
      const builtins = sharedBuiltins(catalog, group, version);
      if (builtins) {
        entry.v3.set(path, v3Documents(builtins, kubernetesVersion).get(path)!);
        continue;
      }
      const text = JSON.stringify(v3Object(catalog, kubernetesVersion, group, version))
        .replaceAll('"#/definitions/', '"#/components/schemas/').replace(GO_ESCAPED, goEscape);
      const hash = contentHash(text);
      entry.v3.set(path, { body: text, hash, etag: `"${hash}"` });
    }
    for (const root of roots(catalog, kubernetesVersion)) {
      const text = JSON.stringify(rootObject(catalog, kubernetesVersion, root))
        .replace(GO_ESCAPED, goEscape);
      const hash = contentHash(text);
      entry.v3.set(root.path, { body: text, hash, etag: `"${hash}"` });
    }
  }
  return entry.v3;
}

// A root document: its one GET, the components its answer refers to.
function rootObject(catalog: Catalog, kubernetesVersion: string, root: RootDocument) {
  const { route } = root;
  const schema = route.returns
    ? { $ref: `#/components/schemas/${route.returns}` }
    : { type: "string" };
  const schemas = route.returns
    ? openApiComponents(builtinSchemas(catalog.kubernetesVersion || kubernetesVersion), [
      route.returns,
    ])
    : undefined;
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: infoVersion(kubernetesVersion) },
    paths: {
      [route.path]: {
        get: {
          tags: [route.tag],
          description: route.description,
          operationId: route.operationId,
          responses: {
            "200": {
              description: "OK",
              content: Object.fromEntries(route.produces.map((type) => [type, { schema }])),
            },
            "401": { description: "Unauthorized" },
          },
        },
      },
    },
    components: {
      ...(schemas
        ? {
          schemas: Object.fromEntries(
            Object.keys(schemas).sort().map((name) => [name, inServedOrder(schemas[name])]),
          ),
        }
        : {}),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

// Go's encoding/json escapes these for HTML safety, and kube-apiserver serves them so.
const GO_ESCAPED = /[<>&\u2028\u2029]/g;
const goEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

// The root documents of a catalog's groups (discovery roots, /version/, the OIDC documents).
function roots(catalog: Catalog, kubernetesVersion: string): RootDocument[] {
  const gvs = groupVersions(catalog);
  const minor = kubernetesMinor(catalog.kubernetesVersion || kubernetesVersion) ?? 36;
  // A CRD's group has no root document: apiextensions serves its discovery outside OpenAPI.
  const builtIn = (group: string) => catalog.all().some((r) => r.group === group && !r.custom);
  return rootDocuments(
    gvs.some((gv) => gv.group === ""),
    gvs.map((gv) => gv.group).filter((g) => g && builtIn(g)),
    minor,
  );
}

function groupVersions(catalog: Catalog) {
  const core = catalog.all().some((r) => r.group === "" && r.version === "v1");
  return [...(core ? [{ group: "", version: "v1" }] : []), ...catalog.groupVersions()];
}

// What kube-apiserver declares when it authenticates bearer tokens (k8s.io/kubernetes
// pkg/kubeapiserver/authenticator/config.go), in every document.
const SECURITY_SCHEMES = {
  BearerToken: {
    type: "apiKey",
    description: "Bearer Token authentication",
    name: "authorization",
    in: "header",
  },
};

function v3Object(catalog: Catalog, kubernetesVersion: string, group: string, version: string) {
  const paths: Record<string, Schema> = {};
  for (const spec of groupVersionPaths(catalog, group, version)) paths[spec.path] = v3Path(spec);
  const resources = catalog.inGroupVersion(group, version);
  // A CRD's group version is apiextensions' document: its own title, the shared kinds whole,
  // the custom resources' structural schemas.
  const crd = resources.length > 0 && resources.every((r) => r.custom);
  const schemas = groupVersionSchemas(catalog, group, version, crd);
  if (crd) {
    const release = catalog.kubernetesVersion || kubernetesVersion;
    for (const resource of resources) {
      Object.assign(schemas, customV3Definitions(resource, release));
    }
  }
  if (crd) {
    return {
      openapi: "3.0.0",
      info: { title: "Kubernetes CRD Swagger", version: "v0.1.0" },
      paths,
      components: { schemas: crdComponents(paths, schemas) },
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: infoVersion(kubernetesVersion) },
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [name, inServedOrder(schema)]),
      ),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

// kube-openapi's builder3: parameters every route of a path shares move to the path; both
// lists sorted by name, then location; keys in spec3's marshalling order.
function v3Path(spec: PathSpec): Schema {
  const [common, own] = splitParameters(spec);
  const item: Schema = {};
  for (const method of METHODS) {
    const route = spec.routes.find((r) => r.method === method);
    if (!route) continue;
    const parameters = own(route).map(v3Parameter);
    item[method] = {
      tags: [route.tag],
      description: route.description,
      operationId: route.operationId,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
          requestBody: {
            content: Object.fromEntries(
              [...route.body.consumes].sort().map((
                type,
              ) => [type, { schema: refTo(route.body!.schema) }]),
            ),
            ...(route.body.required ? { required: true } : {}),
          },
        }
        : {}),
      responses: v3Responses(route),
      ...extensions(route),
    };
  }
  if (common.length) item.parameters = common.map(v3Parameter);
  return item;
}

function v3Responses(route: Route): Schema {
  const schema = route.returns ? refTo(route.returns) : { type: "string" };
  const content = Object.fromEntries([...route.produces].sort().map((type) => [type, { schema }]));
  return Object.fromEntries([
    ...route.responses.map(([code, description]) => [code, { description, content }]),
    ["401", { description: "Unauthorized" }],
  ]);
}

function v3Parameter(param: Param): Schema {
  return {
    name: param.name,
    in: param.in,
    ...(param.description ? { description: param.description } : {}),
    ...(param.in === "path" ? { required: true } : {}),
    schema: { type: param.type, uniqueItems: true },
  };
}

// The parameters all routes of a path share (sorted), and a route's own (sorted).
function splitParameters(spec: PathSpec): [Param[], (route: Route) => Param[]] {
  const key = (p: Param) => `${p.name}\u0000${p.in}`;
  const counts = new Map<string, number>();
  for (const route of spec.routes) {
    for (const p of route.params) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  }
  const shared = (p: Param) => counts.get(key(p)) === spec.routes.length;
  const first = spec.routes[0].params.filter(shared);
  return [sortParams(first), (route) => sortParams(route.params.filter((p) => !shared(p)))];
}

function sortParams(params: Param[]): Param[] {
  return params.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.in < b.in ? -1 : a.in > b.in ? 1 : 0
  );
}

function extensions(route: Route) {
  return {
    ...(route.action ? { "x-kubernetes-action": route.action } : {}),
    ...(route.gvk ? { "x-kubernetes-group-version-kind": route.gvk } : {}),
  };
}

function swaggerObject(catalog: Catalog, kubernetesVersion: string) {
  const paths: Record<string, Schema> = {};
  let definitions: Record<string, Schema> = {};
  for (const { group, version } of groupVersions(catalog)) {
    for (const spec of groupVersionPaths(catalog, group, version)) paths[spec.path] = v2Path(spec);
    definitions = { ...definitions, ...groupVersionSchemas(catalog, group, version, true) };
  }
  const sorted = Object.fromEntries(
    Object.keys(definitions).sort().map((name) => [name, toV2Schema(definitions[name])]),
  );
  const version = catalog.kubernetesVersion || kubernetesVersion;
  // Custom resources as apiextensions publishes them (their structural schemas, made v2-safe).
  for (const resource of catalog.all()) {
    if (resource.custom) Object.assign(sorted, customV2Definitions(resource, version));
  }
  // The root routes' definitions (discovery's, version.Info) are served in both forms.
  for (const [name, schema] of Object.entries(v2RootDefinitions(version))) {
    sorted[name] ??= schema;
  }
  const definitionsInOrder = Object.fromEntries(
    Object.keys(sorted).sort().map((name) => [name, sorted[name]]),
  );
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: infoVersion(kubernetesVersion) },
    paths,
    definitions: definitionsInOrder,
  };
}

const API_RESOURCE_LIST = "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList";

// kube-openapi's v2 builder: the same routes, swagger 2.0 shaped.
function v2Path(spec: PathSpec): Schema {
  const [common, own] = splitParameters(spec);
  const item: Schema = {};
  for (const method of METHODS) {
    const route = spec.routes.find((r) => r.method === method);
    if (!route) continue;
    const schema = route.returns ? { $ref: `#/definitions/${route.returns}` } : { type: "string" };
    item[method] = {
      description: route.description,
      // A group version's discovery route consumes what it produces (its web service's media).
      consumes: route.consumes ??
        (route.body
          ? route.body.consumes
          : route.returns === API_RESOURCE_LIST
          ? route.produces
          : ["*/*"]),
      produces: route.produces,
      schemes: ["https"],
      tags: [route.tag],
      operationId: route.operationId,
      parameters: [
        ...(route.body
          ? [{
            name: "body",
            in: "body",
            ...(route.body.required ? { required: true } : {}),
            schema: { $ref: `#/definitions/${route.body.schema}` },
          }]
          : []),
        ...own(route).map(v2Parameter),
      ],
      responses: Object.fromEntries([
        ...route.responses.map(([code, description]) => [code, { description, schema }]),
        ["401", { description: "Unauthorized" }],
      ]),
      ...extensions(route),
    };
  }
  if (common.length) item.parameters = common.map(v2Parameter);
  return item;
}

function v2Parameter(param: Param): Schema {
  return {
    uniqueItems: true,
    type: param.type,
    ...(param.description ? { description: param.description } : {}),
    name: param.name,
    in: param.in,
    ...(param.in === "path" ? { required: true } : {}),
  };
}

function refTo(name: string) {
  return { $ref: `#/definitions/${name}` };
}

function serialize(value: unknown): OpenApiDocument {
  const body = JSON.stringify(value);
  const hash = contentHash(body);
  return { body, hash, etag: `"${hash}"` };
}

// kube-openapi's content hash: SHA-512 of the served bytes in upper-case hex.
function contentHash(data: string | Uint8Array): string {
  return sha512Hex(data);
}
