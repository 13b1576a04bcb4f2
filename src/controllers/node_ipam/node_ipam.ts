// Node IPAM: each node gets a pod CIDR from the cluster's, as kube-controller-manager's range allocator.

import type { KubeObject, StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { writeIgnoringRace } from "../metadata.ts";

const NODES = "nodes";
/** kube-controller-manager's `--node-cidr-mask-size-ipv4` default. */
const NODE_MASK = 24;

/**
 * Sets `spec.podCIDR` and `spec.podCIDRs` on nodes without one, the lowest free /24 of the
 * cluster CIDR first (upstream `rangeAllocator`, `cidrset`); a removed node frees its range.
 */
export class NodeIpam {
  readonly #used = new Set<number>();
  readonly #byNode = new Map<string, number>();
  readonly #range: { base: number; count: number } | undefined;

  constructor(private readonly context: ControllerContext, clusterCidr: string) {
    this.#range = rangeOf(clusterCidr);
  }

  /** Claims an existing node's range, or queues a node that has none. */
  sync(resource: string, object: KubeObject): void {
    if (resource !== NODES) return;
    this.#claim(object);
    if (!podCidr(object)) this.#enqueue(object.metadata.name ?? "");
  }

  /** Allocates for new nodes, frees the ranges of removed ones. */
  observe(change: StoreChange): void {
    if (change.resource !== NODES) return;
    const name = change.object.metadata.name ?? "";
    if (change.type === "DELETED") {
      const index = this.#byNode.get(name);
      if (index !== undefined) this.#used.delete(index);
      this.#byNode.delete(name);
      return;
    }
    this.#claim(change.object);
    if (!podCidr(change.object)) this.#enqueue(name);
  }

  #enqueue(name: string): void {
    this.context.queue.add(`ipam/${name}`, () => this.#allocate(name));
  }

  #claim(node: KubeObject): void {
    const cidr = podCidr(node);
    const index = cidr && this.#range ? indexOf(cidr, this.#range) : undefined;
    if (index === undefined) return;
    this.#used.add(index);
    this.#byNode.set(node.metadata.name ?? "", index);
  }

  #allocate(name: string): void {
    const { store, options } = this.context;
    const nodes = options.resources(NODES);
    const node = nodes && store.get(nodes, undefined, name);
    if (!nodes || !node || podCidr(node) || !this.#range) return;
    let index = 0;
    while (index < this.#range.count && this.#used.has(index)) index++;
    if (index >= this.#range.count) return; // upstream reports CIDRNotAvailable and retries
    this.#used.add(index);
    this.#byNode.set(name, index);
    const cidr = `${format(this.#range.base + index * 2 ** (32 - NODE_MASK))}/${NODE_MASK}`;
    const spec = { ...(node.spec as object), podCIDR: cidr, podCIDRs: [cidr] };
    writeIgnoringRace(() => store.update(nodes, { ...node, spec }));
  }
}

function podCidr(node: KubeObject): string | undefined {
  const cidr = (node.spec as { podCIDR?: unknown } | undefined)?.podCIDR;
  return typeof cidr === "string" && cidr !== "" ? cidr : undefined;
}

function rangeOf(cidr: string): { base: number; count: number } | undefined {
  const parsed = parse(cidr);
  if (!parsed || parsed.bits > NODE_MASK) return undefined;
  const size = 2 ** (32 - parsed.bits);
  return { base: parsed.address - (parsed.address % size), count: 2 ** (NODE_MASK - parsed.bits) };
}

function indexOf(cidr: string, range: { base: number; count: number }): number | undefined {
  const parsed = parse(cidr);
  if (!parsed || parsed.bits !== NODE_MASK) return undefined;
  const index = (parsed.address - range.base) / 2 ** (32 - NODE_MASK);
  return Number.isInteger(index) && index >= 0 && index < range.count ? index : undefined;
}

function parse(cidr: string): { address: number; bits: number } | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return {
    address: ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0,
    bits,
  };
}

function format(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}
