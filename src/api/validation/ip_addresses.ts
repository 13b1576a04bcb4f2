// IP addresses as Go's parsers read them: netutils.ParseIPSloppy (IPv4 with leading zeros
// allowed, IPv6 with an embedded IPv4 tail), for validation that tells hosts from addresses.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** `netutils.ParseIPSloppy(s) != nil`: a dotted IPv4 (leading zeros allowed) or an IPv6 address. */
export function isIPSloppy(value: string): boolean {
  return isIPv4Sloppy(value) || isIPv6(value);
}

function isIPv4Sloppy(value: string): boolean {
  const m = IPV4.exec(value);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

/** An IPv6 address in text form (no zone): eight groups, `::` once, an optional IPv4 tail. */
export function isIPv6(value: string): boolean {
  if (!value.includes(":") || value.length > 45) return false;
  const halves = value.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string) => part === "" ? [] : part.split(":");
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes(".")) {
    if (!isIPv4Strict(last)) return false;
    all.pop();
    count++;
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

// Inside IPv6, Go's parser takes a strict dotted quad (no leading zeros).
function isIPv4Strict(value: string): boolean {
  const m = IPV4.exec(value);
  return m !== null &&
    m.slice(1).every((octet) => Number(octet) <= 255 && (octet === "0" || !octet.startsWith("0")));
}

/** `netutils.ParseCIDRSloppy(s)` succeeds: an address, `/`, a prefix length that fits its family. */
export function isCIDRSloppy(value: string): boolean {
  const slash = value.indexOf("/");
  if (slash < 0) return false;
  const [address, prefix] = [value.slice(0, slash), value.slice(slash + 1)];
  if (!/^[0-9]{1,3}$/.test(prefix)) return false;
  if (isIPv4Sloppy(address)) return Number(prefix) <= 32;
  return isIPv6(address) && Number(prefix) <= 128;
}

/**
 * The messages of `IsValidIPForLegacyField` (nameservers, hostAliases) in a minor: one wording of
 * "not an IP" before v1.30 and another from it, then, from v1.36 where StrictIPCIDRValidation is on
 * by default, octets with leading zeros and IPv4-mapped IPv6 addresses refused too.
 */
export function legacyIPMessages(value: string, minor: number): string[] {
  if (!isIPSloppy(value)) {
    return [
      minor < 30
        ? "must be valid IP address"
        : "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
    ];
  }
  if (minor < 36) return [];
  // netip.ParseAddr refuses what ParseIPSloppy takes only for IPv4 octets with leading zeros.
  if (isIPv4Sloppy(value)) return isIPv4Strict(value) ? [] : ["must not have leading 0s"];
  return isIPv4MappedIPv6(value) ? ["must not be an IPv4-mapped IPv6 address"] : [];
}

// netip.Addr.Is4In6 of a valid IPv6 text: its 16 bytes are ten zeros, 0xffff, then an IPv4.
function isIPv4MappedIPv6(value: string): boolean {
  const halves = value.split("::");
  const groups = (part: string) => part === "" ? [] : part.split(":");
  const words = (list: string[]) =>
    list.flatMap((group) => {
      if (!group.includes(".")) return [parseInt(group, 16)];
      const [a, b, c, d] = group.split(".").map(Number);
      return [a * 256 + b, c * 256 + d];
    });
  const head = words(groups(halves[0]));
  const tail = halves.length === 2 ? words(groups(halves[1])) : [];
  const all = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  return all.slice(0, 5).every((word) => word === 0) && all[5] === 0xffff;
}
