// Generic rules every written object obeys: shape, type meta, namespace, generated names (400 as the apiserver).
// Names and the rest of metadata are validated with the kind (src/api/validation/, via object_validation.ts).

import type { ResourceType } from "../resources/mod.ts";
import type { KubeObject, ObjectMeta } from "../store/mod.ts";
import { apiVersionOf } from "./object_view.ts";
import { kindMismatch } from "./kind_mismatch.ts";
import { carryDuplicates } from "./json_duplicates.ts";
import { carryLiterals } from "./json_number_literals.ts";
import { StatusError } from "./status_error.ts";

/** Checks that a body is an object of this resource's kind and returns it typed. */
export function asObject(resource: ResourceType, body: unknown): KubeObject {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw StatusError.badRequest("the body of the request must be a JSON object");
  }
  const object = body as Record<string, unknown>;
  const metadata = object.metadata ?? {};
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw StatusError.badRequest("metadata: must be an object");
  }
  const apiVersion = apiVersionOf(resource);
  // A built-in body naming another kind or group fails in the codec, before these checks.
  if (!resource.custom && typeof object.kind === "string" && object.kind !== "") {
    const mismatch = kindMismatch(
      resource,
      typeof object.apiVersion === "string" ? object.apiVersion : apiVersion,
      object.kind,
    );
    if (mismatch) throw mismatch;
  }
  if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
    throw StatusError.badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (object.kind !== undefined && object.kind !== resource.kind) {
    throw StatusError.badRequest(
      `the kind in the data (${object.kind}) does not match the expected kind (${resource.kind})`,
    );
  }
  const copy = { ...object, apiVersion, kind: resource.kind, metadata: { ...metadata } };
  carryDuplicates(object, copy);
  carryLiterals(object, copy);
  return copy as KubeObject;
}

/** Reconciles the body's namespace with the path's: filled in, or 400 when they differ. */
export function placeInNamespace(
  resource: ResourceType,
  metadata: ObjectMeta,
  pathNamespace: string | undefined,
): void {
  if (!resource.namespaced) {
    delete metadata.namespace;
    return;
  }
  if (metadata.namespace && pathNamespace && metadata.namespace !== pathNamespace) {
    throw StatusError.badRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  metadata.namespace = pathNamespace ?? metadata.namespace;
  if (!metadata.namespace) {
    throw StatusError.badRequest(
      "the server could not find the requested resource: a namespace is required",
    );
  }
}

const GENERATED_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** `generateName` + 5 random characters, as the apiserver's name generator does. */
export function generateName(prefix: string, random: () => number = Math.random): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) {
    suffix += GENERATED_NAME_ALPHABET[Math.floor(random() * GENERATED_NAME_ALPHABET.length)];
  }
  return `${prefix.slice(0, 58)}${suffix}`;
}
