// Continue tokens for paginated lists, in the apiserver's format: base64 JSON {v, rv, start}.

import { base64Utf8, goJsonSyntaxError } from "../encoding/mod.ts";
import { StatusError } from "./status_error.ts";

/** Where the next page starts and which resourceVersion the first page was read at. */
export interface ContinuePosition {
  readonly resourceVersion: number;
  /** The storage key (`namespace/name` or `name`) the next page starts at, inclusive. */
  readonly startKey: string;
}

/** Encodes a continue token. */
export function encodeContinue(position: ContinuePosition): string {
  const json = JSON.stringify({
    v: "meta.k8s.io/v1",
    rv: position.resourceVersion,
    start: position.startKey,
  });
  return base64Utf8(json)
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Decodes a continue token as apiserver's `storage.DecodeContinue` does; a token that is not ours
 * is a 400 "invalid continue token: ...". A resourceVersion of -1 (handed out with a 410 for a
 * compacted list) continues at the latest resourceVersion.
 */
export function decodeContinue(token: string): ContinuePosition {
  let parsed;
  try {
    const base64 = token.replaceAll("-", "+").replaceAll("_", "/");
    if (/[^A-Za-z0-9+/]/.test(base64) || base64.length % 4 === 1) {
      throw new Error("illegal base64 data");
    }
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes));
    } catch (cause) {
      // json.Unmarshal's words, not the runtime's.
      throw new Error(goJsonSyntaxError(bytes) ?? (cause as Error).message, { cause });
    }
  } catch (cause) {
    throw invalidToken(`continue key is not valid: ${(cause as Error).message}`, cause);
  }
  if (parsed?.v !== "meta.k8s.io/v1") {
    throw invalidToken(
      `continue key is not valid: server does not recognize this encoded version ${
        String(parsed?.v ?? "")
      }`,
    );
  }
  if (!Number.isSafeInteger(parsed.rv) || parsed.rv === 0) {
    throw invalidToken(
      "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
    );
  }
  if (typeof parsed.start !== "string" || parsed.start === "") {
    throw invalidToken(
      "continue key is not valid: encoded start key empty (version meta.k8s.io/v1)",
    );
  }
  // path.Clean must leave the key as it is: no `..` climbing out of the resource's prefix.
  if (/(^|\/)\.{1,2}(\/|$)|\/\/|.\/$/.test(parsed.start)) {
    throw invalidToken(`continue key is not valid: ${parsed.start}`);
  }
  return { resourceVersion: parsed.rv, startKey: parsed.start.replace(/^\//, "") };
}

function invalidToken(message: string, cause?: unknown): StatusError {
  return new StatusError(
    400,
    "BadRequest",
    `invalid continue token: ${message}`,
    undefined,
    cause === undefined ? undefined : { cause },
  );
}

// etcd3/errors.go `inconsistentContinue`.
const INCONSISTENT_CONTINUE =
  "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

/**
 * The 410 the apiserver answers for a continue token whose resourceVersion was compacted
 * (etcd3 `handleCompactedErrorForPaging`): its `metadata.continue` resumes at the same key, at the
 * latest resourceVersion (-1).
 */
export function expiredContinue(startKey: string): StatusError {
  return new StatusError(410, "Expired", INCONSISTENT_CONTINUE, undefined, {
    listMeta: { continue: encodeContinue({ resourceVersion: -1, startKey }) },
  });
}
