// The header and idle timeouts of one connection, with no timer work per request: one timer that,
// when it fires, looks at what the connection did meanwhile and either closes it or waits again.
import type { ConnectionLimits } from "./connection_limits.ts";

/** Closes a connection whose time is up; `idle` may close gracefully (HTTP/2 GOAWAY). */
export interface ConnectionCloser {
  /** The first request's headers did not arrive in time (handshake and preface included). */
  headerTimeout(): void;
  /** No request was in flight for the idle timeout. */
  idleTimeout(): void;
}

/**
 * Tracks requests in flight on one connection and closes it when it never sends a request
 * (`headerTimeoutMs`) or has none in flight for `idleTimeoutMs`. A request in flight, a watch
 * included, keeps the connection open however long it lasts, as in Go's server; an upgraded
 * connection is never closed for idleness (SPDY and WebSocket have their own pings).
 */
export class ConnectionWatch {
  closer: ConnectionCloser;
  readonly #limits: Pick<ConnectionLimits, "headerTimeoutMs" | "idleTimeoutMs">;
  #timer?: ReturnType<typeof setTimeout>;
  #inFlight = 0;
  #started = false;
  #idleSince = 0;

  /** Arms the header timeout at once; a limit of 0 disables that timeout. */
  constructor(
    limits: Pick<ConnectionLimits, "headerTimeoutMs" | "idleTimeoutMs">,
    closer: ConnectionCloser,
  ) {
    this.#limits = limits;
    this.closer = closer;
    this.#arm(limits.headerTimeoutMs);
  }

  /** A request's headers arrived (an HTTP/1.1 request or an HTTP/2 stream). */
  requestStarted(): void {
    this.#started = true;
    this.#inFlight++;
  }

  /** A request's response ended, or its stream closed. */
  requestEnded(): void {
    if (--this.#inFlight === 0) this.#idleSince = performance.now();
  }

  /** The connection was taken over by an upgrade handler: no more timeouts. */
  upgraded(): void {
    this.stop();
  }

  /** Stops the timer (the connection closed). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(ms: number): void {
    if (ms > 0) this.#timer = setTimeout(() => this.#check(), ms);
  }

  // The timer fired: decide from the counters instead of re-arming on every request.
  #check(): void {
    this.#timer = undefined;
    if (!this.#started) return this.closer.headerTimeout();
    const idleMs = this.#limits.idleTimeoutMs;
    if (idleMs <= 0) return;
    if (this.#inFlight > 0) return this.#arm(idleMs);
    const idleFor = performance.now() - this.#idleSince;
    if (idleFor >= idleMs) return this.closer.idleTimeout();
    this.#arm(idleMs - idleFor);
  }
}
