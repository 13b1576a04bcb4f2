// Reads request bodies by Content-Type: JSON, YAML (server-side apply) and Kubernetes protobuf.

import { parse as parseYaml } from "yaml";
import { decodeKubernetesProtobuf, ProtobufError } from "../protobuf/mod.ts";
import { StatusError } from "./status_error.ts";

const MAX_BODY_BYTES = 3 * 1024 * 1024; // kube-apiserver's default request body limit
const decoder = new TextDecoder();

/** A decoded body: any JSON value (the caller checks the shape it needs). */
export type Body = unknown;

/** The media type of a request without parameters, lower case (`application/json`). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** Reads the body as bytes, refusing bodies over the apiserver's limit with 413. */
export async function readBytes(request: Request): Promise<Uint8Array> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > MAX_BODY_BYTES) {
    throw new StatusError(
      413,
      "RequestEntityTooLarge",
      "Request entity too large: limit is 3145728",
    );
  }
  return bytes;
}

/** Decodes an object body (create, update, DeleteOptions, Eviction); an empty body is undefined. */
export async function readObjectBody(request: Request): Promise<Body> {
  const bytes = await readBytes(request);
  if (bytes.length === 0) return undefined;
  const mediaType = mediaTypeOf(request);
  if (mediaType === "application/vnd.kubernetes.protobuf") return decodeProtobuf(bytes);
  if (mediaType === "application/yaml" || mediaType === "application/apply-patch+yaml") {
    return decodeYaml(bytes);
  }
  if (mediaType === "" || mediaType === "application/json" || mediaType === "*/*") {
    return decodeJson(bytes);
  }
  throw unsupportedMediaType(mediaType);
}

/** Parses JSON with the apiserver's 400 on failure. */
export function decodeJson(bytes: Uint8Array): Body {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new StatusError(
      400,
      "BadRequest",
      `the object provided is unrecognized (must be of type JSON): ${(cause as Error).message}`,
      undefined,
      { cause },
    );
  }
}

/** Parses YAML (JSON is YAML too). */
export function decodeYaml(bytes: Uint8Array): Body {
  try {
    return parseYaml(decoder.decode(bytes));
  } catch (cause) {
    throw new StatusError(
      400,
      "BadRequest",
      `error converting YAML to JSON: ${(cause as Error).message}`,
      undefined,
      { cause },
    );
  }
}

function decodeProtobuf(bytes: Uint8Array): Body {
  try {
    return decodeKubernetesProtobuf(bytes).object;
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    if (error.reason === "UnsupportedKind") {
      throw new StatusError(415, "UnsupportedMediaType", error.message, {
        kind: error.kind,
        ...(error.apiVersion ? { group: error.apiVersion.split("/").slice(0, -1).join("/") } : {}),
      });
    }
    throw new StatusError(400, "BadRequest", error.message, undefined, { cause: error });
  }
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
