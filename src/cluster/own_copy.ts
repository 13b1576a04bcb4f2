// A cluster's own copy of an object made once for many clusters, by a copy plan made once per object.
//
// Activation copies ~150 made objects into every cluster (activation.ts). Walking each one again
// per cluster asked, of every value, whether it is an object, an array, frozen (shared) or a
// `__proto__` key: that walk was ~4% of a registration's CPU. A made object never changes once
// made, so those answers are the same for every copy: they are found once, kept as a plan of
// what to copy, and each copy only runs the plan.

/** Makes a fresh copy of one container (what is frozen in it stays shared). */
type Copier = () => unknown;

const copiers = new WeakMap<object, Copier>();

/**
 * A copy of `value` whose frozen parts are shared and every other container is new, so no write
 * in one cluster reaches another's object. `value` must not change after its first copy: its
 * plan is kept (made objects are never written).
 */
export function ownCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  let copier = copiers.get(value);
  if (copier === undefined) {
    copier = copierOf(value);
    copiers.set(value, copier);
  }
  return copier() as T;
}

// The plan of one container that is not frozen: its values, and for each a copier or undefined
// (shared as is: a primitive or a frozen part).
function copierOf(value: object): Copier {
  if (Array.isArray(value)) {
    const [values, parts] = planOf(value);
    return () => {
      const out: unknown[] = [];
      for (let i = 0; i < values.length; i++) {
        const part = parts[i];
        out.push(part === undefined ? values[i] : part());
      }
      return out;
    };
  }
  const keys: string[] = [];
  for (const key in value) keys.push(key);
  const [values, parts] = planOf(keys.map((key) => (value as Record<string, unknown>)[key]));
  // Own data properties whatever the key: a put of `__proto__` would set the prototype.
  if (keys.includes("__proto__")) {
    return () => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const part = parts[i];
        Object.defineProperty(out, keys[i], {
          value: part === undefined ? values[i] : part(),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
      return out;
    };
  }
  return () => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const part = parts[i];
      out[keys[i]] = part === undefined ? values[i] : part();
    }
    return out;
  };
}

function planOf(values: readonly unknown[]): [readonly unknown[], readonly (Copier | undefined)[]] {
  const parts = values.map((child) =>
    typeof child !== "object" || child === null || Object.isFrozen(child)
      ? undefined
      : copierOf(child)
  );
  return [values, parts];
}
