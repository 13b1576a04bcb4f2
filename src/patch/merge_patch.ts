// JSON Merge Patch (RFC 7386, application/merge-patch+json), plus the body check kube-apiserver adds.

import { clone, goJsonKind, isObject, type JsonObject, own, put } from "./_json.ts";
import { PatchError } from "./patch_error.ts";

/**
 * Applies an RFC 7386 merge patch: `null` deletes, objects merge recursively, anything else
 * replaces. Only the objects on the patched paths are copied; the rest of the result is shared
 * with `target`, which is never changed (stored objects are immutable, so sharing is safe and
 * spares copying a whole object for a one-label patch).
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  return merge(target, patch);
}

/** Returns a merge patch body as an object, or throws the 400 kube-apiserver gives for any other body. */
export function requireMergePatchObject(patch: unknown): JsonObject {
  if (isObject(patch)) return patch;
  // evanphx/json-patch answers ErrBadJSONPatch for `null`; strict decoding rejects everything else first.
  if (patch === null) throw new PatchError("BadRequest", "Invalid JSON Patch");
  throw new PatchError(
    "BadRequest",
    `error decoding patch: json: cannot unmarshal ${
      goJsonKind(patch)
    } into Go value of type map[string]interface {}`,
  );
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  // A spread copies own keys as data properties, `__proto__` included.
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else put(result, key, merge(own(result, key), value));
  }
  return result;
}
