// Go's JSON text of a value holding shared frozen parts, with JSON.stringify kept on its fast path.
//
// JavaScriptCore's JSON.stringify leaves its fast path for the whole call as soon as it meets a
// frozen object: a new Pod's spec, which holds the shared frozen token volume source and
// tolerations (src/api/defaults/pod_admission.ts), cost four to five times its thawed twin (8 µs
// against 2 µs in Bun 1.4). So the value is written through a view in which every frozen part is
// its thawed twin (a private deep copy, made once per frozen part and never handed out) and every
// object above one a shallow copy; what holds nothing frozen is the value's own. Writing the parts
// member by member instead cost about as much as the slow path (one call per member).

import { goJson } from "./go_json.ts";

// Frozen parts and their thawed twins: as many as there are distinct shared parts, never one per
// write (frozen parts are the shared ones of seeded objects and admission's defaults).
const thawedTwins = new WeakMap<object, object>();

type Loose = { [key: string]: unknown };

/**
 * Go's JSON text of `value`: `goJson(value, JSON.stringify(value))` byte for byte, undefined
 * where JSON.stringify answers undefined.
 */
export function goJsonAroundFrozen(value: unknown): string | undefined {
  const json = JSON.stringify(
    value !== null && typeof value === "object" ? thawedView(value) : value,
  );
  return json === undefined ? undefined : goJson(value, json);
}

// `value` itself when nothing frozen is in it, else a copy of the path down to each frozen part
// with the part's thawed twin in its place (an object with its own toJSON is left as it is:
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

function thawedTwin(frozen: object): object {
  let twin = thawedTwins.get(frozen);
  if (twin === undefined) {
    const json = JSON.stringify(frozen);
    // Not JSON data (a frozen function's holder, say): written as it is, slow path and all.
    if (json === undefined) return frozen;
    thawedTwins.set(frozen, twin = JSON.parse(json) as object);
  }
  return twin;
}
