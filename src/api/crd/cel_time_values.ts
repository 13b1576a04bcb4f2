// Strings with a time format, as Kubernetes' CEL sees them: `date-time` and `date` as timestamps, `duration` as durations.
//
// Source: k8s.io/apiserver pkg/cel/common/values.go and schemas.go at v0.36.0 (a string schema
// with format date-time or date is a CEL timestamp, with format duration a CEL duration; a value
// that does not parse stays a string, as upstream would have refused it by then).

import { create } from "@bufbuild/protobuf";
import { DurationSchema, timestampFromDate } from "@bufbuild/protobuf/wkt";

const UNIT_NANOS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  "µs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const DURATION = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;

/** The CEL value of a string under `format`, or the string itself. */
export function timeValue(format: string | undefined, text: string): unknown {
  if (format === "date-time" || format === "datetime" || format === "date") {
    const millis = Date.parse(format === "date" ? `${text}T00:00:00Z` : text);
    return Number.isNaN(millis) ? text : timestampFromDate(new Date(millis));
  }
  if (format === "duration") return durationOf(text) ?? text;
  return text;
}

// Go's time.ParseDuration ("1h30m", "-1.5s", "0"), to nanosecond precision within ±292 years.
function durationOf(text: string): unknown {
  if (text === "0") return create(DurationSchema, { seconds: 0n, nanos: 0 });
  const match = DURATION.exec(text);
  if (!match) return undefined;
  let nanos = 0n;
  for (const [, amount, unit] of text.matchAll(PART)) {
    nanos += BigInt(Math.round(Number(amount) * UNIT_NANOS[unit]));
  }
  if (match[1] === "-") nanos = -nanos;
  return create(DurationSchema, {
    seconds: nanos / 1_000_000_000n,
    nanos: Number(nanos % 1_000_000_000n),
  });
}
