// The node pod-CIDR ranges of one cluster CIDR, allocated as kube-controller-manager's cidrset does.

/**
 * kube-controller-manager's `--node-cidr-mask-size` default for IPv4 (nodeipam config,
 * `DefaultNodeCIDRMaskSizeIPv4`); kubeadm passes `--cluster-cidr` from `podSubnet` and leaves the
 * mask to this default unless `controllerManager.extraArgs` set it.
 */
export const DEFAULT_NODE_CIDR_MASK_SIZE = 24;
/** How many more bits a node range may have than the cluster CIDR (cidrset `clusterSubnetMaxDiff`). */
export const MAX_NODE_MASK_DIFF = 16;
/** The longest node mask fkas accepts: a /30 still holds one pod beside gateway and broadcast. */
export const MAX_NODE_MASK_SIZE = 30;

/** Why a cluster CIDR and node mask size cannot make a CidrSet, or undefined when they can. */
export function cidrSetProblem(clusterCidr: string, nodeMaskSize: number): string | undefined {
  const parsed = parseIpv4Cidr(clusterCidr);
  if (!parsed) {
    return `invalid cluster CIDR "${clusterCidr}": expected an IPv4 CIDR such as 192.168.0.0/16`;
  }
  if (!Number.isInteger(nodeMaskSize) || nodeMaskSize > MAX_NODE_MASK_SIZE) {
    return `node CIDR mask size ${nodeMaskSize} is not a whole number up to ${MAX_NODE_MASK_SIZE}`;
  }
  // Messages as kube-controller-manager's nodeipam start-up and cidrset.NewCIDRSet give them.
  if (nodeMaskSize < parsed.bits) {
    return "Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or " +
      "equal to --node-cidr-mask-size configured for CIDR family";
  }
  if (nodeMaskSize - parsed.bits > MAX_NODE_MASK_DIFF) {
    return "New CIDR set failed; the node CIDR size is too big";
  }
  return undefined;
}

/**
 * The /`nodeMaskSize` ranges of a cluster CIDR; `allocateNext` hands out the first free range at
 * or after the one after the last allocated (cidrset `AllocateNext`'s `nextCandidate`), so a freed
 * range is reused only after the others, and finding one is O(1) while ranges remain in order.
 */
export class CidrSet {
  readonly #used: Uint8Array;
  readonly #base: number;
  readonly #step: number;
  #allocated = 0;
  #next = 0;

  private constructor(base: number, readonly nodeMaskSize: number, count: number) {
    this.#base = base;
    this.#step = 2 ** (32 - nodeMaskSize);
    this.#used = new Uint8Array(count);
  }

  /** The set of `clusterCidr` (IPv4) in /`nodeMaskSize` ranges, or undefined (see cidrSetProblem). */
  static of(clusterCidr: string, nodeMaskSize: number): CidrSet | undefined {
    if (cidrSetProblem(clusterCidr, nodeMaskSize)) return undefined;
    const { address, bits } = parseIpv4Cidr(clusterCidr)!;
    const size = 2 ** (32 - bits);
    return new CidrSet(address - (address % size), nodeMaskSize, 2 ** (nodeMaskSize - bits));
  }

  /** How many ranges the cluster CIDR holds. */
  get capacity(): number {
    return this.#used.length;
  }

  /** The next free range as a CIDR string, or undefined when all are allocated. */
  allocateNext(): string | undefined {
    if (this.#allocated >= this.#used.length) return undefined;
    let candidate = this.#next;
    while (this.#used[candidate]) candidate = (candidate + 1) % this.#used.length;
    this.#used[candidate] = 1;
    this.#allocated++;
    this.#next = (candidate + 1) % this.#used.length;
    return `${formatIpv4(this.#base + candidate * this.#step)}/${this.nodeMaskSize}`;
  }

  /** Marks `cidr` in use (a node that has it); false when it is not one of this set's ranges. */
  occupy(cidr: string): boolean {
    const index = this.#indexOf(cidr);
    if (index === undefined) return false;
    if (!this.#used[index]) this.#allocated++;
    this.#used[index] = 1;
    return true;
  }

  /** Frees `cidr` if it is one of this set's ranges. */
  release(cidr: string): void {
    const index = this.#indexOf(cidr);
    if (index === undefined || !this.#used[index]) return;
    this.#used[index] = 0;
    this.#allocated--;
  }

  #indexOf(cidr: string): number | undefined {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed || parsed.bits !== this.nodeMaskSize) return undefined;
    const index = (parsed.address - this.#base) / this.#step;
    return Number.isInteger(index) && index >= 0 && index < this.#used.length ? index : undefined;
  }
}

/** An IPv4 CIDR's address as an unsigned 32-bit number and its prefix length, or undefined. */
export function parseIpv4Cidr(cidr: string): { address: number; bits: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return {
    address: ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0,
    bits,
  };
}

function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}
