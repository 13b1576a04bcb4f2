// Go's time.Duration text form ("1h2m3.5s", "150ms", "0s"), as metav1.Duration marshals to JSON.

import { goDurationNanoseconds } from "../encoding/mod.ts";

/** Formats nanoseconds like Go's `time.Duration.String()`. */
export function formatGoDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return "0s";
  const sign = nanoseconds < 0n ? "-" : "";
  let u = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  if (u < 1_000_000_000n) {
    // Sub-second values use the largest unit below a second, with a fraction.
    if (u < 1_000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${fraction(u, 3)}µs`;
    return `${sign}${fraction(u, 6)}ms`;
  }
  let text = `${fraction(u % 60_000_000_000n, 9)}s`;
  u /= 60_000_000_000n;
  if (u > 0n) {
    text = `${u % 60n}m${text}`;
    u /= 60n;
    if (u > 0n) text = `${u}h${text}`;
  }
  return sign + text;
}

/** Parses a Go duration string into nanoseconds; throws on anything Go's `time.ParseDuration` rejects. */
export function parseGoDuration(text: string): bigint {
  const nanoseconds = goDurationNanoseconds(text);
  if (typeof nanoseconds === "string") {
    throw new Error(`Cannot parse duration "${text}": not a Go duration`);
  }
  return nanoseconds;
}

/** `value / 10^digits` with trailing zeros (and a bare dot) trimmed, like Go's fmtFrac. */
function fraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const frac = (value % scale).toString().padStart(digits, "0").replace(/0+$/, "");
  return frac ? `${value / scale}.${frac}` : `${value / scale}`;
}
