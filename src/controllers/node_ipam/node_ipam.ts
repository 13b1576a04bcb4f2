// Node IPAM: each node gets a pod CIDR from the cluster's, as kube-controller-manager's range allocator.

import type { KubeObject, StoreChange } from "../../store/mod.ts";
import type { ControllerContext } from "../controller_context.ts";
import { writeIgnoringRace } from "../metadata.ts";
import { CidrSet } from "./cidr_set.ts";
import { sharedPart } from "../shared_parts.ts";

const NODES = "nodes";

/**
 * Sets `spec.podCIDR` and `spec.podCIDRs` on nodes without one, from the cluster CIDR in ranges
 * of the node mask size (upstream `rangeAllocator` over a `cidrset`); a removed node frees its
 * range. When the ranges are used up a node stays without one (upstream records
 * `CIDRNotAvailable`) and is tried again at its next change, as the informer's update handler does.
 */
export class NodeIpam {
  readonly #set: CidrSet | undefined;

  constructor(
    private readonly context: ControllerContext,
    clusterCidr: string,
    nodeMaskSize: number,
  ) {
    this.#set = CidrSet.of(clusterCidr, nodeMaskSize);
  }

  /** Claims an existing node's range, or queues a node that has none. */
  sync(resource: string, object: KubeObject): void {
    if (resource !== NODES) return;
    const cidr = podCidr(object);
    if (cidr) this.#set?.occupy(cidr);
    else this.#enqueue(object.metadata.name ?? "");
  }

  /** Allocates for new nodes, frees the ranges of removed ones. */
  observe(change: StoreChange): void {
    if (change.resource !== NODES) return;
    const cidr = podCidr(change.object);
    if (change.type === "DELETED") {
      if (cidr) this.#set?.release(cidr);
      return;
    }
    if (cidr) {
      // Someone else set it (a restored node, a client): it is taken.
      if (!podCidr(change.previous)) this.#set?.occupy(cidr);
      return;
    }
    this.#enqueue(change.object.metadata.name ?? "");
  }

  #enqueue(name: string): void {
    this.context.queue.add(`ipam/${name}`, () => this.#allocate(name));
  }

  #allocate(name: string): void {
    const { store, options } = this.context;
    const nodes = options.resources(NODES);
    const node = nodes && store.get(nodes, undefined, name);
    if (!nodes || !node || podCidr(node) || !this.#set) return;
    const cidr = this.#set.allocateNext();
    if (!cidr) return;
    // Every cluster hands out the same first ranges: one list (and string) for all of them.
    const podCIDRs = sharedPart([cidr]);
    const spec = { ...(node.spec as object), podCIDR: podCIDRs[0], podCIDRs };
    if (!writeIgnoringRace(() => store.update(nodes, { ...node, spec }))) this.#set.release(cidr);
  }
}

function podCidr(node: KubeObject | undefined): string | undefined {
  const cidr = (node?.spec as { podCIDR?: unknown } | undefined)?.podCIDR;
  return typeof cidr === "string" && cidr !== "" ? cidr : undefined;
}
