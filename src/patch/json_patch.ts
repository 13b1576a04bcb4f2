// JSON Patch (RFC 6902, application/json-patch+json) with kube-apiserver's decoding and error answers.

import { clone, goJsonKind, isObject } from "./_json.ts";
import { PointerFailure } from "./json_pointer.ts";
import { apply, type CopyBudget, type Operation } from "./json_patch_ops.ts";
import { PatchError } from "./patch_error.ts";

// kube-apiserver answers every failed operation with this generic 422 text and drops the library's wording.
const REJECTED = "the server rejected our request due to an error in our request";

/**
 * kube-apiserver's `--json-patch-max-copy-bytes` default (k8s.io/apiserver pkg/server/config.go),
 * the bytes a patch's `copy` operations may add in all.
 */
export const JSON_PATCH_MAX_COPY_BYTES = 3 * 1024 * 1024;

/** Applies RFC 6902 operations in order; all or nothing, the target is never changed. */
export function applyJsonPatch(
  target: unknown,
  operations: unknown,
  maxCopyBytes = JSON_PATCH_MAX_COPY_BYTES,
): unknown {
  let doc = clone(target);
  const copies: CopyBudget = { copied: 0, limit: maxCopyBytes };
  for (const operation of decode(operations)) {
    try {
      doc = apply(doc, operation, copies);
    } catch (error) {
      if (!(error instanceof PointerFailure)) throw error;
      throw new PatchError("Invalid", REJECTED, error.message);
    }
  }
  return doc;
}

// Mirrors the strict decode into []jsonPatchOp that kube-apiserver runs before evanphx/json-patch.
function decode(operations: unknown): Operation[] {
  if (operations === null) return [];
  if (!Array.isArray(operations)) badRequest(`Go value of type []handlers.jsonPatchOp`, operations);
  return operations.map((operation) => {
    if (operation === null) return {};
    if (!isObject(operation)) badRequest("Go value of type handlers.jsonPatchOp", operation);
    for (const field of ["op", "path", "from"]) {
      const value = operation[field];
      if (value !== undefined && value !== null && typeof value !== "string") {
        badRequest(`Go struct field jsonPatchOp.${field} of type string`, value);
      }
    }
    return operation as Operation;
  });
}

function badRequest(into: string, value: unknown): never {
  const message = `error decoding patch: json: cannot unmarshal ${goJsonKind(value)} into ${into}`;
  throw new PatchError("BadRequest", message);
}
