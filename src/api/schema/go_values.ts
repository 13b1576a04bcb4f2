// What Go's decoders make of a string: quantities, base64, RFC 3339 times and durations, with their errors.
//
// kube-apiserver decodes built-in kinds into Go structs; these checks answer as the Go code named
// beside each one (k8s.io/apimachinery v0.33, Go's encoding/base64 and time packages).

import { goQuote } from "../../encoding/mod.ts";

const QUANTITY_PATTERN = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

/** resource.ErrFormatWrong, the answer to anything but a quantity string or number. */
export const QUANTITY_FORMAT_ERROR =
  `quantities must match the regular expression '${QUANTITY_PATTERN}'`;

const QUANTITY_SHAPE = /^[+-]?\d+(\.\d+)?([KMGTPE]i|[numkMGTPE])?$/;
const BINARY_SUFFIXES = new Set(["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]);
const DECIMAL_SUFFIXES = new Set(["", "n", "u", "m", "k", "M", "G", "T", "P", "E"]);

/** The error `resource.ParseQuantity` returns for a string, or undefined when it parses. */
export function quantityError(text: string): string | undefined {
  // The common case: digits and a known suffix.
  if (QUANTITY_SHAPE.test(text)) return undefined;
  const value = text.trim();
  if (value === "0") return undefined;
  // As parseQuantityString: sign, digits, optional fraction, then a suffix of the allowed runes.
  const match = /^[+-]?(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(value);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return QUANTITY_FORMAT_ERROR;
  const suffix = match[3];
  if (BINARY_SUFFIXES.has(suffix) || DECIMAL_SUFFIXES.has(suffix)) return undefined;
  if (/^[eE][-+]?\d+$/.test(suffix)) return undefined;
  return "unable to parse quantity's suffix";
}

const BASE64 = /[A-Za-z0-9+/]/;

/** The error Go's `base64.StdEncoding.Decode` returns (`illegal base64 data at input byte 4`). */
export function base64Error(text: string): string | undefined {
  const corrupt = (at: number) => `illegal base64 data at input byte ${at}`;
  // As decodeQuantum: newlines are skipped, offsets count them.
  let at = 0;
  const next = (): number => {
    while (at < text.length && (text[at] === "\n" || text[at] === "\r")) at++;
    return at < text.length ? at++ : -1;
  };
  for (;;) {
    let j = 0;
    let start = -1;
    for (; j < 4; j++) {
      const index = next();
      if (index < 0) {
        if (j === 0) return undefined;
        return corrupt(start);
      }
      if (start < 0) start = index;
      const char = text[index];
      if (char === "=") {
        if (j < 2) return corrupt(index);
        if (j === 2) {
          const second = next();
          if (second < 0) return corrupt(text.length);
          if (text[second] !== "=") return corrupt(second - 1);
        }
        const rest = next();
        if (rest >= 0) return corrupt(rest);
        return undefined;
      }
      if (!BASE64.test(char)) return corrupt(index);
    }
  }
}

/** Go's time layouts kube-apiserver parses: `metav1.Time` (RFC 3339) and `metav1.MicroTime`. */
export type TimeLayout = "2006-01-02T15:04:05Z07:00" | "2006-01-02T15:04:05.000000Z07:00";

/** RFC 3339 as `metav1.Time` decodes it. */
export const RFC3339: TimeLayout = "2006-01-02T15:04:05Z07:00";
/** RFC 3339 with microseconds, as `metav1.MicroTime` decodes it. */
export const RFC3339_MICRO: TimeLayout = "2006-01-02T15:04:05.000000Z07:00";

const RFC3339_SHAPE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d([.,]\d+)?(Z|[+-]\d\d:\d\d)$/;
const RFC3339_MICRO_SHAPE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}(Z|[+-]\d\d:\d\d)$/;

const RANGES: Readonly<Record<string, [number, number, string]>> = {
  "01": [1, 12, "month"],
  "02": [1, 31, "day"],
  "15": [0, 23, "hour"],
  "04": [0, 59, "minute"],
  "05": [0, 59, "second"],
};

/**
 * The error Go's `time.Parse(layout, text)` returns, or undefined when it parses: the element
 * that failed (`cannot parse "x" as "2006"`), as Go's layout walk reports it.
 */
export function timeError(text: string, layout: TimeLayout): string | undefined {
  const prefix = `parsing time ${goQuote(text)}`;
  // The common case, a well-formed time with in-range fields, answers without the layout walk.
  if ((layout === RFC3339 ? RFC3339_SHAPE : RFC3339_MICRO_SHAPE).test(text)) {
    return dayInMonth(text) ? undefined : `${prefix}: day out of range`;
  }
  const fail = (rest: string, element: string) =>
    `${prefix} as ${goQuote(layout)}: cannot parse ${goQuote(rest)} as ${goQuote(element)}`;
  const elements = layout === RFC3339
    ? ["2006", "-", "01", "-", "02", "T", "15", ":", "04", ":", "05", "Z07:00"]
    : ["2006", "-", "01", "-", "02", "T", "15", ":", "04", ":", "05", ".000000", "Z07:00"];
  let rest = text;
  for (const element of elements) {
    if (element === "2006") {
      if (!/^\d{4}/.test(rest)) return fail(rest, element);
      rest = rest.slice(4);
    } else if (Object.hasOwn(RANGES, element)) {
      const digits = /^\d{2}/.exec(rest)?.[0];
      if (!digits) return fail(rest, element);
      const [low, high, name] = RANGES[element];
      if (Number(digits) < low || Number(digits) > high) return `${prefix}: ${name} out of range`;
      rest = rest.slice(2);
      // Go accepts a fraction after the seconds even when the layout has none.
      if (element === "05" && layout === RFC3339) rest = rest.replace(/^[.,]\d+/, "");
    } else if (element === ".000000") {
      if (!/^\.\d{6}/.test(rest)) return fail(rest, element);
      rest = rest.slice(7);
    } else if (element === "Z07:00") {
      const zone = /^(Z|[+-]\d{2}:\d{2})/.exec(rest)?.[0];
      if (!zone) return fail(rest, element);
      rest = rest.slice(zone.length);
    } else {
      if (!rest.startsWith(element)) return fail(rest, element);
      rest = rest.slice(element.length);
    }
  }
  if (rest !== "") return `${prefix}: extra text: ${goQuote(rest)}`;
  return dayInMonth(text) ? undefined : `${prefix}: day out of range`;
}

// Go's time.Parse checks the day against the month's length (February 29 in leap years only).
function dayInMonth(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** The error Go's `time.ParseDuration` returns (`time: invalid duration "x"`), or undefined. */
export function durationError(text: string): string | undefined {
  if (/^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/.test(text)) return undefined;
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) {
    return `time: missing unit in duration ${goQuote(text)}`;
  }
  return `time: invalid duration ${goQuote(text)}`;
}

/** A JSON value printed as Go's `fmt.Sprintf("%+v", value)` prints a decoded `interface{}`. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `map[${keys.map((key) => `${key}:${goFormat(record[key])}`).join(" ")}]`;
  }
  if (typeof value === "number") return goNumber(value);
  return String(value);
}

/** A number as Go's `%v` prints a float64 (`1e+21` past 21 digits, as JavaScript too). */
export function goNumber(value: number): string {
  const text = String(value);
  return /e[+-]\d$/.test(text) ? text.replace(/e([+-])(\d)$/, "e$10$2") : text;
}
