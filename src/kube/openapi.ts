// The OpenAPI documents kubectl reads (/openapi/v2, /openapi/v3 and its group versions), built once per catalog.

import type { Catalog } from "../resources/mod.ts";
import { groupVersionPaths, type Operation, type PathSpec, QUERY_PARAMS } from "./openapi_paths.ts";
import { groupVersionSchemas, type Schema, toV2Schema } from "./openapi_schemas.ts";
import { encodeOpenApiV2 } from "./openapi_v2_protobuf.ts";
import { sha512Hex } from "../runtime/mod.ts";

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

const cache = new WeakMap<object, Map<string, Built>>();

// Per catalog and release: the documents' info.version names the cluster's release.
function built(catalog: Catalog, kubernetesVersion: string): Built {
  let byVersion = cache.get(catalog.cacheKey());
  if (!byVersion) cache.set(catalog.cacheKey(), byVersion = new Map());
  let entry = byVersion.get(kubernetesVersion);
  if (!entry) byVersion.set(kubernetesVersion, entry = {});
  return entry;
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
  return entry.v2 ??= serialize(swaggerObject(catalog, kubernetesVersion));
}

/** `/openapi/v2` as protobuf, the only form client-go's `OpenAPISchema()` can parse. */
export function openApiV2Protobuf(
  catalog: Catalog,
  kubernetesVersion: string,
): OpenApiBinaryDocument {
  const entry = built(catalog, kubernetesVersion);
  if (!entry.v2Protobuf) {
    const body = encodeOpenApiV2(swaggerObject(catalog, kubernetesVersion));
    // kube-openapi hashes each representation's own bytes.
    const hash = contentHash(body);
    entry.v2Protobuf = { body, hash, etag: `"${hash}"` };
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
      const text = JSON.stringify(v3Object(catalog, kubernetesVersion, group, version))
        .replaceAll('"#/definitions/', '"#/components/schemas/');
      const hash = contentHash(text);
      entry.v3.set(path, { body: text, hash, etag: `"${hash}"` });
    }
  }
  return entry.v3;
}

function groupVersions(catalog: Catalog) {
  const core = catalog.all().some((r) => r.group === "" && r.version === "v1");
  return [...(core ? [{ group: "", version: "v1" }] : []), ...catalog.groupVersions()];
}

function v3Object(catalog: Catalog, kubernetesVersion: string, group: string, version: string) {
  const paths: Record<string, Schema> = {};
  for (const spec of groupVersionPaths(catalog, group, version)) paths[spec.path] = v3Path(spec);
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: infoVersion(kubernetesVersion) },
    paths,
    components: { schemas: groupVersionSchemas(catalog, group, version) },
  };
}

function v3Path(spec: PathSpec): Schema {
  const item: Schema = {
    parameters: spec.pathParams.map((name) => ({
      name,
      in: "path",
      required: true,
      description: `${name} of the object`,
      schema: { type: "string", uniqueItems: true },
    })),
  };
  for (const op of spec.operations) {
    item[op.method] = {
      ...operationBase(op),
      parameters: op.query.map((name) => ({
        name,
        in: "query",
        description: QUERY_PARAMS[name][1],
        schema: { type: QUERY_PARAMS[name][0], uniqueItems: true },
      })),
      ...(op.body
        ? {
          requestBody: {
            content: Object.fromEntries(
              requestTypes(op).map((type) => [type, { schema: refTo(op.body!) }]),
            ),
            required: true,
          },
        }
        : {}),
      responses: Object.fromEntries(
        responseCodes(op).map((code) => [code, {
          description: code === "200" ? "OK" : code === "201" ? "Created" : "Accepted",
          content: Object.fromEntries(
            ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"].map(
              (type) => [type, { schema: refTo(op.response) }],
            ),
          ),
        }]),
      ),
    };
  }
  return item;
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
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: infoVersion(kubernetesVersion) },
    paths,
    definitions: sorted,
  };
}

function v2Path(spec: PathSpec): Schema {
  const item: Schema = {
    parameters: spec.pathParams.map((name) => ({
      uniqueItems: true,
      type: "string",
      description: `${name} of the object`,
      name,
      in: "path",
      required: true,
    })),
  };
  for (const op of spec.operations) {
    item[op.method] = {
      ...operationBase(op),
      consumes: op.body ? requestTypes(op) : ["*/*"],
      produces: ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"],
      schemes: ["https"],
      parameters: [
        ...(op.body
          ? [{
            name: "body",
            in: "body",
            required: true,
            schema: { $ref: `#/definitions/${op.body}` },
          }]
          : []),
        ...op.query.map((name) => ({
          uniqueItems: true,
          type: QUERY_PARAMS[name][0],
          description: QUERY_PARAMS[name][1],
          name,
          in: "query",
        })),
      ],
      responses: Object.fromEntries(
        responseCodes(op).map((code) => [code, {
          description: code === "200" ? "OK" : code === "201" ? "Created" : "Accepted",
          schema: { $ref: `#/definitions/${op.response}` },
        }]),
      ),
    };
  }
  return item;
}

function operationBase(op: Operation) {
  return {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": op.gvk,
  };
}

// As kube-apiserver: built-ins also take strategic merge patches, custom resources do not.
function requestTypes(op: Operation): string[] {
  if (op.method !== "patch") return ["*/*"];
  return [
    "application/json-patch+json",
    "application/merge-patch+json",
    ...(op.custom ? [] : ["application/strategic-merge-patch+json"]),
    "application/apply-patch+yaml",
  ];
}

function responseCodes(op: Operation): string[] {
  if (op.method === "post") return ["200", "201", "202"];
  if (op.method === "put" || op.method === "patch") return ["200", "201"];
  return ["200"];
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
