// A token bucket of HTTP/2 stream resets for one connection (CVE-2023-44487, "rapid reset").
import type { ConnectionLimits } from "./connection_limits.ts";

/**
 * Allows `http2ResetBurst` resets at once, refilled at `http2ResetsPerSecond`: the scheme
 * nghttp2 1.57 adopted against rapid reset, so honest clients that cancel now and then never
 * notice it.
 */
export class ResetAllowance {
  readonly #burst: number;
  readonly #perMs: number;
  #tokens: number;
  #at = performance.now();

  /** Starts full. */
  constructor(limits: Pick<ConnectionLimits, "http2ResetBurst" | "http2ResetsPerSecond">) {
    this.#burst = limits.http2ResetBurst;
    this.#perMs = limits.http2ResetsPerSecond / 1000;
    this.#tokens = limits.http2ResetBurst;
  }

  /** Takes one reset from the allowance; false when none was left. */
  take(now: number = performance.now()): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens--;
    return true;
  }
}
