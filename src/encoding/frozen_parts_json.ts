// Go's JSON text of a value holding shared frozen parts, with JSON.stringify kept on its fast path.
//
// JavaScriptCore's JSON.stringify leaves its fast path for the whole call as soon as it meets a
// frozen object: a new Pod's spec, which holds the shared frozen token volume source and
// tolerations (src/api/defaults/pod_admission.ts), cost four to five times its thawed twin (8 µs
// against 2 µs in Bun 1.4). So the value is written through a view in which each process-wide
// frozen part is its thawed twin (a private deep copy, made once when the part is marked and
// never handed out) and every object above one a shallow copy; what holds no such part is the
// value's own. Writing the parts member by member instead cost about as much as the slow path
// (one call per member).

import { goJson } from "./go_json.ts";

// Process-wide frozen parts (constants such as admission's token volume source) and their thawed
// twins. Only parts marked so get a twin: frozen parts made per cluster or per controller template
// (src/store/sibling_sharing.ts) would each cost a twin's memory for as long as they live, so they
// are written as they are, on the slow path, as before.
const thawedTwins = new WeakMap<object, object>();

type Loose = { [key: string]: unknown };

/**
 * Marks `frozen`, a deep-frozen JSON value shared by the whole process (never one per cluster or
 * per write), as one that `goJsonAroundFrozen` writes through a thawed twin; returns it.
 */
export function withThawedTwin<T extends object>(frozen: T): T {
  if (!Object.isFrozen(frozen)) {
    throw new TypeError("Cannot keep a thawed twin: the value is not frozen");
  }
  const json = JSON.stringify(frozen);
  if (json === undefined) {
    throw new TypeError("Cannot keep a thawed twin: the value is not JSON data");
  }
  thawedTwins.set(frozen, JSON.parse(json) as object);
  return frozen;
}

/**
 * Go's JSON text of `value`: `goJson(value, JSON.stringify(value))` byte for byte, undefined
 * where JSON.stringify answers undefined. Frozen parts marked by `withThawedTwin` keep
 * JSON.stringify on its fast path.
 */
export function goJsonAroundFrozen(value: unknown): string | undefined {
  const json = JSON.stringify(
    value !== null && typeof value === "object" ? thawedView(value) : value,
  );
  return json === undefined ? undefined : goJson(value, json);
}

// `value` itself when no marked frozen part is in it, else a copy of the path down to each such
// part with the part's thawed twin in its place (an object with its own toJSON is left as it is:
// JSON.stringify calls it, and stored objects have none).
function thawedView(value: object): object {
  if (Object.isFrozen(value)) return thawedTwin(value);
  if (typeof (value as Loose).toJSON === "function") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item !== "object") continue;
      const view = thawedView(item);
      if (view !== item) (copy ??= value.slice())[i] = view;
    }
    return copy ?? value;
  }
  let copy: Loose | undefined;
  for (const key in value) {
    const item = (value as Loose)[key];
    if (item === null || typeof item !== "object") continue;
    const view = thawedView(item);
    if (view === item) continue;
    copy ??= { ...value as Loose };
    // An own `__proto__` member stays a member (an assignment would set the prototype).
    Object.defineProperty(copy, key, {
      value: view,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy ?? value;
}

// A marked frozen part's twin; any other frozen part as it is.
function thawedTwin(frozen: object): object {
  return thawedTwins.get(frozen) ?? frozen;
}
