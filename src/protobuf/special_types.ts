// Hand-coded messages whose JSON form is not an object: Time, Quantity, IntOrString, RawExtension...

import { base64Decode, type BinaryReader } from "@bufbuild/protobuf/wire";
import type { SpecialCodec } from "./descriptor.ts";
import type { ProtoWriter } from "./proto_writer.ts";
import { formatGoDuration, parseGoDuration } from "./go_duration.ts";
import { canonicalQuantity } from "./quantity.ts";
import { ProtobufError } from "./protobuf_error.ts";

// Field numbers below: kubernetes/apimachinery pkg/apis/meta/v1/generated.proto (Time, MicroTime,
// Duration, FieldsV1), pkg/api/resource/generated.proto (Quantity), pkg/util/intstr/generated.proto
// (IntOrString) and pkg/runtime/generated.proto (RawExtension).

// Each encoder follows the type's Go marshaller, including for the Go zero value (`undefined`).

/** The special codecs by `package:Message`, for the registry. */
export const SPECIAL_CODECS: Readonly<Record<string, SpecialCodec>> = {
  // Time {seconds = 1 int64, nanos = 2 int32}: RFC 3339 with second precision; zero means unset.
  "meta.v1:Time": timeCodec((seconds) => `${isoSeconds(seconds)}Z`),
  // MicroTime {seconds = 1, nanos = 2}: RFC 3339 with exactly six fractional digits.
  "meta.v1:MicroTime": timeCodec((seconds, nanos) =>
    `${isoSeconds(seconds)}.${String(Math.floor(nanos / 1000)).padStart(6, "0")}Z`
  ),
  // Duration {duration = 1 int64 nanoseconds}: Go duration string.
  "meta.v1:Duration": {
    decode(reader, end) {
      let ns = 0n;
      readFields(reader, end, (no, wt) => {
        if (no !== 1 || wt !== 0) return false;
        ns = BigInt(reader.int64());
        return true;
      });
      return formatGoDuration(ns);
    },
    encode(writer, value) {
      // The generated marshaller writes the int64 even when it is zero.
      const ns = typeof value === "string" ? durationOrZero(value) : 0n;
      writer.uint(0x08).int(Number(ns));
    },
  },
  // Quantity {string = 1}: the canonical string (Go's String(): `1000m` is `1`); an empty
  // Quantity is "0". Both directions canonicalize, as Go parses the string and marshals String().
  "resource:Quantity": {
    decode(reader, end) {
      let text = "";
      readFields(reader, end, (no, wt) => {
        if (no !== 1 || wt !== 2) return false;
        text = reader.string();
        return true;
      });
      return text === "" ? "0" : canonicalQuantity(text) ?? text;
    },
    encode(writer, value) {
      // A zero Quantity's String() is "0"; a JSON number is parsed as its text, as UnmarshalJSON.
      const text = typeof value === "number"
        ? String(value)
        : typeof value === "string" && value !== ""
        ? value
        : "0";
      writer.uint(0x0a).string(canonicalQuantity(text) ?? text);
    },
  },
  // IntOrString {type = 1 (0 int, 1 string), intVal = 2 int32, strVal = 3 string}.
  "intstr:IntOrString": {
    decode(reader, end) {
      let type = 0, intVal = 0, strVal = "";
      readFields(reader, end, (no, wt) => {
        if (no === 1 && wt === 0) type = Number(reader.int64());
        else if (no === 2 && wt === 0) intVal = reader.int32();
        else if (no === 3 && wt === 2) strVal = reader.string();
        else return false;
        return true;
      });
      return type === 1 ? strVal : intVal;
    },
    encode(writer, value) {
      // Go writes all three fields, zero or not.
      if (typeof value === "string") {
        writer.uint(0x08).uint(1).uint(0x10).uint(0).uint(0x1a).string(value);
      } else {
        const int = Number.isSafeInteger(value) ? value as number : 0;
        writer.uint(0x08).uint(0).uint(0x10).int(int).uint(0x1a).string("");
      }
    },
  },
  // RawExtension {raw = 1 bytes}: raw holds JSON, which becomes the field's value.
  "runtime:RawExtension": rawJsonCodec("RawExtension"),
  // FieldsV1 {Raw = 1 bytes}: the managed-fields trie, JSON as well.
  "meta.v1:FieldsV1": rawJsonCodec("FieldsV1"),
  // apiextensions JSON {raw = 1 bytes}: a default, an example or an enum value, as JSON.
  "apiextensions.v1:JSON": rawJsonCodec("JSON"),
  "apiextensions.v1beta1:JSON": rawJsonCodec("JSON"),
};

/** Reads fields up to `end`, skipping those `read` declines; checks the message ends on time. */
function readFields(
  reader: BinaryReader,
  end: number,
  read: (no: number, wt: number) => boolean,
): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const no = tag >>> 3, wt = tag & 7;
    if (no === 0) {
      throw new ProtobufError("Malformed", "Cannot decode protobuf body: field number 0");
    }
    if (!read(no, wt)) reader.skip(wt, no);
  }
  if (reader.pos !== end) {
    throw new ProtobufError("Malformed", "Cannot decode protobuf body: field overruns its message");
  }
}

function timeCodec(format: (seconds: number, nanos: number) => string): SpecialCodec {
  return {
    decode(reader, end) {
      let seconds = 0, nanos = 0;
      readFields(reader, end, (no, wt) => {
        if (no === 1 && wt === 0) seconds = Number(reader.int64());
        else if (no === 2 && wt === 0) nanos = reader.int32();
        else return false;
        return true;
      });
      // A zero Time is written as an empty message and means "unset", not 1970.
      return seconds === 0 && nanos === 0 ? undefined : format(seconds, nanos);
    },
    encode(writer, value) {
      // A zero Time writes nothing; so does one that is not RFC 3339 (never stored by the apiserver).
      const parsed = typeof value === "string" ? parseTime(value) : undefined;
      if (parsed === undefined) return;
      const [seconds, nanos] = parsed;
      // Timestamp's generated marshaller writes both fields, zero or not.
      writer.uint(0x08).int(seconds).uint(0x10).int(nanos);
    },
  };
}

// Objects repeat the same few timestamps (creation, transitions, start): parsed once each, the
// cache emptied when it grows past a bound.
const parsedTimes = new Map<string, readonly [number, number]>();
const PARSED_TIMES_MAX = 4096;

/** RFC 3339 → [Unix seconds, nanoseconds], as metav1.Time's UnmarshalJSON reads it. */
function parseTime(text: string): readonly [number, number] | undefined {
  let parsed = parsedTimes.get(text);
  if (parsed) return parsed;
  const m = /^(.*?:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  const ms = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || Number.isNaN(ms)) return undefined;
  parsed = [Math.floor(ms / 1000), m[2] ? Number(m[2].padEnd(9, "0")) : 0];
  if (parsedTimes.size >= PARSED_TIMES_MAX) parsedTimes.clear();
  parsedTimes.set(text, parsed);
  return parsed;
}

function isoSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) {
    throw new ProtobufError(
      "Malformed",
      `Cannot decode protobuf body: time ${seconds}s is out of range`,
    );
  }
  return date.toISOString().slice(0, -5);
}

function rawJsonCodec(name: string): SpecialCodec {
  return {
    decode(reader, end) {
      let raw: Uint8Array | undefined;
      readFields(reader, end, (no, wt) => {
        if (no !== 1 || wt !== 2) return false;
        raw = reader.bytes();
        return true;
      });
      if (raw === undefined || raw.length === 0) return undefined;
      try {
        return JSON.parse(new TextDecoder().decode(raw));
      } catch (cause) {
        throw new ProtobufError(
          "Malformed",
          `Cannot decode protobuf body: ${name} does not hold JSON`,
          undefined,
          undefined,
          {
            cause,
          },
        );
      }
    },
    encode(writer: ProtoWriter, value: unknown) {
      // A nil Raw is not written.
      if (value !== undefined) writer.uint(0x0a).string(JSON.stringify(value));
    },
  };
}

function durationOrZero(text: string): bigint {
  try {
    return parseGoDuration(text);
  } catch {
    return 0n;
  }
}

function malformedValue(name: string, value: unknown): ProtobufError {
  return new ProtobufError(
    "Malformed",
    `Cannot encode ${name}: unexpected value ${JSON.stringify(value)}`,
  );
}

/** Decodes standard base64 (as JSON carries `bytes`) for the encoder. */
export function decodeBase64(text: unknown): Uint8Array {
  if (typeof text !== "string") throw malformedValue("bytes", text);
  return base64Decode(text);
}
