// Addresses kubeadm derives from the service subnet: the DNS Service sits at index 10.

/** The address `index` places into the first CIDR of `serviceSubnet` (kubeadm's `GetIndexedIP`). */
export function indexedServiceIP(serviceSubnet: string, index: number): string {
  const cidr = serviceSubnet.split(",")[0].trim();
  const [address, prefixText] = cidr.split("/");
  const v6 = address.includes(":");
  const bits = v6 ? 128 : 32;
  const prefix = Number(prefixText ?? bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new Error(`Cannot derive a service IP: invalid subnet "${serviceSubnet}"`);
  }
  const hostBits = BigInt(bits - prefix);
  const base = (parse(address, v6) >> hostBits) << hostBits;
  const ip = base + BigInt(index);
  if (ip >> hostBits !== base >> hostBits) {
    throw new Error(`Cannot derive a service IP: subnet "${serviceSubnet}" is too small`);
  }
  return v6 ? formatV6(ip) : formatV4(ip);
}

/** The kube-dns Service's clusterIP: the 10th address of the service subnet. */
export function dnsServiceIP(serviceSubnet: string): string {
  return indexedServiceIP(serviceSubnet, 10);
}

function parse(address: string, v6: boolean): bigint {
  const fail = () => new Error(`Cannot derive a service IP: invalid address "${address}"`);
  if (!v6) {
    const parts = address.split(".").map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
      throw fail();
    }
    return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
  }
  const [head, tail] = address.split("::");
  const groups = (text: string | undefined) => text ? text.split(":") : [];
  const left = groups(head);
  const right = groups(tail);
  const fill = address.includes("::") ? 8 - left.length - right.length : 0;
  const all = [...left, ...Array(fill).fill("0"), ...right];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) throw fail();
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function formatV4(ip: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((ip >> shift) & 0xffn)).join(".");
}

// RFC 5952: lowercase hex, the longest run of two or more zero groups collapsed to "::".
function formatV6(ip: bigint): string {
  const groups = Array.from(
    { length: 8 },
    (_, i) => Number((ip >> BigInt(112 - 16 * i)) & 0xffffn),
  );
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLength).join(":");
  return `${head}::${tail}`;
}
