// Bytes fkas holds for clients that do not keep up: request bodies still arriving and answers not
// yet read, bounded per endpoint and in total.
//
// Neither leaves memory before its client acts. Over HTTP/1.1 nothing else bounded them, and one
// cluster may open 1,000 connections: 40 connections each asking for a 90 MB LIST and reading
// nothing took fkas from 0.5 to 7.4 GB; 60 each sending all but the last byte of a 3 MiB body, to
// +210 MB (3.5 MB each). Go streams a list to the socket and blocks its goroutine when the client
// stops reading, and kube-apiserver's in-flight limits (and 60 s request timeout) bound the
// bodies it waits for; fkas stops taking requests instead: while an endpoint holds its bound,
// its new requests get the in-flight limit's 429 (client-go retries after `Retry-After`). An
// endpoint holding nothing is always served, so clusters whose clients keep up never wait for
// those that do not, even once the total is reached.

import { Tally } from "./tally.ts";

/** The bounds, in bytes (a string answer counts its length). */
export interface BufferBudgetLimits {
  /** What one endpoint may hold before its requests are refused. */
  readonly perEndpoint: number;
  /** What all endpoints may hold before those holding any are refused. */
  readonly total: number;
  /** What a request body of unknown length counts, and the most a declared one counts. */
  readonly largestBody: number;
}

/** Held bytes per endpoint (keyed by any object standing for it) and in total. */
export class BufferBudget {
  readonly #held = new Tally();

  constructor(readonly limits: BufferBudgetLimits) {}

  /** Bytes held now, in total. */
  get held(): number {
    return this.#held.total;
  }

  /** Whether a request of `endpoint` must be refused until some of what it holds is gone. */
  refuses(endpoint: object): boolean {
    const held = this.#held.of(endpoint);
    return held > 0 && (held >= this.limits.perEndpoint || this.#held.total >= this.limits.total);
  }

  /** Counts `bytes` of `endpoint` as held: the function that gives them back (once). */
  hold(endpoint: object, bytes: number): () => void {
    return this.#held.hold(endpoint, bytes);
  }

  /**
   * What a request body counts while it arrives: its declared length up to `largestBody`, else
   * (a chunked or HTTP/2 body of unknown length) `largestBody`, and nothing without a body.
   */
  bodyBytes(declaredLength: string | undefined, mayHaveBody: boolean): number {
    if (declaredLength !== undefined) {
      const length = Number(declaredLength);
      return Number.isFinite(length) && length > 0 ? Math.min(length, this.limits.largestBody) : 0;
    }
    return mayHaveBody ? this.limits.largestBody : 0;
  }
}
