// Map keys as sigs.k8s.io/yaml's YAMLToJSON converts them (convertToJSONableObject) and as
// go-yaml tells them apart and prints them (`%#v`).

import { formatFloatG, goQuote } from "./go_format.ts";
import { type Resolved, Tag } from "./resolve.ts";

/** A decoded key that is no string (a string key is kept as itself). */
export interface KeyOf {
  /** The key as YAMLToJSON spells it. */
  readonly json: string;
  /** The key as a Go map tells keys apart. */
  readonly identity: string;
  /** `%#v` of the key. */
  readonly shown: string;
  /** YAMLToJSON's refusal of the key (nil, uint64), if any. */
  readonly unsupported?: string;
}

/** YAMLToJSON's conversion of a key, from its resolved Go type. */
export function keyOf(resolved: Resolved, value: unknown): KeyOf {
  switch (resolved.tag) {
    case Tag.int: {
      const digits = resolved.digits!;
      if (BigInt(digits) > (1n << 63n) - 1n) {
        const shown = "0x" + BigInt(digits).toString(16);
        return {
          json: digits,
          identity: "\0\0u" + digits,
          shown,
          unsupported: `unsupported map key of type: uint64, key: ${shown}`,
        };
      }
      return { json: digits, identity: "\0\0i" + digits, shown: digits };
    }
    case Tag.float: {
      const number = value as number;
      let json = formatFloatG(number, 32);
      if (json === "+Inf") json = ".inf";
      else if (json === "-Inf") json = "-.inf";
      else if (json === "NaN") json = ".nan";
      const shown = formatFloatG(number);
      return { json, identity: "\0\0f" + shown, shown };
    }
    case Tag.bool:
      return { json: String(value), identity: "\0\0b" + value, shown: String(value) };
    case Tag.null:
      return {
        json: "",
        identity: "\0\0n",
        shown: "<nil>",
        unsupported: "unsupported map key of type: %!s(<nil>), key: <nil>",
      };
    default: {
      const text = value as string;
      return { json: text, identity: text, shown: goQuote(text) };
    }
  }
}

/** `%#v` of a decoded value, as go-yaml's "invalid map key" prints it. */
export function goSharp(value: unknown, nested = false): string {
  if (value === null) return nested ? "interface {}(nil)" : "<nil>";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : formatFloatG(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    return `[]interface {}{${value.map((item) => goSharp(item, true)).join(", ")}}`;
  }
  const entries = Object.entries(value as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[interface {}]interface {}{${
    entries.map(([k, v]) => `${goQuote(k)}:${goSharp(v, true)}`).join(", ")
  }}`;
}
