// Reads request bodies by Content-Type: JSON, YAML (server-side apply) and Kubernetes protobuf.

import { decodeKubernetesProtobuf, type MessageRegistry, ProtobufError } from "../protobuf/mod.ts";
import { jsonNestsDeeper, KUBE_MAX_NESTING_DEPTH, valueNestsDeeper } from "./nesting_depth.ts";
import { goJsonSyntaxError } from "../encoding/mod.ts";
import { decodeGoYaml, type GoYamlDocument, GoYamlError } from "./go_yaml_decode.ts";
import { plainJsonDocument } from "./plain_json_yaml.ts";
import { jsonDuplicates, recordDuplicates } from "./json_duplicates.ts";
import { scanJsonText } from "./json_text_scan.ts";
import {
  type NumberLiterals,
  parseKeepingLiterals,
  recordLiterals,
} from "./json_number_literals.ts";
import { StatusError } from "./status_error.ts";

/** kube-apiserver's default `--max-request-bytes` (k8s.io/apiserver pkg/server/config.go: 3 MiB). */
export const DEFAULT_MAX_REQUEST_BYTES = 3 * 1024 * 1024;
const decoder = new TextDecoder();

/** A decoded body: any JSON value (the caller checks the shape it needs). */
export type Body = unknown;

/** The media type of a request without parameters, lower case (`application/json`). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * Reads the body as bytes, refusing one over `limit` bytes with kube-apiserver's 413 (its
 * `limitedReadBody` reads at most limit + 1 bytes). A declared Content-Length over the limit is
 * refused before a byte is read; a body without one is counted as it streams and abandoned at the
 * limit, so no client makes fkas hold more than `limit` bytes of it.
 */
export function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const length = Number(declared);
    if (length > limit) return Promise.reject(tooLarge(limit));
    // The framing delivers no more than the declared length (HTTP/1.1 by construction; HTTP/2
    // streams that send more are reset with PROTOCOL_ERROR on Deno and Bun): read it in one
    // piece, the adapter's fast path and the hot path of every write.
    if (Number.isSafeInteger(length)) {
      return request.arrayBuffer().then((buffer) => {
        if (buffer.byteLength > limit) throw tooLarge(limit);
        return new Uint8Array(buffer);
      });
    }
  }
  return readCounted(request.body, limit);
}

async function readCounted(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading: the rest of the body is the connection's to discard or close.
      reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// errors.NewRequestEntityTooLargeError(fmt.Sprintf("limit is %d", limit)), as limitedReadBody.
function tooLarge(limit: number): StatusError {
  return new StatusError(
    413,
    "RequestEntityTooLarge",
    `Request entity too large: limit is ${limit}`,
  );
}

/**
 * Decodes an object body (create, update, DeleteOptions, Eviction) of at most `maxBytes`; an empty
 * body is undefined. `kind` is what the body must be, named in decoding errors as the apiserver
 * names it. A protobuf body is read with `registry`'s messages (the cluster's minor: a field its
 * Go types lack is skipped, as gogo's generated Unmarshal skips it).
 */
export async function readObjectBody(
  request: Request,
  maxBytes: number,
  kind = "JSON",
  registry?: MessageRegistry,
): Promise<Body> {
  const bytes = await readBytes(request, maxBytes);
  if (bytes.length === 0) return undefined;
  const mediaType = mediaTypeOf(request);
  if (mediaType === "application/vnd.kubernetes.protobuf") return decodeProtobuf(bytes, registry);
  if (mediaType === "application/yaml" || mediaType === "application/apply-patch+yaml") {
    return decodeYaml(bytes, kind);
  }
  if (mediaType === "" || mediaType === "application/json" || mediaType === "*/*") {
    return decodeJson(bytes, kind, true);
  }
  throw unsupportedMediaType(mediaType);
}

/**
 * Parses JSON with the apiserver's 400 on failure. A document nested deeper than Go's scanner
 * allows fails as kube-apiserver's create and update fail on it (`transformDecodeError` of the
 * error `SimpleMetaFactory.Interpret` returns), before JSON.parse builds it. `findDuplicates`
 * records the keys an object body repeats (json_duplicates.ts), `keepLiterals` (with it by
 * default) the number literals JSON.parse does not keep (json_number_literals.ts).
 */
export function decodeJson(
  bytes: Uint8Array,
  kind = "JSON",
  findDuplicates = false,
  keepLiterals = findDuplicates,
): Body {
  if (jsonNestsDeeper(bytes)) {
    throw StatusError.badRequest(
      `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: exceeded max depth (${
        summarizeData(bytes)
      })`,
    );
  }
  const text = decoder.decode(bytes);
  // An object body whose numbers JSON.parse may not keep faithfully keeps their literals.
  const scan = findDuplicates || keepLiterals ? scanJsonText(text) : undefined;
  const literals = scan?.literals ? { holders: new WeakMap() } as NumberLiterals : undefined;
  let value: Body;
  try {
    value = literals ? parseKeepingLiterals(text, literals) : JSON.parse(text);
  } catch (cause) {
    // Go's scanner words the error (JSON.parse's words differ per runtime); an object body fails
    // in SimpleMetaFactory.Interpret, which transformDecodeError quotes with a summary.
    const syntax = goJsonSyntaxError(bytes) ?? (cause as Error).message;
    const reason = kind === "JSON"
      ? syntax
      : `couldn't get version/kind; json parse error: ${syntax} (${summarizeData(bytes)})`;
    throw new StatusError(
      400,
      "BadRequest",
      `the object provided is unrecognized (must be of type ${kind}): ${reason}`,
      undefined,
      { cause },
    );
  }
  // An object body's keys given twice, for its strict decoding (`duplicatesOf`).
  const duplicates = findDuplicates ? jsonDuplicates(text, value, scan!.keys) : undefined;
  if (duplicates) recordDuplicates(value as object, duplicates);
  if (literals && typeof value === "object" && value !== null) recordLiterals(value, literals);
  return value;
}

/**
 * Parses an object body in YAML (JSON is YAML too) as kube-apiserver's YAML serializer does
 * (sigs.k8s.io/yaml's YAMLToJSON); a failure is `transformDecodeError`'s 400 naming `kind`.
 */
export function decodeYaml(bytes: Uint8Array, kind: string): Body {
  try {
    return decodeYamlDocument(bytes).value;
  } catch (error) {
    if (!(error instanceof GoYamlError)) throw error;
    throw new StatusError(
      400,
      "BadRequest",
      `the object provided is unrecognized (must be of type ${kind}): ${error.message} (${
        summarizeData(bytes)
      })`,
      undefined,
      { cause: error },
    );
  }
}

/**
 * Parses a server-side apply patch as the apply patcher does (sigs.k8s.io/yaml's Unmarshal into a
 * map): 400 `error decoding YAML: ...` when it fails. Keys given twice are allowed, the last
 * winning; they are answered (`line 7: key "a" already set in map`) for the strict check.
 */
export function decodeApplyYaml(bytes: Uint8Array): GoYamlDocument {
  let document: GoYamlDocument;
  try {
    document = decodeYamlDocument(bytes);
  } catch (error) {
    if (!(error instanceof GoYamlError)) throw error;
    throw new StatusError(
      400,
      "BadRequest",
      `error decoding YAML: error converting YAML to JSON: ${error.message}`,
      undefined,
      { cause: error },
    );
  }
  const { value } = document;
  // A document that is no map fails json.Unmarshal into map[string]interface{}.
  if (value !== null && (typeof value !== "object" || Array.isArray(value))) {
    const type = Array.isArray(value) ? "array" : typeof value;
    throw StatusError.badRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${type} into Go value of type map[string]interface {}`,
    );
  }
  return document;
}

// Too deep a document fails as sigs.k8s.io/yaml's converter fails on it (go-yaml's "exceeded
// max depth of 10000"), past fkas's own limit (MAX_NESTING_DEPTH, below kube-apiserver's).
function decodeYamlDocument(bytes: Uint8Array): GoYamlDocument {
  // Flow collections (`[[[...`) are where depth hides (block nesting costs indentation): counted
  // before parsing, they are refused without building them.
  if (jsonNestsDeeper(bytes)) throw new GoYamlError(TOO_DEEP_YAML);
  const text = decoder.decode(bytes);
  // A plain JSON object (an apply patch as clients send it) nests as its brackets, counted above.
  const json = plainJsonDocument(text);
  if (json !== undefined) return { value: json, duplicates: [] };
  // The parser keeps its own stacks: any depth parses, and is judged once decoded. go-yaml's
  // own limit (10,000 indents or flow levels, `yaml: line 10005: exceeded max depth of 10000`)
  // is answered in the words fkas gives every body past its limit.
  let document: GoYamlDocument;
  try {
    document = decodeGoYaml(text);
  } catch (error) {
    if (error instanceof GoYamlError && error.message.endsWith(TOO_DEEP_PROBLEM)) {
      throw new GoYamlError(TOO_DEEP_YAML, { cause: error });
    }
    throw error;
  }
  if (valueNestsDeeper(document.value)) throw new GoYamlError(TOO_DEEP_YAML);
  return document;
}

const TOO_DEEP_PROBLEM = `exceeded max depth of ${KUBE_MAX_NESTING_DEPTH}`;
const TOO_DEEP_YAML = `yaml: ${TOO_DEEP_PROBLEM}`;

// The start of a body in an error message, as the apiserver's `summarizeData(body, 30)` shows it:
// an object as text, anything else in hex.
function summarizeData(bytes: Uint8Array, maxLength = 30): string {
  if (bytes.length === 0) return "<empty>";
  const shown = bytes.subarray(0, maxLength);
  const more = bytes.length > maxLength ? " ..." : "";
  if (bytes[0] === 0x7b) return decoder.decode(shown) + more;
  return Array.from(shown, (byte) => byte.toString(16).padStart(2, "0")).join("") + more;
}

function decodeProtobuf(bytes: Uint8Array, registry?: MessageRegistry): Body {
  let value: Body;
  try {
    value = decodeKubernetesProtobuf(bytes, registry).object;
  } catch (error) {
    // Messages nest (JSONSchemaProps): a body may run the decoder out of stack.
    if (error instanceof RangeError) throw tooDeepProtobuf(error);
    if (!(error instanceof ProtobufError)) throw error;
    if (error.reason === "UnsupportedKind") {
      throw new StatusError(415, "UnsupportedMediaType", error.message, {
        kind: error.kind,
        ...(error.apiVersion ? { group: error.apiVersion.split("/").slice(0, -1).join("/") } : {}),
      });
    }
    throw new StatusError(400, "BadRequest", error.message, undefined, { cause: error });
  }
  if (valueNestsDeeper(value)) throw tooDeepProtobuf();
  return value;
}

// fkas's own bound: what it decodes it must be able to encode as JSON, which Go's scanner limits.
function tooDeepProtobuf(cause?: Error): StatusError {
  return new StatusError(
    400,
    "BadRequest",
    `the object provided is unrecognized: exceeded max depth of ${KUBE_MAX_NESTING_DEPTH}`,
    undefined,
    cause && { cause },
  );
}

/** The 415 for a content type the endpoint does not consume. */
export function unsupportedMediaType(mediaType: string): StatusError {
  return new StatusError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf${
      mediaType ? ` (got ${mediaType})` : ""
    }`,
  );
}
