// The command line of scripts/bench/rest.ts.
import process from "node:process";
import { parseArgs } from "node:util";
import { currentRuntime, type Runtime } from "./_runtimes.ts";

/** What one benchmark invocation does. */
export interface BenchOptions {
  runtime: Runtime;
  warmupMs: number;
  durationMs: number;
  maxRequests?: number;
  connections: number;
  streams: number;
  workers: number;
  /** Also measure writes with `--data-dir` and this `--fsync` mode against in memory. */
  fsync?: "always" | "batch" | "never";
}

export const USAGE = `Usage: rest.ts [--quick] [--runtime bun|deno] [--duration S] [--warmup S]
               [--requests N] [--connections N] [--streams M] [--workers N] [--fsync MODE]
  --quick          3 s per run, 0.5 s warm-up (default: 7 s, 1 s warm-up)
  --runtime        runtime of fkas and the baseline (default: the one running this script)
  --requests N     also end each run after N measured requests
  --connections N  HTTP/1.1 keep-alive connections, one request in flight each (default 8)
  --streams M      concurrent streams on the one HTTP/2 session (default 32)
  --workers N      worker nodes besides the control plane (default 2)
  --fsync MODE     also run the write class against a second fkas with --data-dir and
                   --fsync MODE (always|batch|never), beside the in-memory one: ratio printed`;

/** A positive number option, or `fallback` when absent; throws "Cannot parse --name: ..." otherwise. */
export function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!(number > 0)) throw new Error(`Cannot parse --${name}: ${value} is not a positive number`);
  return number;
}

/** A number option that may be 0, or `fallback` when absent; throws "Cannot parse --name: ..." otherwise. */
export function nonNegative(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!(number >= 0)) throw new Error(`Cannot parse --${name}: ${value} is not a number >= 0`);
  return number;
}

/** A runtime option (bun or deno), or `fallback` when absent; throws "Cannot parse --name: ..." otherwise. */
export function runtimeOption(name: string, value: string | undefined, fallback: Runtime): Runtime {
  const runtime = value ?? fallback;
  if (runtime !== "bun" && runtime !== "deno") {
    throw new Error(`Cannot parse --${name}: ${runtime} is neither bun nor deno`);
  }
  return runtime;
}

/** Parses `args` (without the runtime and script); throws "Cannot parse ..." on a bad value. */
export function parseOptions(args: string[] = process.argv.slice(2)): BenchOptions | "help" {
  const { values } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      quick: { type: "boolean" },
      runtime: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      requests: { type: "string" },
      connections: { type: "string" },
      streams: { type: "string" },
      workers: { type: "string" },
      fsync: { type: "string" },
    },
  });
  if (values.help) return "help";
  return {
    runtime: runtimeOption("runtime", values.runtime, currentRuntime),
    durationMs: positive("duration", values.duration, values.quick ? 3 : 7) * 1000,
    warmupMs: positive("warmup", values.warmup, values.quick ? 0.5 : 1) * 1000,
    maxRequests: values.requests === undefined
      ? undefined
      : positive("requests", values.requests, 0),
    connections: Math.round(positive("connections", values.connections, 8)),
    streams: Math.round(positive("streams", values.streams, 32)),
    workers: values.workers === "0" ? 0 : Math.round(positive("workers", values.workers, 2)),
    fsync: fsyncOption(values.fsync),
  };
}

function fsyncOption(value: string | undefined): BenchOptions["fsync"] {
  if (value === undefined) return undefined;
  if (value === "always" || value === "batch" || value === "never") return value;
  throw new Error(`Cannot parse --fsync: ${value} is not always, batch or never`);
}
