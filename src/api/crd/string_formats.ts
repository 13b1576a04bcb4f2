// The string formats apiextensions-apiserver checks in custom resources, as predicates.
//
// Source: k8s.io/apiextensions-apiserver pkg/apiserver/validation/formats.go (`supportedFormats`)
// and k8s.io/kube-openapi pkg/validation/strfmt/default.go at v0.36.0. Other formats (and
// `int32`, `int64`, `float`, `double` on numbers) are accepted without a check, as upstream
// ignores formats it does not know.

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const HOSTNAME =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MAC = /^([0-9a-f]{2}([:-])){5}[0-9a-f]{2}$|^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i;
const HEX_COLOR = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;
const RGB_COLOR =
  /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/;
const BSON_OBJECT_ID = /^[0-9a-f]{24}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$|^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}$/;
// strfmt.ParseDuration: Go durations plus day/week units, spaces allowed between number and unit.
const DURATION =
  /^(\s*[-+]?\d+(\.\d+)?\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\s*)+$/;
const ISBN10 = /^(?:[0-9]{9}X|[0-9]{10})$/;
const ISBN13 = /^(?:[0-9]{13})$/;
const SSN = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const CREDIT_CARD =
  /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11}|6[27][0-9]{14})$/;

function ipv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 &&
    parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p[0] === "0"));
}

function ipv6(text: string): boolean {
  if (!text.includes(":") || /[^0-9a-fA-F:.]/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 0;
  } catch {
    return false;
  }
}

function cidr(text: string): boolean {
  const [ip, bits, extra] = text.split("/");
  if (bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return false;
  if (ipv4(ip)) return Number(bits) <= 32;
  return ipv6(ip) && Number(bits) <= 128;
}

function uri(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

const FORMATS: Readonly<Record<string, (text: string) => boolean>> = {
  bsonobjectid: (t) => BSON_OBJECT_ID.test(t),
  uri,
  email: (t) => EMAIL.test(t),
  hostname: (t) => t.length <= 255 && HOSTNAME.test(t),
  ipv4,
  ipv6,
  cidr,
  mac: (t) => MAC.test(t),
  uuid: (t) => UUID.test(t),
  uuid3: (t) => UUID3.test(t),
  uuid4: (t) => UUID4.test(t),
  uuid5: (t) => UUID5.test(t),
  isbn: (t) => ISBN10.test(t.replace(/[- ]/g, "")) || ISBN13.test(t.replace(/[- ]/g, "")),
  isbn10: (t) => ISBN10.test(t.replace(/[- ]/g, "")),
  isbn13: (t) => ISBN13.test(t.replace(/[- ]/g, "")),
  creditcard: (t) => CREDIT_CARD.test(t.replace(/[- ]/g, "")),
  ssn: (t) => SSN.test(t),
  hexcolor: (t) => HEX_COLOR.test(t),
  rgbcolor: (t) => RGB_COLOR.test(t),
  byte: (t) => BASE64.test(t),
  date: (t) => DATE.test(t) && !Number.isNaN(Date.parse(t)),
  "date-time": (t) => DATE_TIME.test(t),
  datetime: (t) => DATE_TIME.test(t),
  duration: (t) => DURATION.test(t),
};

/** Whether a string is valid for a format; true for formats apiextensions does not check. */
export function matchesFormat(format: string, text: string): boolean {
  const check = FORMATS[format];
  return check === undefined || check(text);
}
