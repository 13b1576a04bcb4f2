// Bytes of answers written but not yet taken by their clients, bounded per endpoint and in total.
//
// An answer leaves memory only once its client reads it. Over HTTP/1.1 nothing else bounds that:
// 40 connections each asking for a 90 MB LIST and reading nothing took fkas to 7.4 GB (HTTP/2 is
// bounded per session by the runtime's maxSessionMemory), and one cluster may open 1,000. Go
// streams a list to the socket and blocks its goroutine when the client stops reading; fkas
// builds an answer whole, so it stops building them instead: while an endpoint holds its bound,
// its new requests get the in-flight limit's 429 (client-go retries after `Retry-After`). An
// endpoint holding nothing is always served, so clusters whose clients read their answers never
// wait for those that do not, even once the total is reached.

/** The bounds, in bytes (a string answer counts its length). */
export interface ResponseBudgetLimits {
  /** What one endpoint's unread answers may hold before its requests are refused. */
  readonly perEndpoint: number;
  /** What all endpoints' unread answers may hold before those holding any are refused. */
  readonly total: number;
}

/** Unread answer bytes per endpoint (keyed by any object standing for it) and in total. */
export class ResponseBudget {
  #total = 0;
  readonly #byEndpoint = new WeakMap<object, number>();

  constructor(readonly limits: ResponseBudgetLimits) {}

  /** Bytes held now, in total. */
  get held(): number {
    return this.#total;
  }

  /** Whether a request of `endpoint` must be refused until some of its answers are read. */
  refuses(endpoint: object): boolean {
    const held = this.#byEndpoint.get(endpoint) ?? 0;
    return held > 0 && (held >= this.limits.perEndpoint || this.#total >= this.limits.total);
  }

  /** Counts `bytes` of an answer of `endpoint` as held: the function that gives them back (once). */
  hold(endpoint: object, bytes: number): () => void {
    this.#byEndpoint.set(endpoint, (this.#byEndpoint.get(endpoint) ?? 0) + bytes);
    this.#total += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total -= bytes;
      this.#byEndpoint.set(endpoint, this.#byEndpoint.get(endpoint)! - bytes);
    };
  }
}
