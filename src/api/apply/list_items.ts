// List items to path elements, and the error of values that do not fit their schema (structured-merge-diff typed/helpers.go).

import {
  type Json,
  keyElement,
  type PathElement,
  pathString,
  valueElement,
} from "./path_element.ts";
import type { ListAtom } from "./types.ts";

/** A value that does not fit its schema (a duplicate key, an item without keys). */
export class TypedValueError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TypedValueError";
  }
}

/** A JSON object (not null, not a list). */
export type JsonMap = { [key: string]: Json };

/** Whether a value is a JSON object. */
export function isMap(v: Json | undefined): v is JsonMap {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The element selecting a list item (`listItemToPathElement`). */
export function listItemElement(
  atom: ListAtom,
  item: Json,
  path: readonly PathElement[],
): PathElement {
  if (atom.keys.length > 0) {
    if (item === null) fail(path, "associative list with keys may not have a null element");
    if (!isMap(item)) fail(path, "associative list with keys may not have non-map elements");
    const fields: [string, Json][] = [];
    for (const key of atom.keys) {
      if (Object.hasOwn(item, key)) fields.push([key, item[key]]);
      else if (atom.keyDefaults && Object.hasOwn(atom.keyDefaults, key)) {
        fields.push([key, atom.keyDefaults[key]]);
      }
    }
    if (fields.length === 0) {
      fail(
        path,
        `associative list with keys has an element that omits all key fields ${
          JSON.stringify(atom.keys).replaceAll(",", " ")
        } (and doesn't have default values for any key fields)`,
      );
    }
    return keyElement(fields);
  }
  if (isMap(item)) fail(path, "associative list without keys has an element that's a map type");
  if (Array.isArray(item)) fail(path, "not supported: associative list with lists as elements");
  if (item === null) {
    fail(path, "associative list without keys has an element that's an explicit null");
  }
  return valueElement(item);
}

/** Throws a `TypedValueError` at a path. */
export function fail(path: readonly PathElement[], message: string): never {
  throw new TypedValueError(`${pathString(path)}: ${message}`);
}
