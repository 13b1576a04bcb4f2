// Continue tokens for paginated lists, in the apiserver's format: base64 JSON {v, rv, start}.

import { base64Utf8 } from "../encoding/mod.ts";
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

/** Decodes a continue token; a token that is not ours is a 400, as the apiserver says. */
export function decodeContinue(token: string): ContinuePosition {
  try {
    const base64 = token.replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    if (
      parsed?.v !== "meta.k8s.io/v1" || !Number.isSafeInteger(parsed.rv) || parsed.rv < 1 ||
      typeof parsed.start !== "string"
    ) {
      throw new Error("unexpected token content");
    }
    return { resourceVersion: parsed.rv, startKey: parsed.start };
  } catch (cause) {
    throw new StatusError(
      400,
      "BadRequest",
      `continue key is not valid: ${(cause as Error).message}`,
      undefined,
      { cause },
    );
  }
}

/** The 410 the apiserver answers for a continue token whose resourceVersion was compacted. */
export function expiredContinue(): StatusError {
  return new StatusError(
    410,
    "Expired",
    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
  );
}
