// Who wrote: the field manager of a request as kube-apiserver derives it, and the 422s of its options.
//
// Requests name their manager with `fieldManager`, else kube-apiserver takes the User-Agent's
// product (`kubectl` of `kubectl/v1.33.1 (linux/amd64)`); create.go `managerOrUserAgent`.

import { StatusError } from "./status_error.ts";

/** The manager of a write and what tracking needs to know about it. */
export interface WriteManager {
  /** The manager name (`fieldManager`, else the User-Agent's product; may be empty). */
  readonly name: string;
  /** The write's time, ms since the epoch. */
  readonly now: number;
}

// k8s.io/apimachinery validation.FieldManagerMaxLength.
const FIELD_MANAGER_MAX_LENGTH = 128;
// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

function utf8Length(char: string): number {
  const code = char.codePointAt(0)!;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/**
 * The manager of a request (`managerOrUserAgent`): `fieldManager`, else the User-Agent up to its
 * first `/`, printable characters only, at most 128 bytes. `checkWriteOptions` validated it.
 */
export function managerOf(query: URLSearchParams, request: Request, now: Date): WriteManager {
  const explicit = query.get("fieldManager");
  if (explicit) return { name: explicit, now: now.getTime() };
  const agent = request.headers.get("user-agent") ?? "";
  let name = agentManagers.get(agent);
  if (name === undefined) {
    name = prefixFromUserAgent(agent);
    // Clients send a handful of User-Agents; more (or longer ones) are not remembered.
    if (agentManagers.size < 1_000 && agent.length <= 512) agentManagers.set(agent, name);
  }
  return { name, now: now.getTime() };
}

const agentManagers = new Map<string, string>();

// create.go prefixFromUserAgent.
function prefixFromUserAgent(agent: string): string {
  const product = agent.split("/")[0];
  let name = "";
  let bytes = 0;
  for (const char of product) {
    if (!PRINTABLE.test(char)) continue;
    const size = utf8Length(char);
    if (bytes + size > FIELD_MANAGER_MAX_LENGTH) break;
    bytes += size;
    name += char;
  }
  return name;
}

interface Cause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

/**
 * The field-manager checks of a write's options (`ValidateCreateOptions`, `...UpdateOptions`,
 * `...PatchOptions`): for a patch, `force` only on apply and `fieldManager` required by apply;
 * `fieldManager` at most 128 bytes of printable characters. A 422 `Invalid` of the options kind.
 */
export function checkWriteOptions(
  query: URLSearchParams,
  optionsKind: "CreateOptions" | "UpdateOptions" | "PatchOptions",
  apply?: boolean,
): void {
  const causes: Cause[] = [];
  const manager = query.get("fieldManager") ?? "";
  if (optionsKind === "PatchOptions") {
    if (!apply && query.has("force")) {
      causes.push({
        reason: "FieldValueForbidden",
        message: "Forbidden: may not be specified for non-apply patch",
        field: "force",
      });
    }
    if (apply && manager === "") {
      causes.push({
        reason: "FieldValueRequired",
        message: "Required value: is required for apply patch",
        field: "fieldManager",
      });
    }
  }
  let bytes = 0;
  for (const char of manager) bytes += utf8Length(char);
  if (bytes > FIELD_MANAGER_MAX_LENGTH) {
    causes.push({
      reason: "FieldValueTooLong",
      message: `Too long: may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes`,
      field: "fieldManager",
    });
  }
  let position = 0;
  for (const char of manager) {
    if (!PRINTABLE.test(char)) {
      const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      causes.push({
        reason: "FieldValueInvalid",
        message: `Invalid value: ${
          JSON.stringify(manager)
        }: invalid character U+${hex} (at position ${position})`,
        field: "fieldManager",
      });
    }
    position += utf8Length(char);
  }
  if (causes.length === 0) return;
  const detail = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = detail.length === 1 ? detail[0] : `[${detail.join(", ")}]`;
  throw new StatusError(
    422,
    "Invalid",
    `${optionsKind}.meta.k8s.io "" is invalid: ${summary}`,
    { group: "meta.k8s.io", kind: optionsKind, causes },
  );
}

/** The checked manager of a create or update (`checkWriteOptions`, then `managerOf`). */
export function writeManager(
  query: URLSearchParams,
  request: Request,
  now: Date,
  optionsKind: "CreateOptions" | "UpdateOptions",
): WriteManager {
  checkWriteOptions(query, optionsKind);
  return managerOf(query, request, now);
}
