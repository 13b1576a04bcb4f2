// Kubernetes' ip and cidr CEL libraries (1.30): `net.IP` and `net.CIDR` values and their functions.
//
// Source: k8s.io/apiserver pkg/cel/library/ip.go and cidr.go, pkg/cel/ip.go and cidr.go (v0.33.1):
// netip parsing without zones or IPv4-mapped IPv6 addresses; `string()` of both types; equality of
// two IPs by address, of two CIDRs by address as written and length.

import { celFunc, celMethod, CelScalar, objectType } from "@bufbuild/cel";
import { create } from "@bufbuild/protobuf";
import { CIDR_MESSAGE, fields, IP_MESSAGE } from "./cel_kube_types.ts";
import {
  type Address,
  formatAddr,
  is4In6,
  maskAddr,
  parseAddr,
  parsePrefix,
  prefixContains,
} from "./net_addresses.ts";

const IP_TYPE = objectType(IP_MESSAGE);
const CIDR_TYPE = objectType(CIDR_MESSAGE);

interface Prefix {
  readonly addr: Address;
  readonly bits: number;
}

// parseIPAddr: netip.ParseAddr, then no zone and no IPv4-mapped IPv6.
function ipOf(text: string): Address | string {
  const addr = parseAddr(text);
  const quoted = JSON.stringify(text);
  if (typeof addr === "string") {
    return `IP Address ${quoted} parse error during conversion from string: ParseAddr(${quoted}): ${addr}`;
  }
  if (addr.zone) return `IP address ${quoted} with zone value is not allowed`;
  if (is4In6(addr)) return `IPv4-mapped IPv6 address ${quoted} is not allowed`;
  return addr;
}

// parseCIDR: netip.ParsePrefix, then no IPv4-mapped IPv6.
function cidrOf(text: string): Prefix | string {
  const prefix = parsePrefix(text);
  if (typeof prefix === "string") {
    return `network address parse error during conversion from string: ${prefix}`;
  }
  if (is4In6(prefix.addr)) return `IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`;
  return prefix;
}

function must<T>(value: T | string): T {
  if (typeof value === "string") throw new Error(value);
  return value;
}

function ipValue(addr: Address) {
  return create(IP_MESSAGE, { addr: addr.bytes }) as never;
}

function cidrValue(prefix: Prefix) {
  return create(CIDR_MESSAGE, { addr: prefix.addr.bytes, bits: prefix.bits }) as never;
}

function addrFrom(value: unknown): Address {
  return { bytes: fields(value).addr ?? new Uint8Array(4), zone: "" };
}

function prefixFrom(value: unknown): Prefix {
  const f = fields(value);
  return { addr: { bytes: f.addr ?? new Uint8Array(4), zone: "" }, bits: f.bits ?? 0 };
}

// netip's predicates, by family.
function isLoopback(b: Uint8Array): boolean {
  return b.length === 4 ? b[0] === 127 : b.every((x, i) => x === (i === 15 ? 1 : 0));
}

function isUnspecified(b: Uint8Array): boolean {
  return b.every((x) => x === 0);
}

function isLinkLocalUnicast(b: Uint8Array): boolean {
  return b.length === 4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80;
}

function isLinkLocalMulticast(b: Uint8Array): boolean {
  return b.length === 4
    ? b[0] === 224 && b[1] === 0 && b[2] === 0
    : b[0] === 0xff && (b[1] & 0x0f) === 0x02;
}

function isMulticast(b: Uint8Array): boolean {
  return b.length === 4 ? (b[0] & 0xf0) === 0xe0 : b[0] === 0xff;
}

function isGlobalUnicast(b: Uint8Array): boolean {
  if (b.length === 4 && b.every((x) => x === 255)) return false;
  return !isUnspecified(b) && !isLoopback(b) && !isMulticast(b) && !isLinkLocalUnicast(b);
}

const predicate = (name: string, test: (bytes: Uint8Array) => boolean) =>
  celMethod(name, IP_TYPE, [], CelScalar.BOOL, function () {
    return test(addrFrom(this).bytes);
  });

const IP_FUNCS = [
  celFunc("isIP", [CelScalar.STRING], CelScalar.BOOL, (s) => typeof ipOf(s) !== "string"),
  celFunc("ip", [CelScalar.STRING], IP_TYPE, (s) => ipValue(must(ipOf(s)))),
  celFunc(
    "ip.isCanonical",
    [CelScalar.STRING],
    CelScalar.BOOL,
    (s) => formatAddr(must(ipOf(s))) === s,
  ),
  celMethod("family", IP_TYPE, [], CelScalar.INT, function () {
    return addrFrom(this).bytes.length === 4 ? 4n : 6n;
  }),
  predicate("isUnspecified", isUnspecified),
  predicate("isLoopback", isLoopback),
  predicate("isLinkLocalMulticast", isLinkLocalMulticast),
  predicate("isLinkLocalUnicast", isLinkLocalUnicast),
  predicate("isGlobalUnicast", isGlobalUnicast),
  celFunc("string", [IP_TYPE], CelScalar.STRING, (ip) => formatAddr(addrFrom(ip))),
];

const CIDR_FUNCS = [
  celFunc("isCIDR", [CelScalar.STRING], CelScalar.BOOL, (s) => typeof cidrOf(s) !== "string"),
  celFunc("cidr", [CelScalar.STRING], CIDR_TYPE, (s) => cidrValue(must(cidrOf(s)))),
  celMethod("containsIP", CIDR_TYPE, [CelScalar.STRING], CelScalar.BOOL, function (s) {
    return prefixContains(prefixFrom(this), must(ipOf(s)));
  }),
  celMethod("containsIP", CIDR_TYPE, [IP_TYPE], CelScalar.BOOL, function (ip) {
    return prefixContains(prefixFrom(this), addrFrom(ip));
  }),
  celMethod("containsCIDR", CIDR_TYPE, [CelScalar.STRING], CelScalar.BOOL, function (s) {
    return containsPrefix(prefixFrom(this), must(cidrOf(s)));
  }),
  celMethod("containsCIDR", CIDR_TYPE, [CIDR_TYPE], CelScalar.BOOL, function (other) {
    return containsPrefix(prefixFrom(this), prefixFrom(other));
  }),
  celMethod("ip", CIDR_TYPE, [], IP_TYPE, function () {
    return ipValue(prefixFrom(this).addr);
  }),
  celMethod("prefixLength", CIDR_TYPE, [], CelScalar.INT, function () {
    return BigInt(prefixFrom(this).bits);
  }),
  celMethod("masked", CIDR_TYPE, [], CIDR_TYPE, function () {
    const prefix = prefixFrom(this);
    return cidrValue({ addr: maskAddr(prefix.addr, prefix.bits), bits: prefix.bits });
  }),
  celFunc("string", [CIDR_TYPE], CelScalar.STRING, (cidr) => {
    const prefix = prefixFrom(cidr);
    return `${formatAddr(prefix.addr)}/${prefix.bits}`;
  }),
];

// cidrContainsCIDR: the other prefix's masked address inside, and no shorter.
function containsPrefix(outer: Prefix, inner: Prefix): boolean {
  return inner.bits >= outer.bits && prefixContains(outer, maskAddr(inner.addr, inner.bits));
}

/** The ip and cidr libraries' functions. */
export const NETWORK_FUNCS = [...IP_FUNCS, ...CIDR_FUNCS];
