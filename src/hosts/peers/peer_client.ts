// Calls to the other replicas' control APIs: a forwarded request, and one replica's cluster list,
// each bounded by a deadline and failing with a PeerError that names the replica.

import { listItems, type ListPart } from "./merged_list.ts";
import { PeerError } from "./peer_error.ts";
import { forwardedRequestHeaders } from "./peer_headers.ts";
import type { PeerSet } from "./peer_set.ts";

/** A fetch-style handler: a control API, or the transport that reaches other replicas. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** How calls to other replicas are made. */
export interface PeerClientOptions {
  /** Sends a request to another replica. @default globalThis.fetch */
  readonly fetch?: FetchHandler;
  /** Makes the signal that ends a call to another replica. @default AbortSignal.timeout */
  readonly deadline?: (ms: number) => AbortSignal;
  /**
   * How long a replica may take to answer before it counts as unreachable. Registration may wait
   * for a CA (`caSource: secrets`), so this is long. @default 60000
   */
  readonly timeoutMs?: number;
}

/** This replica's client of the others, marking every request as forwarded by it. */
export class PeerClient {
  readonly #peers: PeerSet;
  readonly #send: FetchHandler;
  readonly #deadline: (ms: number) => AbortSignal;
  readonly #timeoutMs: number;

  constructor(peers: PeerSet, options: PeerClientOptions = {}) {
    this.#peers = peers;
    this.#send = options.fetch ?? ((request: Request) => fetch(request));
    this.#deadline = options.deadline ?? ((ms: number) => AbortSignal.timeout(ms));
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  /**
   * Sends `request`'s method and headers, with `path` and `body`, to `replica`; the answer is the
   * replica's, whatever its code. Throws PeerError when the replica cannot be reached in time.
   */
  async forward(
    replica: number,
    request: Request,
    path: string,
    body?: Uint8Array<ArrayBuffer>,
  ): Promise<Response> {
    const peers = this.#peers;
    try {
      return await this.#send(
        new Request(`${peers.urls[replica]}${path}`, {
          method: request.method,
          headers: forwardedRequestHeaders(request.headers, peers.selfIndex, peers.fingerprint),
          body: body && body.length > 0 ? body : undefined,
          signal: this.#deadline(this.#timeoutMs),
          redirect: "manual",
        }),
      );
    } catch (cause) {
      throw this.#unreachable(replica, cause);
    }
  }

  /** `replica`'s own clusters (its `GET /clusters` as a forward), or why they are missing. */
  async listPart(replica: number, request: Request): Promise<ListPart> {
    const url = this.#peers.urls[replica];
    try {
      const answer = await this.forward(replica, request, "/clusters");
      const body = new Uint8Array(await answer.arrayBuffer());
      const items = answer.status === 200 ? listItems(body) : undefined;
      if (items) return { replica, items };
      return { replica, url, error: `answered ${answer.status}: ${preview(body)}` };
    } catch (error) {
      const peerError = error instanceof PeerError ? error : this.#unreachable(replica, error);
      return { replica, url, error: peerError.message };
    }
  }

  #unreachable(replica: number, cause: unknown): PeerError {
    const name = this.#peers.describe(replica);
    if (cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError")) {
      return new PeerError(
        "Timeout",
        replica,
        `${name} did not answer within ${this.#timeoutMs} ms`,
        {
          cause,
        },
      );
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new PeerError("Unreachable", replica, `${name} cannot be reached: ${reason}`, { cause });
  }
}

function preview(body: Uint8Array): string {
  const text = new TextDecoder().decode(body.subarray(0, 200));
  return body.length > 200 ? `${text}...` : text;
}
