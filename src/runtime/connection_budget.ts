// The process-wide cap on open client connections, so that a flood on cluster ports leaves
// descriptors for the control API, the management-cluster client and files.

/** Counts open connections and listeners of every TLS endpoint against one descriptor budget. */
export class ConnectionBudget {
  #connections = 0;
  #listeners = 0;
  readonly #maxConnections?: number;
  readonly #descriptors?: number;
  readonly #reserve: number;

  /**
   * `maxConnections` caps connections outright; without it the cap is what `descriptors` (the
   * process's open-file limit) leaves after listeners and `reserve`. Neither: no cap.
   */
  constructor(
    options: { maxConnections?: number; descriptors?: number; reserve?: number } = {},
  ) {
    this.#maxConnections = options.maxConnections;
    this.#descriptors = options.descriptors;
    this.#reserve = options.reserve ?? descriptorReserve(options.descriptors ?? 0);
  }

  /** Open connections counted now. */
  get connections(): number {
    return this.#connections;
  }

  /** The connection cap in force now, or undefined for none. */
  get limit(): number | undefined {
    if (this.#maxConnections !== undefined) return this.#maxConnections;
    if (this.#descriptors === undefined) return undefined;
    return Math.max(0, this.#descriptors - this.#reserve - this.#listeners);
  }

  /** Counts one more connection, or returns false (and counts nothing) when the cap is reached. */
  tryOpen(): boolean {
    const limit = this.limit;
    if (limit !== undefined && this.#connections >= limit) return false;
    this.#connections++;
    return true;
  }

  /** Uncounts a connection that `tryOpen` admitted. */
  close(): void {
    this.#connections--;
  }

  /** Counts a listening socket, which holds a descriptor for as long as it listens. */
  listenerOpened(): void {
    this.#listeners++;
  }

  /** Uncounts a listening socket. */
  listenerClosed(): void {
    this.#listeners--;
  }
}

/**
 * Descriptors kept back from cluster connections: an eighth of the limit, at least 256 and at most
 * 1024. They hold the runtime's own (Deno opens ~24 at start: caches, epoll, stdio), the control
 * API's listener and connections, the management-cluster client, port-forward dials and lazily
 * started etcd listeners. Deno's node:net server stops accepting for good after EMFILE, and near
 * the limit already: under `ulimit -n 300` a Deno fkas stopped with 278 descriptors open, and a
 * bare Deno net.Server with 225 (200 were fine), hence at least 256.
 */
export function descriptorReserve(descriptors: number): number {
  return Math.min(1024, Math.max(256, Math.floor(descriptors / 8)));
}
