// The kinds of value fkas options take: a valibot schema each, plus how each is named and printed.
import * as v from "valibot";

/** How one kind of option value is validated, named in help and errors, and printed back. */
export interface ValueKind<T> {
  /** Accepts the string of a flag or env var and the (possibly richer) YAML value of the file. */
  readonly schema: v.GenericSchema<unknown, T>;
  /** Placeholder in the help text ("HOST:PORT"); absent for on/off switches. */
  readonly valueName?: string;
  /** What a valid value looks like; completes "expected ...". */
  readonly expected: string;
  format(value: T): string;
}

const DNS_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const DNS_NAME = new RegExp(`^(?=.{1,253}$)${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
// DNS_NAME alone would accept "10.0.0.256" or "1.2.3": a numeric last label means a broken IPv4.
const NUMERIC_LAST_LABEL = /(?:^|\.)\d+$/;

const hostSchema = v.union([
  v.pipe(v.string(), v.ip()),
  v.pipe(v.string(), v.regex(DNS_NAME), v.check((s) => !NUMERIC_LAST_LABEL.test(s))),
]);

/** Whether `host` is an IP literal of the loopback network (127.0.0.0/8, ::1). */
export function isLoopbackIp(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "::1" ||
    host === "0:0:0:0:0:0:0:1";
}

/** An IPv4 address, an IPv6 address or a DNS name. */
export const host: ValueKind<string> = {
  schema: hostSchema,
  valueName: "HOST",
  expected: "an IPv4 address, IPv6 address or DNS name",
  format: String,
};

const HOST_PORT = /^(?:\[(?<v6>[^\]]*)\]|(?<name>[^:[\]]*)):(?<port>\d{1,5})$/;

/** HOST:PORT with an IPv6 host in brackets ([::]:3333); port 0 asks for an ephemeral port. */
export const hostPort: ValueKind<{ readonly host: string; readonly port: number }> = {
  schema: v.pipe(
    v.string(),
    v.regex(HOST_PORT),
    // Brackets are for IPv6 only; an unbracketed IPv6 host is ambiguous and fails HOST_PORT.
    v.check((s) => !s.startsWith("[") || v.IPV6_REGEX.test(s.slice(1, s.lastIndexOf("]")))),
    v.transform((s) => {
      const { v6, name, port } = HOST_PORT.exec(s)?.groups ?? {};
      return { host: v6 ?? name, port: Number(port) };
    }),
    v.object({
      host: hostSchema,
      port: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)),
    }),
  ),
  valueName: "HOST:PORT",
  expected: "HOST:PORT with PORT 0-65535 and an IPv6 HOST in brackets ([::]:3333)",
  format: ({ host, port }) => host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`,
};

const RANGE = /^(?<min>\d{1,5})-(?<max>\d{1,5})$/;
const wholeNumber = v.pipe(v.number(), v.integer());

/** A port range MIN-MAX, or in YAML also a {min, max} mapping. */
export const portRange: ValueKind<{ readonly min: number; readonly max: number }> = {
  schema: v.pipe(
    v.union([
      v.pipe(
        v.string(),
        v.regex(RANGE),
        v.transform((s) => {
          const { min, max } = RANGE.exec(s)?.groups ?? {};
          return { min: Number(min), max: Number(max) };
        }),
      ),
      v.strictObject({ min: wholeNumber, max: wholeNumber }),
    ]),
    v.check(({ min, max }) => 1 <= min && min <= max && max <= 65535),
  ),
  valueName: "MIN-MAX",
  expected: "MIN-MAX with 1 <= MIN <= MAX <= 65535",
  format: ({ min, max }) => `${min}-${max}`,
};

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** An IPv4 CIDR such as 192.168.0.0/16 (octets up to 255, prefix up to 32). */
export const ipv4Cidr: ValueKind<string> = {
  schema: v.pipe(
    v.string(),
    v.check((s) => {
      const match = CIDR.exec(s);
      return match !== null && match.slice(1, 5).every((o) => Number(o) <= 255) &&
        Number(match[5]) <= 32;
    }),
  ),
  valueName: "CIDR",
  expected: "an IPv4 CIDR such as 192.168.0.0/16",
  format: String,
};

/** The prefix length of an IPv4 CIDR that `ipv4Cidr` accepted. */
export function cidrPrefix(cidr: string): number {
  return Number(cidr.slice(cidr.indexOf("/") + 1));
}

/** A whole number from `min` to `max`. */
export function wholeNumberIn(min: number, max: number): ValueKind<number> {
  return {
    schema: v.pipe(
      v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))]),
      v.integer(),
      v.minValue(min),
      v.maxValue(max),
    ),
    valueName: "N",
    expected: `a whole number from ${min} to ${max}`,
    format: String,
  };
}

/** How many worker threads hold clusters: a count from 1 to 64, or "auto" (one per core). */
export const workerCount: ValueKind<number | "auto"> = {
  schema: v.union([
    v.literal("auto"),
    v.pipe(
      v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number))]),
      v.integer(),
      v.minValue(1),
      v.maxValue(64),
    ),
  ]),
  valueName: "N|auto",
  expected: 'a whole number from 1 to 64, or "auto"',
  format: String,
};

/** An on/off switch: true or false (a YAML boolean or the strings "true" and "false"). */
export const onOff: ValueKind<boolean> = {
  schema: v.union([
    v.boolean(),
    v.pipe(v.picklist(["true", "false"]), v.transform((s) => s === "true")),
  ]),
  expected: "true or false",
  format: String,
};

/** One of a fixed list of words. */
export function oneOf<const T extends string>(choices: readonly T[]): ValueKind<T> {
  return {
    schema: v.picklist(choices),
    valueName: choices.join("|"),
    expected: `one of ${choices.join(", ")}`,
    format: String,
  };
}

/** A Kubernetes version such as v1.33.1 or v1.34.0-rc.1. */
export const kubernetesVersion: ValueKind<string> = {
  schema: v.pipe(v.string(), v.regex(/^v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/)),
  valueName: "VERSION",
  expected: "a version like v1.33.1",
  format: String,
};

/** A bearer token: printable ASCII without spaces, so it fits an Authorization header as is. */
export const token: ValueKind<string> = {
  schema: v.pipe(v.string(), v.regex(/^[\x21-\x7e]+$/)),
  valueName: "TOKEN",
  expected: "a non-empty token of printable ASCII without spaces",
  format: String,
};

/** Where the management cluster is: a kubeconfig file, "in-cluster" (the pod's service account) or "none". */
export const kubeconfigSource: ValueKind<string> = {
  schema: v.pipe(v.string(), v.trim(), v.nonEmpty()),
  valueName: "FILE|in-cluster|none",
  expected: 'a kubeconfig path, "in-cluster" or "none"',
  format: String,
};

const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go-style duration ("32s", "1m30s", "500ms"), read as milliseconds; "0" turns a timeout off. */
export const duration: ValueKind<number> = {
  schema: v.pipe(
    v.union([v.literal("0"), v.literal(0), v.pipe(v.string(), v.regex(DURATION))]),
    v.transform((s) => {
      let ms = 0;
      for (const [, amount, unit] of String(s).matchAll(DURATION_PART)) {
        ms += Number(amount) * MS_PER_UNIT[unit];
      }
      return Math.round(ms);
    }),
    v.maxValue(2_147_483_647), // the longest setTimeout delay
  ),
  valueName: "DURATION",
  expected: "a duration like 32s, 1m30s or 500ms, or 0 for none (at most about 24 days)",
  format: (ms) => {
    if (ms === 0) return "0";
    return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
  },
};

/** A directory path (created when missing). */
export const directory: ValueKind<string> = {
  schema: v.pipe(v.string(), v.trim(), v.nonEmpty()),
  valueName: "DIR",
  expected: "a directory path",
  format: String,
};

const PEER_URL = /^https?:\/\/(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?\/?$/;
const MAX_PEERS = 64;

function arePeerUrls(urls: readonly string[]): boolean {
  return urls.length >= 1 && urls.length <= MAX_PEERS && urls.every((url) => PEER_URL.test(url)) &&
    new Set(urls).size === urls.length;
}

/**
 * The control URLs of all replicas, in shard order: comma-separated in a flag or env var, a list
 * or a string in YAML. A trailing slash is dropped, so `http://a:3333/` and `http://a:3333` agree.
 */
export const peerUrls: ValueKind<readonly string[]> = {
  schema: v.pipe(
    v.union([v.string(), v.array(v.string())]),
    v.transform((value): readonly string[] =>
      (typeof value === "string" ? value.split(",") : value)
        .map((url) => url.trim().replace(/\/$/, ""))
    ),
    v.check(arePeerUrls),
  ),
  valueName: "URL,URL,...",
  expected:
    `1 to ${MAX_PEERS} distinct http(s)://HOST[:PORT] control URLs, comma-separated, in shard order`,
  format: (urls) => urls.join(","),
};
