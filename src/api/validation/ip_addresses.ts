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
