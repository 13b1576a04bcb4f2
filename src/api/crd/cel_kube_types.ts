// Kubernetes' CEL value types for x-kubernetes-validations: `kubernetes.Quantity` (quantity
// library) and `kubernetes.Semver` (semver library), with their functions.
//
// Sources: k8s.io/apiserver pkg/cel/library/quantity.go and semverlib.go, pkg/cel/quantity.go and
// semver.go (v0.33.1); github.com/blang/semver/v4 (Parse, Compare). @bufbuild/cel 0.6.1 takes
// protobuf messages as its only opaque values, so each type is a message of a small descriptor
// made here, named as upstream names the type (`type(quantity("1"))` is `kubernetes.Quantity`).
// Its fields hold a normal form, so CEL's message equality is the types' semantic equality
// (`quantity("1") == quantity("1000m")`, build metadata ignored for semver).

import { celFunc, celMethod, CelScalar, objectType } from "@bufbuild/cel";
import { create, createFileRegistry, type DescMessage, type Registry } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema as FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import { parseQuantity } from "../validation/mod.ts";

const STRING = 9, INT64 = 3, BYTES = 12, INT32 = 5, OPTIONAL = 1;

const KUBERNETES_FILE = create(FileDescriptorProto, {
  name: "fkas/kubernetes_cel_types.proto",
  package: "kubernetes",
  syntax: "proto3",
  messageType: [
    { name: "Quantity", field: [field("value", 1, STRING)] },
    // The url library's kubernetes.URL: the URL as written (cel_url.ts parses it again).
    { name: "URL", field: [field("raw", 1, STRING)] },
    {
      name: "Semver",
      field: [
        field("major", 1, INT64),
        field("minor", 2, INT64),
        field("patch", 3, INT64),
        field("pre", 4, STRING),
      ],
    },
  ],
});
// The ip and cidr libraries' types are named net.IP and net.CIDR upstream.
const NET_FILE = create(FileDescriptorProto, {
  name: "fkas/net_cel_types.proto",
  package: "net",
  syntax: "proto3",
  messageType: [
    { name: "IP", field: [field("addr", 1, BYTES)] },
    { name: "CIDR", field: [field("addr", 1, BYTES), field("bits", 2, INT32)] },
  ],
});

function field(name: string, number: number, type: number) {
  return { name, number, type, label: OPTIONAL, jsonName: name };
}

/** The registry the CEL environment resolves Kubernetes' types from. */
export const KUBE_TYPES_REGISTRY: Registry = createFileRegistry(
  createFileRegistry(KUBERNETES_FILE, () => undefined),
  createFileRegistry(NET_FILE, () => undefined),
);
const QUANTITY: DescMessage = KUBE_TYPES_REGISTRY.getMessage("kubernetes.Quantity")!;
const SEMVER: DescMessage = KUBE_TYPES_REGISTRY.getMessage("kubernetes.Semver")!;
/** kubernetes.URL: the URL text. */
export const URL_MESSAGE: DescMessage = KUBE_TYPES_REGISTRY.getMessage("kubernetes.URL")!;
/** net.IP: a 4- or 16-byte address. */
export const IP_MESSAGE: DescMessage = KUBE_TYPES_REGISTRY.getMessage("net.IP")!;
/** net.CIDR: an address (as written, not masked) and a prefix length. */
export const CIDR_MESSAGE: DescMessage = KUBE_TYPES_REGISTRY.getMessage("net.CIDR")!;
const QUANTITY_TYPE = objectType(QUANTITY);
const SEMVER_TYPE = objectType(SEMVER);
const INT64_MAX = (1n << 63n) - 1n, INT64_MIN = -(1n << 63n);

/** A CEL value's message fields: a method's receiver is a reflection of it, arguments may be either. */
// deno-lint-ignore no-explicit-any
export function fields(value: any): Record<string, any> {
  return value?.message ?? value;
}

/** An exact quantity `m × 10^e` with no trailing zeros in `m`, as written in the message. */
interface Exact {
  readonly m: bigint;
  readonly e: number;
}

function exactOf(text: string): Exact | undefined {
  const parsed = parseQuantity(text);
  if (!parsed) return undefined;
  let m = parsed.mantissa * 2n ** BigInt(parsed.two);
  let e = parsed.ten;
  // ParseQuantity rounds past nano precision up, away from zero.
  if (e < -9 && m !== 0n) {
    const unit = 10n ** BigInt(-9 - e);
    const magnitude = (m < 0n ? -m : m) + unit - 1n;
    m = (m < 0n ? -1n : 1n) * (magnitude / unit);
    e = -9;
  }
  return normal(m, e);
}

function normal(m: bigint, e: number): Exact {
  if (m === 0n) return { m, e: 0 };
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  return { m, e };
}

function quantityOf(exact: Exact) {
  return create(QUANTITY, { value: `${exact.m}e${exact.e}` }) as never;
}

function exactFrom(value: unknown): Exact {
  const [m, e] = String(fields(value).value ?? "0e0").split("e");
  return { m: BigInt(m), e: Number(e) };
}

function compareExact(a: Exact, b: Exact): number {
  const e = Math.min(a.e, b.e);
  const x = a.m * 10n ** BigInt(a.e - e), y = b.m * 10n ** BigInt(b.e - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

function addExact(a: Exact, b: Exact, sign: bigint): Exact {
  const e = Math.min(a.e, b.e);
  return normal(a.m * 10n ** BigInt(a.e - e) + sign * b.m * 10n ** BigInt(b.e - e), e);
}

// AsInt64: whole and within int64.
function asInteger(exact: Exact): bigint | undefined {
  if (exact.e < 0 || exact.e > 19) return exact.m === 0n ? 0n : undefined;
  const value = exact.m * 10n ** BigInt(exact.e);
  return value > INT64_MAX || value < INT64_MIN ? undefined : value;
}

const QUANTITY_FUNCS = [
  celFunc("isQuantity", [CelScalar.STRING], CelScalar.BOOL, (s) => exactOf(s) !== undefined),
  celFunc("quantity", [CelScalar.STRING], QUANTITY_TYPE, (s) => {
    const exact = exactOf(s);
    if (!exact) {
      throw new Error(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      );
    }
    return quantityOf(exact);
  }),
  celFunc("sign", [QUANTITY_TYPE], CelScalar.INT, (q) => BigInt(compareExact(exactFrom(q), ZERO))),
  celMethod("isGreaterThan", QUANTITY_TYPE, [QUANTITY_TYPE], CelScalar.BOOL, function (other) {
    return compareExact(exactFrom(this), exactFrom(other)) === 1;
  }),
  celMethod("isLessThan", QUANTITY_TYPE, [QUANTITY_TYPE], CelScalar.BOOL, function (other) {
    return compareExact(exactFrom(this), exactFrom(other)) === -1;
  }),
  celMethod("compareTo", QUANTITY_TYPE, [QUANTITY_TYPE], CelScalar.INT, function (other) {
    return BigInt(compareExact(exactFrom(this), exactFrom(other)));
  }),
  celMethod("asApproximateFloat", QUANTITY_TYPE, [], CelScalar.DOUBLE, function () {
    const { m, e } = exactFrom(this);
    return Number(m) * 10 ** e;
  }),
  celMethod("isInteger", QUANTITY_TYPE, [], CelScalar.BOOL, function () {
    return asInteger(exactFrom(this)) !== undefined;
  }),
  celMethod("asInteger", QUANTITY_TYPE, [], CelScalar.INT, function () {
    const value = asInteger(exactFrom(this));
    if (value === undefined) throw new Error("cannot convert value to integer");
    return value;
  }),
  celMethod("add", QUANTITY_TYPE, [QUANTITY_TYPE], QUANTITY_TYPE, function (other) {
    return quantityOf(addExact(exactFrom(this), exactFrom(other), 1n));
  }),
  celMethod("add", QUANTITY_TYPE, [CelScalar.INT], QUANTITY_TYPE, function (other) {
    return quantityOf(addExact(exactFrom(this), normal(other, 0), 1n));
  }),
  celMethod("sub", QUANTITY_TYPE, [QUANTITY_TYPE], QUANTITY_TYPE, function (other) {
    return quantityOf(addExact(exactFrom(this), exactFrom(other), -1n));
  }),
  celMethod("sub", QUANTITY_TYPE, [CelScalar.INT], QUANTITY_TYPE, function (other) {
    return quantityOf(addExact(exactFrom(this), normal(other, 0), -1n));
  }),
];

const ZERO: Exact = { m: 0n, e: 0 };

// blang/semver v4 Parse: MAJOR.MINOR.PATCH, no leading zeros, optional -pre and +build.
const SEMVER_TEXT =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
}

function parseSemver(text: string, normalize: boolean): Version | string {
  let s = text;
  if (normalize) {
    s = s.startsWith("v") ? s.slice(1) : s;
    const parts = splitN(s, ".", 3).map((p) => {
      if (p.length <= 1) return p;
      const trimmed = p.replace(/^0+/, "");
      return trimmed === "" || !/^[0-9]/.test(trimmed) ? `0${trimmed}` : trimmed;
    });
    if (parts.length < 3) {
      if (/[+-]/.test(parts[parts.length - 1])) {
        return "short version cannot contain PreRelease/Build meta data";
      }
      while (parts.length < 3) parts.push("0");
    }
    s = parts.join(".");
  }
  const m = SEMVER_TEXT.exec(s);
  if (!m) return `invalid semver: ${text}`;
  const pre = m[4] ?? "";
  // Numeric pre-release identifiers may not have leading zeros.
  if (pre.split(".").some((id) => /^0\d+$/.test(id))) return `invalid semver: ${text}`;
  const number = (digits: string) => BigInt(digits);
  const version = { major: number(m[1]), minor: number(m[2]), patch: number(m[3]), pre };
  if (version.major > INT64_MAX || version.minor > INT64_MAX || version.patch > INT64_MAX) {
    return `invalid semver: ${text}`;
  }
  return version;
}

// strings.SplitN.
function splitN(s: string, separator: string, n: number): string[] {
  const parts = s.split(separator);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}

function semverOf(version: Version) {
  return create(SEMVER, { ...version }) as never;
}

function versionFrom(value: unknown): Version {
  const f = fields(value);
  return { major: f.major ?? 0n, minor: f.minor ?? 0n, patch: f.patch ?? 0n, pre: f.pre ?? "" };
}

// Version.Compare: numbers, then a release above its pre-releases, identifier by identifier.
function compareVersions(a: Version, b: Version): number {
  for (const key of ["major", "minor", "patch"] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  const x = a.pre.split("."), y = b.pre.split(".");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const xn = /^\d+$/.test(x[i]), yn = /^\d+$/.test(y[i]);
    if (xn && yn) return BigInt(x[i]) < BigInt(y[i]) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

function toSemver(text: string, normalize: boolean) {
  const version = parseSemver(text, normalize);
  if (typeof version === "string") throw new Error(version);
  return semverOf(version);
}

const SEMVER_FUNCS = [
  celFunc(
    "isSemver",
    [CelScalar.STRING],
    CelScalar.BOOL,
    (s) => typeof parseSemver(s, false) !== "string",
  ),
  celFunc(
    "isSemver",
    [CelScalar.STRING, CelScalar.BOOL],
    CelScalar.BOOL,
    (s, normalize) => typeof parseSemver(s, normalize) !== "string",
  ),
  celFunc("semver", [CelScalar.STRING], SEMVER_TYPE, (s) => toSemver(s, false)),
  celFunc(
    "semver",
    [CelScalar.STRING, CelScalar.BOOL],
    SEMVER_TYPE,
    (s, normalize) => toSemver(s, normalize),
  ),
  celMethod("major", SEMVER_TYPE, [], CelScalar.INT, function () {
    return versionFrom(this).major;
  }),
  celMethod("minor", SEMVER_TYPE, [], CelScalar.INT, function () {
    return versionFrom(this).minor;
  }),
  celMethod("patch", SEMVER_TYPE, [], CelScalar.INT, function () {
    return versionFrom(this).patch;
  }),
  celMethod("isGreaterThan", SEMVER_TYPE, [SEMVER_TYPE], CelScalar.BOOL, function (other) {
    return compareVersions(versionFrom(this), versionFrom(other)) === 1;
  }),
  celMethod("isLessThan", SEMVER_TYPE, [SEMVER_TYPE], CelScalar.BOOL, function (other) {
    return compareVersions(versionFrom(this), versionFrom(other)) === -1;
  }),
  celMethod("compareTo", SEMVER_TYPE, [SEMVER_TYPE], CelScalar.INT, function (other) {
    return BigInt(compareVersions(versionFrom(this), versionFrom(other)));
  }),
];

/** The quantity and semver libraries' functions. */
export const KUBE_TYPE_FUNCS = [...QUANTITY_FUNCS, ...SEMVER_FUNCS];
