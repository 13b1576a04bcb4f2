// The SubjectAlternativeName extension, encoded directly: DNS names and IPv4/IPv6 addresses.
import { type Bytes, encodeTlv, TAG } from "./_der.ts";
import { encodeExtension } from "./_extensions.ts";

const SAN_OID = "551d11";
// GeneralName CHOICE tags, IMPLICIT and primitive: [2] dNSName (IA5String), [7] iPAddress (OCTET STRING).
const DNS_NAME = 0x82;
const IP_ADDRESS = 0x87;
const ascii = new TextEncoder();

/** A non-critical SAN extension (DER), or none for no names; throws a RangeError naming the first bad one. */
export function subjectAltName(dnsNames: string[], ipAddresses: string[]): Bytes[] {
  const names = [
    ...dnsNames.map((name) => {
      if (!/^[\x21-\x7e]+$/.test(name)) throw new RangeError(`bad DNS name "${name}"`);
      return encodeTlv(DNS_NAME, ascii.encode(name));
    }),
    ...ipAddresses.map((ip) => encodeTlv(IP_ADDRESS, parseIp(ip))),
  ];
  // RFC 5280 wants at least one name in a SAN extension, so none means no extension.
  return names.length ? [encodeExtension(SAN_OID, false, encodeTlv(TAG.sequence, ...names))] : [];
}

/** The 4 or 16 bytes of an IPv4 or IPv6 address in text form (IPv6 may end in dotted IPv4). */
export function parseIp(ip: string): Uint8Array {
  const v4 = parseIpv4(ip);
  if (v4) return v4;
  const halves = ip.split("::");
  if (!ip.includes(":") || halves.length > 2) throw new RangeError(`bad IP address "${ip}"`);
  const groups = halves.map((half, h) => {
    const parts = half === "" ? [] : half.split(":");
    const isLast = (i: number) => h === halves.length - 1 && i === parts.length - 1;
    return parts.flatMap((group, i) => ipv6Group(group, ip, isLast(i)));
  });
  const [head, tail = []] = groups;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) {
    throw new RangeError(`bad IP address "${ip}"`);
  }
  const words = [...head, ...new Array(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return new Uint8Array(words.flatMap((w) => [w >> 8, w & 0xff]));
}

function parseIpv4(ip: string): Uint8Array | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) < 256)) {
    return undefined;
  }
  return new Uint8Array(parts.map(Number));
}

// One colon-separated group as 16-bit words: a hex group, or as the last group a dotted IPv4 (two words).
function ipv6Group(group: string, ip: string, last: boolean): number[] {
  if (/^[0-9a-fA-F]{1,4}$/.test(group)) return [parseInt(group, 16)];
  const v4 = last ? parseIpv4(group) : undefined;
  if (v4) return [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
  throw new RangeError(`bad IP address "${ip}"`);
}
