// IP addresses and prefixes as Go's net/netip parses and prints them, for the CEL ip and cidr
// libraries: 16-byte values, strict dotted IPv4, IPv6 with `::` and an IPv4 tail, RFC 5952 text.
//
// Source: go1.24 src/net/netip/netip.go (ParseAddr, parseIPv4, parseIPv6, Addr.String,
// ParsePrefix, Is* predicates).

/** An address: 4 or 16 bytes, with an optional zone (IPv6 only). */
export interface Address {
  readonly bytes: Uint8Array;
  readonly zone: string;
}

/** netip.ParseAddr; an error text as Go words it, or the address. */
export function parseAddr(text: string): Address | string {
  if (text === "") return "unable to parse IP";
  for (const ch of text) {
    if (ch === ".") return parseIPv4(text);
    if (ch === ":") return parseIPv6(text);
    if (ch === "%") return "missing IPv6 address";
  }
  return "unable to parse IP";
}

function parseIPv4(text: string): Address | string {
  const parts = text.split(".");
  if (parts.length !== 4) {
    return parts.length < 4 ? "IPv4 address too short" : "IPv4 address too long";
  }
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i];
    if (!/^\d{1,3}$/.test(part)) {
      return part === "" ? "IPv4 field must have at least one digit" : "unexpected character";
    }
    if (part.length > 1 && part[0] === "0") return "IPv4 field has octet with leading zero";
    const value = Number(part);
    if (value > 255) return "IPv4 field has value >255";
    bytes[i] = value;
  }
  return { bytes, zone: "" };
}

function parseIPv6(input: string): Address | string {
  let text = input, zone = "";
  const percent = text.indexOf("%");
  if (percent >= 0) {
    zone = text.slice(percent + 1);
    text = text.slice(0, percent);
    if (zone === "") return "zone must be a non-empty string";
  }
  const bytes = new Uint8Array(16);
  const halves = text.split("::");
  if (halves.length > 2) return "multiple :: in address";
  const groups = (part: string) => part === "" ? [] : part.split(":");
  const head = groups(halves[0]), tail = halves.length === 2 ? groups(halves[1]) : [];
  const words: number[] = [];
  const all = [...head, ...tail];
  const fill = (list: string[]): number[] | string => {
    const out: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const group = list[i];
      if (i === list.length - 1 && group.includes(".")) {
        if (list !== tail && halves.length === 2) return "unexpected character";
        const v4 = parseIPv4(group);
        if (typeof v4 === "string") return v4;
        out.push((v4.bytes[0] << 8) | v4.bytes[1], (v4.bytes[2] << 8) | v4.bytes[3]);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
        return group === ""
          ? "unexpected character"
          : "each colon-separated field must have at most 4 hex digits";
      }
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const first = fill(head), last = fill(tail);
  if (typeof first === "string") return first;
  if (typeof last === "string") return last;
  if (all.length === 0 && halves.length === 1) return "unable to parse IP";
  const count = first.length + last.length;
  if (halves.length === 2) {
    if (count > 7) return "too many hex fields";
    words.push(...first, ...new Array(8 - count).fill(0), ...last);
  } else {
    if (count !== 8) return "address string too short";
    words.push(...first);
  }
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  });
  return { bytes, zone };
}

/** Whether an IPv6 address holds a mapped IPv4 one (`::ffff:a.b.c.d`). */
export function is4In6(addr: Address): boolean {
  const b = addr.bytes;
  return b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff &&
    b[11] === 0xff;
}

/** Addr.String: dotted IPv4, RFC 5952 IPv6 (the longest run of zero words of two or more as `::`). */
export function formatAddr(addr: Address): string {
  const b = addr.bytes;
  if (b.length === 4) return b.join(".");
  const words = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  let bestStart = -1, bestLength = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let text = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      text += "::";
      i += bestLength - 1;
      continue;
    }
    if (text !== "" && !text.endsWith(":")) text += ":";
    text += words[i].toString(16);
  }
  return addr.zone ? `${text}%${addr.zone}` : text;
}

/** netip.ParsePrefix: an address without zone, `/`, a decimal length within the family. */
export function parsePrefix(text: string): { addr: Address; bits: number } | string {
  const slash = text.lastIndexOf("/");
  if (slash < 0) return `netip.ParsePrefix(${JSON.stringify(text)}): no '/'`;
  const addr = parseAddr(text.slice(0, slash));
  if (typeof addr === "string") {
    return `netip.ParsePrefix(${JSON.stringify(text)}): ParseAddr(${
      JSON.stringify(text.slice(0, slash))
    }): ${addr}`;
  }
  if (addr.zone) {
    return `netip.ParsePrefix(${JSON.stringify(text)}): IPv6 zones cannot be present in a prefix`;
  }
  const digits = text.slice(slash + 1);
  const max = addr.bytes.length * 8;
  if (!/^\d+$/.test(digits) || (digits.length > 1 && digits[0] === "0") || Number(digits) > max) {
    return `netip.ParsePrefix(${JSON.stringify(text)}): bad bits after slash: ${
      JSON.stringify(digits)
    }`;
  }
  return { addr, bits: Number(digits) };
}

/** The address with the bits past `bits` cleared (Prefix.Masked). */
export function maskAddr(addr: Address, bits: number): Address {
  const bytes = addr.bytes.slice();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - 8 * i));
    bytes[i] &= keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
  }
  return { bytes, zone: "" };
}

/** Prefix.Contains: same family, equal under the mask. */
export function prefixContains(prefix: { addr: Address; bits: number }, addr: Address): boolean {
  if (prefix.addr.bytes.length !== addr.bytes.length || addr.zone) return false;
  const a = maskAddr(prefix.addr, prefix.bits).bytes, b = maskAddr(addr, prefix.bits).bytes;
  return a.every((x, i) => x === b[i]);
}
