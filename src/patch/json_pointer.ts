// JSON Pointer (RFC 6901) lookups and edits, with the index rules evanphx/json-patch v4 gives kube-apiserver.

import { isObject, type JsonObject, own, put } from "./_json.ts";

/** An object or array a pointer can step into. */
export type Container = JsonObject | unknown[];

/** Where a pointer's last token lives: its parent container and the unescaped key. */
export interface Location {
  readonly parent: Container;
  readonly key: string;
}

/** A lookup or edit that cannot be done, worded as evanphx/json-patch words it. */
export class PointerFailure extends Error {}

const MISSING = "missing value";
const INVALID_INDEX = "invalid index referenced";

/** Finds the parent of `path`'s last token, or undefined when the path is malformed or a parent is absent. */
export function findParent(doc: unknown, path: string): Location | undefined {
  const tokens = path.split("/");
  if (tokens.length < 2 || tokens[0] !== "") return undefined;
  let current = doc;
  for (const token of tokens.slice(1, -1)) {
    if (!isContainer(current)) return undefined;
    try {
      current = getChild({ parent: current, key: decodeToken(token) });
    } catch {
      return undefined;
    }
  }
  return isContainer(current) ? { parent: current, key: decodeToken(tokens.at(-1)!) } : undefined;
}

/** The value at a location; a missing object key reads as undefined, a bad array index throws. */
export function getChild({ parent, key }: Location): unknown {
  if (!Array.isArray(parent)) return own(parent, key);
  return parent[arrayIndex(key, parent.length)];
}

/** Inserts at a location: sets an object key, or splices into an array (`-` appends). */
export function addChild({ parent, key }: Location, value: unknown): void {
  if (!Array.isArray(parent)) return put(parent, key, value);
  if (key === "-") {
    parent.push(value);
    return;
  }
  if (!/^[+-]?\d+$/.test(key)) {
    throw new PointerFailure(`value was not a proper array index: '${key}': ${atoiError(key)}`);
  }
  parent.splice(arrayIndex(key, parent.length + 1), 0, value);
}

/** Overwrites the value at an existing location (an object key need not exist, as in json-patch v4). */
export function setChild({ parent, key }: Location, value: unknown): void {
  if (Array.isArray(parent)) parent[arrayIndex(key, parent.length)] = value;
  else put(parent, key, value);
}

/** Removes the value at a location, failing when the key or index is absent. */
export function removeChild({ parent, key }: Location): void {
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(key, parent.length), 1);
  } else if (Object.hasOwn(parent, key)) {
    delete parent[key];
  } else {
    throw new PointerFailure(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
  }
}

function decodeToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isObject(value);
}

// strconv.Atoi semantics, plus json-patch v4's negative indices (SupportNegativeIndices defaults to true).
function arrayIndex(key: string, size: number): number {
  if (!/^[+-]?\d+$/.test(key)) throw new PointerFailure(atoiError(key));
  const index = Number(key);
  if (index >= size || index < -size) {
    throw new PointerFailure(`Unable to access invalid index: ${index}: ${INVALID_INDEX}`);
  }
  return index < 0 ? index + size : index;
}

function atoiError(key: string): string {
  return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
}
