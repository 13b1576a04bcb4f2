// Chooses the form of a GET/LIST/watch answer from the Accept header, as kube-apiserver does
// (JSON, YAML, protobuf, Table, PartialObjectMetadata).

import type { IncludeObject } from "./table.ts";
import { StatusError } from "./status_error.ts";

/** The response form a GET/LIST/watch should take. */
export type ResponseForm =
  | { kind: "json" }
  | { kind: "protobuf" }
  | { kind: "table"; includeObject: IncludeObject }
  | { kind: "partial"; protobuf: boolean; apiVersion: PartialApiVersion };

/** The group versions PartialObjectMetadata is served in. */
export type PartialApiVersion = "meta.k8s.io/v1" | "meta.k8s.io/v1beta1";

/** The Kubernetes protobuf media type. */
export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

const JSON_FORM: ResponseForm = { kind: "json" };
// A header that certainly ends on JSON: it names JSON or a wildcard type.
const JSONISH = /application\/json|\*\/\*|application\/\*/;
const PROTOBUF_FORM: ResponseForm = { kind: "protobuf" };
const JSON_NEGOTIATED = { form: JSON_FORM, subtype: "json" };

/** One clause of an Accept header. */
interface Clause {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  readonly params: ReadonlyMap<string, string>;
}

// The serializers of a built-in resource, in kube-apiserver's order (codec_factory.go): JSON,
// YAML, protobuf. Custom resources (and kinds without a message) have only the first two.
const SERVED = [["application", "json"], ["application", "yaml"], [
  "application",
  "vnd.kubernetes.protobuf",
]] as const;

/**
 * Chooses between JSON, protobuf, a Table and PartialObjectMetadata, as apiserver's
 * NegotiateMediaTypeOptions does: the Accept clauses by q-value (wildcards after specific types
 * at equal q), the first clause that one of the resource's serializers satisfies wins. `as=Table`
 * needs JSON or YAML (Table has no protobuf form); `as=PartialObjectMetadata(List)` takes JSON or
 * protobuf for every resource, custom ones included (RequestScope.AllowsMediaTypeTransform);
 * other conversions are refused. Nothing acceptable is 406; a `*` /`*` clause always matches.
 */
export function responseForm(
  accept: string | undefined,
  query: URLSearchParams,
  servesProtobuf: boolean | (() => boolean) = false,
  stream = false,
): ResponseForm {
  return negotiate(accept, query, servesProtobuf, stream).form;
}

/**
 * Whether the answer to a GET, LIST or write (or its error) goes out in YAML: the negotiated
 * serializer is YAML. JSON, Table and PartialObjectMetadata answers are then written as YAML;
 * false when negotiation fails (the 406 itself is JSON, as WriteObjectNegotiated writes it).
 */
export function answersInYaml(accept: string | null | undefined, query: URLSearchParams): boolean {
  if (!accept || !accept.includes("yaml")) return false;
  try {
    return negotiate(accept, query, true, false).subtype === "yaml";
  } catch {
    return false;
  }
}

// The chosen form and the subtype of the serializer that writes it.
function negotiate(
  accept: string | undefined | null,
  query: URLSearchParams,
  servesProtobuf: boolean | (() => boolean),
  stream: boolean,
): { form: ResponseForm; subtype: string } {
  // Most requests: no header, or one that names JSON or a wildcard without parameters. Those are
  // not parsed: JSON is the first serializer, so such a clause always ends on it.
  if (
    !accept ||
    (!accept.includes(";") && !accept.includes("protobuf") && !accept.includes("yaml") &&
      JSONISH.test(accept))
  ) {
    return JSON_NEGOTIATED;
  }
  const protobuf = typeof servesProtobuf === "function" ? servesProtobuf() : servesProtobuf;
  for (const clause of parseAccept(accept)) {
    for (const [type, subtype] of SERVED) {
      // PartialObjectMetadata has a protobuf form even where the resource has none.
      if (
        subtype === "vnd.kubernetes.protobuf" && !protobuf &&
        !clause.params.get("as")?.startsWith("PartialObjectMetadata")
      ) continue;
      // YAML has no stream serializer: a watch cannot be answered in it.
      if (stream && subtype === "yaml") continue;
      const matches = (clause.type === type &&
        (clause.subtype === subtype || clause.subtype === "*")) ||
        (clause.type === "*" && clause.subtype === "*");
      if (!matches) continue;
      const form = formFor(clause, subtype, query);
      if (form) return { form, subtype };
    }
  }
  throw notAcceptable(stream);
}

/** Whether a write's answer (or a discovery document) should go out in protobuf. */
export function prefersProtobuf(accept: string | null | undefined): boolean {
  if (!accept || !accept.includes("protobuf")) return false;
  try {
    return responseForm(accept, new URLSearchParams(), true).kind === "protobuf";
  } catch {
    return false;
  }
}

/** Whether an Accept header admits only protobuf, so a JSON answer would be refused by the client. */
export function acceptsOnlyProtobuf(accept: string | null | undefined): boolean {
  if (!accept || !accept.includes("protobuf")) return false;
  try {
    responseForm(accept, new URLSearchParams(), false);
    return false;
  } catch {
    return true;
  }
}

/**
 * The 406 kube-apiserver answers (negotiation.NewNotAcceptableError), listing every serializer of
 * the endpoint: built-in and custom resources alike have JSON, YAML and protobuf (a custom
 * resource's protobuf serves only PartialObjectMetadata, yet it is listed). A watch lists the
 * serializers with a stream form, as `;stream=watch` media types.
 */
export function notAcceptable(stream = false): StatusError {
  const types = stream
    ? ["application/json;stream=watch", `${PROTOBUF_MEDIA_TYPE};stream=watch`]
    : ["application/json", "application/yaml", PROTOBUF_MEDIA_TYPE];
  return new StatusError(
    406,
    "NotAcceptable",
    `only the following media types are accepted: ${types.join(", ")}`,
  );
}

// acceptMediaTypeOptions: as/g/v ask for a conversion; `stream` only for watch-capable types.
function formFor(
  clause: Clause,
  subtype: string,
  query: URLSearchParams,
): ResponseForm | undefined {
  // `stream` names a streaming schema; only "watch" exists (AllowsStreamSchema).
  const stream = clause.params.get("stream");
  if (stream !== undefined && stream !== "" && (stream !== "watch" || subtype === "yaml")) {
    return undefined;
  }
  const as = clause.params.get("as");
  if (as === undefined) return subtype === "vnd.kubernetes.protobuf" ? PROTOBUF_FORM : JSON_FORM;
  const g = clause.params.get("g"), v = clause.params.get("v");
  if (g !== "meta.k8s.io" || (v !== "v1" && v !== "v1beta1")) return undefined;
  if (as === "PartialObjectMetadata" || as === "PartialObjectMetadataList") {
    const apiVersion = `${g}/${v}` as PartialApiVersion;
    return { kind: "partial", protobuf: subtype === "vnd.kubernetes.protobuf", apiVersion };
  }
  if (as !== "Table") return undefined;
  if (subtype === "vnd.kubernetes.protobuf") return undefined;
  const include = query.get("includeObject") ?? "Metadata";
  if (include !== "None" && include !== "Metadata" && include !== "Object") {
    throw StatusError.badRequest(`includeObject: Unsupported value: "${include}"`);
  }
  return { kind: "table", includeObject: include };
}

// goautoneg.ParseAccept: clauses sorted by q (descending), a specific type before a wildcard.
function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of header.split(",")) {
    const [range, ...rest] = part.split(";");
    const [type = "", subtype = ""] = range.trim().toLowerCase().split("/");
    if (!type || (!subtype && type !== "*")) continue;
    const params = new Map<string, string>();
    let q = 1;
    for (const param of rest) {
      const eq = param.indexOf("=");
      if (eq < 0) continue;
      const key = param.slice(0, eq).trim(), value = param.slice(eq + 1).trim();
      if (key === "q") q = Number(value);
      else params.set(key, value);
    }
    if (!(q > 0)) continue;
    clauses.push({ type, subtype: subtype || "*", q, params });
  }
  return clauses.map((clause, index) => ({ clause, index })).sort((a, b) =>
    b.clause.q - a.clause.q || wildcards(a.clause) - wildcards(b.clause) || a.index - b.index
  ).map(({ clause }) => clause);
}

function wildcards(clause: Clause): number {
  return (clause.type === "*" ? 2 : 0) + (clause.subtype === "*" ? 1 : 0);
}
