// The six RFC 6902 operations over a private document copy, failing with evanphx/json-patch v4's wording.

import { clone, deepEqual, isObject } from "./_json.ts";
import {
  addChild,
  findParent,
  getChild,
  type Location,
  PointerFailure,
  removeChild,
  setChild,
} from "./json_pointer.ts";

/** One decoded operation; fields the client left out are undefined. */
export interface Operation {
  readonly op?: string;
  readonly path?: string;
  readonly from?: string;
  readonly value?: unknown;
}

const MISSING = "missing value";

/**
 * What a patch's `copy` operations have added so far, in bytes of their values' JSON, and the most
 * they may add: json-patch v4's `AccumulatedCopySizeLimit`, which kube-apiserver sets to its
 * `--json-patch-max-copy-bytes` (3 MiB), so that copies of copies cannot double a document per
 * operation.
 */
export interface CopyBudget {
  copied: number;
  readonly limit: number;
}

/** Applies one operation to `doc` in place (or returns a new root), throwing PointerFailure when it cannot. */
export function apply(doc: unknown, op: Operation, copies: CopyBudget): unknown {
  const kind = op.op ?? "unknown";
  const value = clone(op.value ?? null);
  switch (kind) {
    case "add":
      edit(
        locate(doc, op.path, `add operation does not apply: doc is missing path: "%s"`),
        (at) => addChild(at, value),
        `error in add for path: '${op.path}'`,
      );
      return doc;
    case "remove":
      edit(
        locate(doc, op.path, `remove operation does not apply: doc is missing path: "%s"`),
        removeChild,
        `error in remove for path: '${op.path}'`,
      );
      return doc;
    case "replace":
      return replace(doc, op.path, value);
    case "test":
      return test(doc, op.path, value);
    case "move": {
      const from = locate(
        doc,
        op.from,
        "move operation does not apply: doc is missing from path: %s",
        "from",
      );
      const moved = edit(from, (at) => {
        const found = getChild(at);
        removeChild(at);
        return found;
      }, `error in move for path: '${from.key}'`);
      const to = locate(
        doc,
        op.path,
        "move operation does not apply: doc is missing destination path: %s",
      );
      edit(to, (at) => addChild(at, moved), `error in move for path: '${op.path}'`);
      return doc;
    }
    case "copy": {
      const from = locate(
        doc,
        op.from,
        "copy operation does not apply: doc is missing from path: %s",
        "from",
      );
      const found = edit(from, getChild, `error in copy for from: '${op.from}'`) ?? null;
      const to = locate(
        doc,
        op.path,
        "copy operation does not apply: doc is missing destination path: %s",
      );
      // json-patch v4 copies by marshalling the value, and counts those bytes before adding it.
      copies.copied += goJsonBytes(found);
      if (copies.copied > copies.limit) {
        throw new PointerFailure(
          `Unable to complete the copy, the accumulated size increase of copy is ${copies.copied}, exceeding the limit ${copies.limit}`,
        );
      }
      const copied = clone(found);
      edit(to, (at) => addChild(at, copied), "error while adding value during copy");
      return doc;
    }
    default:
      throw new PointerFailure(`Unexpected kind: ${kind}`);
  }
}

function replace(doc: unknown, path: string | undefined, value: unknown): unknown {
  // json-patch v4 swaps the whole document for an object or array and silently ignores a scalar.
  if (path === "") return Array.isArray(value) || isObject(value) ? value : doc;
  const at = locate(doc, path, "replace operation does not apply: doc is missing path: %s");
  edit(at, getChild, `replace operation does not apply: doc is missing key: ${path}`, true);
  setChild(at, value);
  return doc;
}

function test(doc: unknown, path: string | undefined, value: unknown): unknown {
  const actual = path === "" ? doc : edit(
    locate(doc, path, "test operation does not apply: is missing path: %s"),
    getChild,
    `error in test for path: '${path}'`,
  );
  if (!deepEqual(actual ?? null, value)) {
    throw new PointerFailure(`testing value ${path} failed: test failed`);
  }
  return doc;
}

const encoder = new TextEncoder();

// The length of encoding/json's Marshal of a value: JSON.stringify's UTF-8 bytes, plus Go's
// escapes of <, > and & (\u003c: five bytes more) and of U+2028 and U+2029 (three more).
function goJsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  let extra = 0;
  for (const [escaped] of text.matchAll(GO_ESCAPED)) {
    extra += escaped.length === 1 && escaped < "~" ? 5 : 3;
  }
  return encoder.encode(text).length + extra;
}

const GO_ESCAPED = /[<>&\u2028\u2029]/g;

function locate(doc: unknown, path: string | undefined, missing: string, field = "path"): Location {
  if (path === undefined || path === null) {
    throw new PointerFailure(`operation missing ${field} field: ${MISSING}`);
  }
  const at = findParent(doc, path);
  if (!at) throw new PointerFailure(`${missing.replace("%s", path)}: ${MISSING}`);
  return at;
}

// Runs one container edit, prefixing its failure the way json-patch wraps errors.
function edit<T>(at: Location, run: (at: Location) => T, context: string, missing = false): T {
  try {
    return run(at);
  } catch (error) {
    if (!(error instanceof PointerFailure)) throw error;
    throw new PointerFailure(missing ? `${context}: ${MISSING}` : `${context}: ${error.message}`);
  }
}
