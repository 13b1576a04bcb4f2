// The replicas of a sharded fkas: their control URLs in shard order, and which one this is.

import { murmur3, rendezvousOwner } from "./rendezvous.ts";

/** All replicas and this one's place among them; answers who owns a cluster. */
export class PeerSet {
  /** The control URLs of all replicas, in shard order (no trailing slash). */
  readonly urls: readonly string[];
  /** This replica's index in `urls`. */
  readonly selfIndex: number;
  /**
   * A hash of the URL list, sent with every forwarded request: replicas started with different
   * `--peers` would place clusters differently, so one refuses the other's forwards.
   */
  readonly fingerprint: string;

  constructor(urls: readonly string[], selfIndex: number) {
    if (urls.length === 0) {
      throw new RangeError(
        "Cannot shard clusters as 'urls' must not be empty: current value is []",
      );
    }
    if (!Number.isInteger(selfIndex) || selfIndex < 0 || selfIndex >= urls.length) {
      throw new RangeError(
        `Cannot shard clusters as 'selfIndex' must be a whole number below ${urls.length}: ` +
          `current value is ${selfIndex}`,
      );
    }
    this.urls = Object.freeze(urls.map((url) => url.replace(/\/$/, "")));
    this.selfIndex = selfIndex;
    this.fingerprint = murmur3(new TextEncoder().encode(this.urls.join("\n")), 0)
      .toString(16).padStart(8, "0");
  }

  /** The index of the replica owning the cluster `namespace/name`. */
  ownerOf(namespace: string, name: string): number {
    return rendezvousOwner(`${namespace}/${name}`, this.urls.length);
  }

  /** Whether this replica owns the cluster `namespace/name`. */
  owns(namespace: string, name: string): boolean {
    return this.ownerOf(namespace, name) === this.selfIndex;
  }

  /** How a replica is named in messages: `replica 2 (http://fkas-2.fkas-replicas:3333)`. */
  describe(index: number): string {
    return `replica ${index} (${this.urls[index]})`;
  }
}
