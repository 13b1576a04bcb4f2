// Pod IPs handed out per node from its `spec.podCIDR`, as a host-local IPAM plugin would.

/** Allocates addresses of one IPv4 CIDR; offset 1 is the bridge's gateway, pods start at 2. */
export class PodIpPool {
  // Offsets in use: an array while few (a node runs a handful of pods, and a Set with one entry
  // costs 256 bytes in Bun, in every node of 10,000 clusters), a Set past SMALL_POOL so that a
  // node given thousands of pods stays O(1) per address.
  #used: number[] | Set<number> = [];
  #next = 2;

  private constructor(private readonly base: number, private readonly size: number) {}

  /** A pool for an IPv4 CIDR such as `192.168.1.0/24`, or undefined for anything else. */
  static of(cidr: string): PodIpPool | undefined {
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!match) return undefined;
    const octets = match.slice(1, 5).map(Number);
    const bits = Number(match[5]);
    if (octets.some((o) => o > 255) || bits < 8 || bits > 30) return undefined;
    const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const size = 2 ** (32 - bits);
    return new PodIpPool(base - (base % size), size);
  }

  /** The next free address, or undefined when the range is full. */
  allocate(): string | undefined {
    const usable = this.size - 3; // network, gateway, broadcast
    if (this.#count() >= usable) return undefined;
    while (this.#has(this.#next)) {
      this.#next = this.#next + 1 >= this.size - 1 ? 2 : this.#next + 1;
    }
    const offset = this.#next;
    this.#add(offset);
    this.#next = offset + 1 >= this.size - 1 ? 2 : offset + 1;
    return format(this.base + offset);
  }

  /** Marks an address in use (a pod found at start-up); false when it is not in this range. */
  claim(ip: string): boolean {
    const offset = this.#offsetOf(ip);
    if (offset === undefined) return false;
    this.#add(offset);
    return true;
  }

  /** Frees an address. */
  release(ip: string): void {
    const offset = this.#offsetOf(ip);
    if (offset === undefined) return;
    const used = this.#used;
    if (!Array.isArray(used)) used.delete(offset);
    else if (used.includes(offset)) used.splice(used.indexOf(offset), 1);
  }

  #count(): number {
    const used = this.#used;
    return Array.isArray(used) ? used.length : used.size;
  }

  #has(offset: number): boolean {
    const used = this.#used;
    return Array.isArray(used) ? used.includes(offset) : used.has(offset);
  }

  #add(offset: number): void {
    const used = this.#used;
    if (!Array.isArray(used)) used.add(offset);
    else if (used.includes(offset)) return;
    else if (used.length < SMALL_POOL) used.push(offset);
    else this.#used = new Set([...used, offset]);
  }

  #offsetOf(ip: string): number | undefined {
    const parts = ip.split(".").map(Number);
    if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) return undefined;
    const value = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
    const offset = value - this.base;
    return offset > 0 && offset < this.size - 1 ? offset : undefined;
  }
}

const SMALL_POOL = 32;

function format(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}
