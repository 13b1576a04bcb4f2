// Setting a key of a JSON object whatever its name.
//
// Parsed JSON may hold a `__proto__` key (JSON.parse makes it an own data property); an
// assignment would call Object.prototype's setter and change the object's prototype instead.
// Only that key has a setter there, and defining every key is several times slower than an
// assignment, so only `__proto__` is defined.

/** Sets `key` of `object` as an own data property (`__proto__` included). */
export function putOwn(object: object, key: string | number, value: unknown): void {
  if (key !== "__proto__") (object as Record<string | number, unknown>)[key] = value;
  else {
    Object.defineProperty(object, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
}
