// The load generator (its own process, so it does not share the server's event loop): one run, JSON out.
// Usage: load.ts '<LoadSpec as JSON>'; prints one LoadResult line, then exits without closing politely.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { Http1Connection, serializeRequest, type TlsTarget } from "./_http1_client.ts";
import { Http2Client } from "./_http2_client.ts";
import { runtimeVersion } from "./_runtimes.ts";
import { percentile, Samples } from "./_stats.ts";

/** One run: where, how, what and for how long. */
export interface LoadSpec {
  port: number;
  /** Holds ca.crt, client.crt and client.key. */
  certDir: string;
  protocol: "http1" | "h2";
  /** HTTP/1.1 connections, or concurrent streams on the one HTTP/2 session. */
  concurrency: number;
  method: string;
  path: string;
  contentType?: string;
  /** "{{n}}" is replaced by the request's sequence number. */
  body?: string;
  warmupMs: number;
  durationMs: number;
  /** Ends the measured phase after this many requests (the duration still bounds it). */
  maxRequests?: number;
}

/** What one run measured (warm-up excluded). */
export interface LoadResult {
  requests: number;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  errors: number;
  firstError?: string;
  /** Error codes of the HTTP/2 GOAWAY frames the server sent (the client then reconnected). */
  goaways: number[];
  runtime: string;
}

/** Sends one request and resolves with its status. */
type Send = (n: number) => Promise<number>;

/** The concurrent senders of a run, and the GOAWAY codes seen so far. */
async function senders(
  spec: LoadSpec,
  target: TlsTarget,
): Promise<{ sends: Send[]; goaways: number[] }> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "User-Agent": "fkas-bench",
  };
  if (spec.contentType) headers["Content-Type"] = spec.contentType;
  const bodyOf = (n: number) => spec.body?.replaceAll("{{n}}", String(n));
  if (spec.protocol === "h2") {
    const client = await Http2Client.connect(target);
    const h2Headers = { ":method": spec.method, ":path": spec.path, ...lower(headers) };
    const send: Send = (n) => client.request(h2Headers, bodyOf(n));
    return { sends: Array.from({ length: spec.concurrency }, () => send), goaways: client.goaways };
  }
  const fixed = spec.body === undefined ? serializeRequest(spec.method, spec.path, headers) : null;
  const sends = await Promise.all(Array.from({ length: spec.concurrency }, async () => {
    let connection = await Http1Connection.connect(target);
    return async (n: number) => {
      const bytes = fixed ?? serializeRequest(spec.method, spec.path, headers, bodyOf(n));
      try {
        return await connection.request(bytes);
      } catch (error) {
        connection = await Http1Connection.connect(target); // counted as an error, then go on
        throw error;
      }
    };
  }));
  return { sends, goaways: [] };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const read = (name: string) => readFileSync(join(spec.certDir, name), "utf8");
  const target = {
    port: spec.port,
    caPem: read("ca.crt"),
    certPem: read("client.crt"),
    keyPem: read("client.key"),
  };
  const { sends, goaways } = await senders(spec, target);
  const samples = new Samples();
  const statuses: Record<string, number> = {};
  let errors = 0;
  let firstError: string | undefined;
  let sequence = 0;
  let measuredStarts = 0;
  const measureFrom = performance.now() + spec.warmupMs;
  const end = measureFrom + spec.durationMs;
  let lastEnd = measureFrom;
  const worker = async (send: Send) => {
    for (;;) {
      const started = performance.now();
      const measured = started >= measureFrom;
      if (started >= end || (measured && measuredStarts >= (spec.maxRequests ?? Infinity))) return;
      if (measured) measuredStarts++;
      try {
        const status = await send(sequence++);
        const finished = performance.now();
        if (!measured) continue;
        samples.add(finished - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
        lastEnd = Math.max(lastEnd, finished);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
        if (errors > 1000) return; // the target is gone: stop rather than spin
      }
    }
  };
  await Promise.all(sends.map(worker));
  const sorted = samples.sorted();
  return {
    requests: samples.length,
    elapsedMs: lastEnd - measureFrom,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    statuses,
    errors,
    firstError,
    goaways,
    runtime: runtimeVersion(),
  };
}

if (import.meta.main) {
  const result = await run(JSON.parse(process.argv.at(-1)!) as LoadSpec);
  console.log(JSON.stringify(result));
  // Exit without a GOAWAY: a client GOAWAY can abort Deno's node:http2 server (runtime-notes).
  process.exit(0);
}
