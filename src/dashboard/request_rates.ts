// Per-cluster request and error rates, open watches, and requests by verb/resource/code over the
// last minutes, for the dashboard. Recording is a few map and array operations per request.

/** How many one-second buckets a cluster keeps (the window rates are taken over). */
const SECONDS = 60;
/** How many one-minute buckets of verb/resource/code counts a cluster keeps (the chart). */
const MINUTES = 5;
/** Distinct verb/resource/code keys per minute bucket; more fold into "other". */
const MAX_KEYS = 200;

interface ClusterTraffic {
  readonly requests: Uint32Array;
  readonly errors: Uint32Array;
  readonly stamps: Float64Array;
  readonly minutes: { minute: number; counts: Map<string, number> }[];
  watches: number;
}

/** What the dashboard shows of a cluster's traffic. */
export interface TrafficSummary {
  /** Requests per second over the last minute. */
  readonly requestsPerSecond: number;
  /** Answers with a 5xx or 429 per second over the last minute. */
  readonly errorsPerSecond: number;
  readonly watches: number;
}

/** Counts requests per cluster in time buckets; `now` is a monotonic clock in milliseconds. */
export class RequestRates {
  readonly #clusters = new Map<string, ClusterTraffic>();

  constructor(private readonly now: () => number) {}

  /** Counts one finished request of `cluster` (`namespace/name`). */
  record(cluster: string, verb: string, resource: string, code: number): void {
    const traffic = this.#traffic(cluster);
    const second = Math.floor(this.now() / 1000);
    const slot = second % SECONDS;
    if (traffic.stamps[slot] !== second) {
      traffic.stamps[slot] = second;
      traffic.requests[slot] = 0;
      traffic.errors[slot] = 0;
    }
    traffic.requests[slot]++;
    if (code >= 500 || code === 429) traffic.errors[slot]++;
    const minute = Math.floor(second / 60);
    let bucket = traffic.minutes.at(-1);
    if (!bucket || bucket.minute !== minute) {
      bucket = { minute, counts: new Map() };
      traffic.minutes.push(bucket);
      if (traffic.minutes.length > MINUTES) traffic.minutes.shift();
    }
    let key = `${verb} ${resource} ${code}`;
    if (!bucket.counts.has(key) && bucket.counts.size >= MAX_KEYS) key = "other";
    bucket.counts.set(key, (bucket.counts.get(key) ?? 0) + 1);
  }

  /** Counts an open watch of `cluster`; call the result when it ends. */
  watchOpened(cluster: string): () => void {
    const traffic = this.#traffic(cluster);
    traffic.watches++;
    return () => void traffic.watches--;
  }

  /** Request and error rates over the last minute, and open watches. */
  summary(cluster: string): TrafficSummary {
    const traffic = this.#clusters.get(cluster);
    if (!traffic) return { requestsPerSecond: 0, errorsPerSecond: 0, watches: 0 };
    const now = Math.floor(this.now() / 1000);
    let requests = 0;
    let errors = 0;
    for (let slot = 0; slot < SECONDS; slot++) {
      if (now - traffic.stamps[slot] < SECONDS) {
        requests += traffic.requests[slot];
        errors += traffic.errors[slot];
      }
    }
    const round = (n: number) => Math.round((n / SECONDS) * 100) / 100;
    return {
      requestsPerSecond: round(requests),
      errorsPerSecond: round(errors),
      watches: traffic.watches,
    };
  }

  /** Requests by `verb resource code`, one entry per minute of the last five. */
  byMinute(cluster: string): { minute: number; counts: Record<string, number> }[] {
    const now = Math.floor(this.now() / 60_000);
    return (this.#clusters.get(cluster)?.minutes ?? [])
      .filter((b) => now - b.minute < MINUTES)
      .map((b) => ({ minute: b.minute - now, counts: Object.fromEntries(b.counts) }));
  }

  /** Forgets a cluster that is gone. */
  forget(cluster: string): void {
    this.#clusters.delete(cluster);
  }

  #traffic(cluster: string): ClusterTraffic {
    let traffic = this.#clusters.get(cluster);
    if (!traffic) {
      traffic = {
        requests: new Uint32Array(SECONDS),
        errors: new Uint32Array(SECONDS),
        stamps: new Float64Array(SECONDS).fill(-Infinity),
        minutes: [],
        watches: 0,
      };
      this.#clusters.set(cluster, traffic);
    }
    return traffic;
  }
}
