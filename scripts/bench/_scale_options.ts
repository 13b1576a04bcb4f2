// The command line of scripts/bench/scale.ts.
import process from "node:process";
import { parseArgs } from "node:util";
import { positive, runtimeOption } from "./_options.ts";
import { currentRuntime, type Runtime } from "./_runtimes.ts";

/** What one scale benchmark invocation does. */
export interface ScaleOptions {
  quick: boolean;
  runtime: Runtime;
  /** A compiled fkas to run instead of main.ts on `runtime`. */
  binary?: string;
  loadRuntime: Runtime;
  clusters: number;
  concurrency: number;
  ports: string;
  steadyClusters: number;
  steadySeconds: number;
  steadyIntervalSeconds: number;
  controllers: number;
  loadProcesses: number;
  fanoutClusters: number;
  fanoutWatchers: number;
  fanoutPatches: number;
  settleSeconds: number;
  /** fkas's `--workers` (1: every cluster in the main thread). */
  workers: string;
}

export const SCALE_USAGE =
  `Usage: scale.ts [--quick] [--runtime bun|deno] [--binary PATH] [--load-runtime bun|deno] [--clusters N]
                [--concurrency N] [--ports MIN-MAX] [--steady-clusters M] [--steady-seconds S]
                [--steady-interval S] [--controllers N] [--load-processes N]
                [--fanout-clusters N] [--fanout-watchers N] [--fanout-patches N] [--settle S]
                [--workers N|auto]
  --quick              500 clusters, 20 s steady state, 200 patches per fan-out cluster
  --runtime            runtime of fkas (default: bun)
  --binary PATH        run this compiled fkas (npx --yes bun@1.4.5 run compile → dist/fkas) instead
  --load-runtime       runtime of the load generator processes (default: the one running this script)
  --clusters N         clusters of 1 control plane + 3 workers (default 10000; --quick 500)
  --concurrency N      clusters being created at once, one control API call each (default 32)
  --ports MIN-MAX      fkas's cluster port range (default 20000-31000)
  --steady-clusters M  clusters under CAPI's steady load (default min(N, 1000))
  --steady-seconds S   measured steady-state window (default 60; --quick 20)
  --steady-interval S  each controller's GET / period (default 10, as CAPI's ClusterCache health check)
  --controllers N      controllers per cluster, one HTTP/2 session and 2 watches each (default 3)
  --load-processes N   load generator processes sharing the clusters and watchers (default 1)
  --fanout-clusters N  clusters whose control-plane Node is patched in phase 4 (default 4)
  --fanout-watchers N  Node watchers per fan-out cluster (default 250)
  --fanout-patches N   patches per fan-out cluster (default 400; --quick 200)
  --settle S           seconds of idleness before the memory and idle-CPU readings (default 5; --quick 3)
  --workers N|auto     fkas's --workers: clusters on N worker threads (default 1)`;

/** Parses `args` (without the runtime and script); throws "Cannot parse ..." on a bad value. */
export function parseScaleOptions(args: string[] = process.argv.slice(2)): ScaleOptions | "help" {
  const { values: v } = parseArgs({
    args,
    options: {
      help: { type: "boolean", short: "h" },
      quick: { type: "boolean" },
      runtime: { type: "string" },
      binary: { type: "string" },
      "load-runtime": { type: "string" },
      clusters: { type: "string" },
      concurrency: { type: "string" },
      ports: { type: "string" },
      "steady-clusters": { type: "string" },
      "steady-seconds": { type: "string" },
      "steady-interval": { type: "string" },
      controllers: { type: "string" },
      "load-processes": { type: "string" },
      "fanout-clusters": { type: "string" },
      "fanout-watchers": { type: "string" },
      "fanout-patches": { type: "string" },
      settle: { type: "string" },
      workers: { type: "string" },
    },
  });
  if (v.help) return "help";
  const quick = v.quick ?? false;
  const int = (name: keyof typeof v, fallback: number) =>
    Math.round(positive(name, v[name] as string | undefined, fallback));
  const clusters = int("clusters", quick ? 500 : 10_000);
  const ports = v.ports ?? "20000-31000";
  const range = /^(\d+)-(\d+)$/.exec(ports);
  if (!range || Number(range[2]) - Number(range[1]) + 1 < clusters) {
    throw new Error(`Cannot parse --ports: ${ports} does not hold ${clusters} ports`);
  }
  const options: ScaleOptions = {
    quick,
    runtime: runtimeOption("runtime", v.runtime, "bun"),
    binary: v.binary,
    loadRuntime: runtimeOption("load-runtime", v["load-runtime"], currentRuntime),
    clusters,
    concurrency: int("concurrency", 32),
    ports,
    steadyClusters: Math.min(clusters, int("steady-clusters", Math.min(clusters, 1000))),
    steadySeconds: positive("steady-seconds", v["steady-seconds"], quick ? 20 : 60),
    steadyIntervalSeconds: positive("steady-interval", v["steady-interval"], 10),
    controllers: int("controllers", 3),
    loadProcesses: int("load-processes", 1),
    fanoutClusters: Math.min(clusters, int("fanout-clusters", 4)),
    fanoutWatchers: int("fanout-watchers", 250),
    fanoutPatches: int("fanout-patches", quick ? 200 : 400),
    settleSeconds: positive("settle", v.settle, quick ? 3 : 5),
    workers: v.workers ?? "1",
  };
  return options;
}
