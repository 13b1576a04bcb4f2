// Hands out cluster ports from a range: lowest free first, released ports reused, busy ones skipped.

import { ClusterError } from "./cluster_errors.ts";

/** Allocates ports in [min, max] that fkas does not use yet and the OS reports free. */
export class PortAllocator {
  readonly #inUse = new Set<number>();
  // Every port in [min, #lowest) is handed out: allocating starts here, not at `min`, so making
  // 10,000 clusters is not 50 million look-ups of the ports already taken (quadratic).
  #lowest: number;

  constructor(readonly min: number, readonly max: number) {
    this.#lowest = min;
  }

  /** How many ports are handed out. */
  get size(): number {
    return this.#inUse.size;
  }

  /**
   * The lowest port not handed out whose `isFree` check passes; undefined when the range is
   * exhausted. Ports another process holds are skipped, not handed out.
   */
  async allocate(isFree: (port: number) => Promise<boolean>): Promise<number | undefined> {
    while (this.#lowest <= this.max && this.#inUse.has(this.#lowest)) this.#lowest++;
    for (let port = this.#lowest; port <= this.max; port++) {
      if (this.#inUse.has(port)) continue;
      this.#inUse.add(port); // claim before awaiting, so concurrent callers never share a port
      if (await isFree(port)) return port;
      this.#free(port);
    }
    return undefined;
  }

  /**
   * Claims one given port (a cluster coming back on the port it had before a restart); false when
   * fkas or another process holds it. The port may lie outside the range.
   */
  async claim(port: number, isFree: (port: number) => Promise<boolean>): Promise<boolean> {
    if (this.#inUse.has(port)) return false;
    this.#inUse.add(port);
    if (await isFree(port)) return true;
    this.#free(port);
    return false;
  }

  /**
   * The port a registering cluster gets: the one it asks for (its port before a restart, a
   * KCP endpoint) or the lowest free one. Throws a `ClusterError`: Conflict when the asked-for
   * port is held, PortsExhausted when the range has none left.
   */
  async take(
    cluster: string,
    requested: number | undefined,
    isFree: (port: number) => Promise<boolean>,
  ): Promise<number> {
    if (requested !== undefined) {
      if (await this.claim(requested, isFree)) return requested;
      throw new ClusterError("Conflict", `port ${requested} is in use; ${cluster} cannot have it`);
    }
    const port = await this.allocate(isFree);
    if (port !== undefined) return port;
    throw new ClusterError(
      "PortsExhausted",
      `no more free ports in the ${this.min}-${this.max} range`,
    );
  }

  /** Marks a port handed out without asking the OS (a worker restored a cluster on it). */
  hold(port: number): void {
    this.#inUse.add(port);
  }

  /** Gives a port back for reuse. */
  release(port: number): void {
    this.#free(port);
  }

  // A port no longer handed out; allocating starts at it again when it lies below the cursor
  // (released, or a concurrent allocation's claim that the OS refused after the cursor moved on).
  #free(port: number): void {
    this.#inUse.delete(port);
    if (port >= this.min && port < this.#lowest) this.#lowest = port;
  }
}
