// Equal parts of objects shared in memory: a new object points at a model's frozen subtrees
// wherever they are the same as its own, so thousands of clusters hold one copy of what they agree on.

/**
 * `value` with each subtree that is the same as the subtree at the same place in `model` replaced
 * by the model's. "The same" is strict, so every encoding of the result is byte for byte that of
 * `value`: plain objects with the same keys in the same order, arrays of the same length, and
 * primitives that are `Object.is`. Containers of `value` that gain a shared child are copied
 * (`value` itself is never changed); a wholly equal result is the model's subtree itself. Frozen
 * parts of `value` are kept as they are (already shared). `model` must be deeply frozen
 * (encoding's `deepFreeze`), since its parts end up in other objects.
 */
export function shareFrom<T>(model: unknown, value: T): T {
  return share(model, value) as T;
}

function share(model: unknown, value: unknown): unknown {
  if (typeof value !== "object" || value === null) return Object.is(model, value) ? model : value;
  if (model === value) return model;
  // A model is JSON data made by this process: an object or array when not a primitive.
  if (typeof model !== "object" || model === null || !isContainer(value)) return value;
  // A frozen part is already one that objects share (a cache's): copying its parents to swap it
  // for the model's would cost what sharing saves.
  if (Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    if (!Array.isArray(model)) return value;
    let same = value.length === model.length;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = i < model.length ? share(model[i], value[i]) : value[i];
      if (child !== model[i]) same = false;
      if (child !== value[i]) (copy ??= value.slice())[i] = child;
    }
    return same ? model : copy ?? value;
  }
  if (Array.isArray(model)) return value;
  const source = value as Record<string, unknown>;
  const shared = model as Record<string, unknown>;
  const modelKeys = keysOf(shared);
  let same = true;
  let index = 0;
  let copy: Record<string, unknown> | undefined;
  // for-in over a JSON object visits its own keys in insertion order, without building an array.
  for (const key in source) {
    if (same && modelKeys[index] !== key) same = false;
    index++;
    const own = source[key];
    const child = Object.hasOwn(shared, key) ? share(shared[key], own) : own;
    if (child !== shared[key]) same = false;
    // The spread copies a `__proto__` key as an own property, so this assignment stays one.
    if (child !== own) (copy ??= { ...source })[key] = child;
  }
  return same && index === modelKeys.length ? model : copy ?? value;
}

// A model is frozen: its keys, listed once, never change.
const modelKeyLists = new WeakMap<object, readonly string[]>();

function keysOf(model: Record<string, unknown>): readonly string[] {
  let keys = modelKeyLists.get(model);
  if (keys === undefined) modelKeyLists.set(model, keys = Object.keys(model));
  return keys;
}

// Only JSON's containers: arrays and plain objects (a Date or Map is never taken apart).
function isContainer(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
