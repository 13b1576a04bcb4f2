// Go's time.ParseDuration: the nanoseconds of a duration text, or the error text Go gives.

import { goQuote } from "./go_quote.ts";

const UNIT_NANOSECONDS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "µs": 1_000n,
  "μs": 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** `text` in nanoseconds as time.ParseDuration reads it (`5m`, `1h30m`, `1.5h`), or its error. */
export function goDurationNanoseconds(text: string): bigint | string {
  const quoted = goQuote(text);
  const negative = text.startsWith("-");
  const body = text.replace(/^[+-]/, "");
  // A bare "0", signed or not, needs no unit.
  if (body === "0") return 0n;
  if (body === "") return `time: invalid duration ${quoted}`;
  const parts = /(\d+\.?\d*|\.\d+)([^\d.]*)/gy;
  let total = 0n, at = 0;
  for (let match = parts.exec(body); match; match = parts.exec(body)) {
    const [number, unitText] = [match[1], match[2]];
    if (unitText === "") return `time: missing unit in duration ${quoted}`;
    const unit = UNIT_NANOSECONDS[unitText];
    if (unit === undefined) {
      return `time: unknown unit ${goQuote(unitText)} in duration ${quoted}`;
    }
    const [whole, fraction = ""] = number.split(".");
    total += BigInt(whole || "0") * unit;
    if (fraction) total += BigInt(fraction) * unit / 10n ** BigInt(fraction.length);
    at = parts.lastIndex;
  }
  if (at !== body.length) return `time: invalid duration ${quoted}`;
  return negative ? -total : total;
}
