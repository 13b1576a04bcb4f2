// Provisioning delays per machine phase, with jitter, as CAPD's in-memory backend models boot time.

/** One phase's timing: `startupDuration + random × jitter × startupDuration`. */
export interface PhaseDelay {
  readonly startupMs: number;
  /** A fraction of the startup duration (CAPD's `startupJitter`, e.g. 0.2). */
  readonly jitter: number;
}

/** Delays of the phases a machine goes through: node registered, etcd member up, API server up. */
export interface ProvisioningDelays {
  readonly node: PhaseDelay;
  readonly etcd: PhaseDelay;
  readonly apiServer: PhaseDelay;
}

const NONE: PhaseDelay = Object.freeze({ startupMs: 0, jitter: 0 });

/** No delays: machines come up within the request that reports them (the default). */
export const NO_DELAYS: ProvisioningDelays = Object.freeze({
  node: NONE,
  etcd: NONE,
  apiServer: NONE,
});

/** Whether every phase is immediate. */
export function isImmediate(delays: ProvisioningDelays): boolean {
  return [delays.node, delays.etcd, delays.apiServer].every((d) => d.startupMs === 0);
}

/** The delay of one phase for one machine, drawn with `random` in [0, 1). */
export function delayOf(delay: PhaseDelay, random: () => number): number {
  return Math.round(delay.startupMs + random() * delay.jitter * delay.startupMs);
}

/**
 * The longest startup duration of a phase: 24 hours. With the largest jitter (10) a phase waits at
 * most 11 × 24 h, well inside a timer's range (2^31 - 1 ms, about 24.8 days); beyond that range
 * setTimeout fires at once instead of late.
 */
export const MAX_PHASE_DELAY_MS = 24 * 3_600_000;

/** The largest startup jitter, a multiple of the startup duration. */
export const MAX_PHASE_JITTER = 10;

// Go's time.ParseDuration units (ns, us, µs and μs included: the FkasMachine CRD accepts them).
const UNIT_MS: Readonly<Record<string, number>> = Object.freeze({
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  "μs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
});

/**
 * Parses a Go-style duration (`10s`, `1.5s`, `250ms`, `2m`) into milliseconds; undefined if
 * malformed or not finite. Signs are refused: a phase cannot end before it starts.
 */
export function parseDurationMs(text: string): number | undefined {
  let total = 0;
  let rest = text.trim();
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  while (rest) {
    const match = /^(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]];
    rest = rest.slice(match[0].length);
  }
  return Number.isFinite(total) ? total : undefined;
}
