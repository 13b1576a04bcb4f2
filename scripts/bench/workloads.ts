// Benchmark: what the simulated controllers, scheduler and kubelets (issue 17) cost. Two parts:
//   1. N clusters of 1 control plane + 3 workers, all system pods running (CoreDNS ×2, kube-proxy
//      on 4 nodes): creation time, RSS per cluster and idle CPU, beside a baseline checkout
//      (--baseline DIR, e.g. main extracted with `git archive`) measured in the same run;
//   2. one cluster with --nodes nodes and a Deployment scaled 0 → --replicas: time and fkas CPU
//      until every pod is Running and the Deployment available, RSS per pod, then LIST of all pods
//      and all nodes in JSON and protobuf (p50/p99 of --lists) while --watchers HTTPS watches
//      follow the pods and a pod is patched every 50 ms, and the idle CPU after.
// fkas runs with --workloads and --node-cidr-mask-size 26 (1,024 nodes fit the /16 pod network).
// Usage: npx --yes bun@1.4.5 scripts/bench/workloads.ts [--runtime bun|deno] [--clusters N]
//        [--baseline DIR] [--nodes N] [--replicas N] [--lists N] [--watchers N]
//        [--skip-clusters] [--skip-deployment] [--ports MIN-MAX (the clusters' ports; 20000-31000)]
//        [--workers N (fkas's --workers in the clusters part; 1)] [--rounds N (the clusters part N
//        times, alternating with the baseline; 1)] [--windows N (idle CPU windows of 5 s; 2)]
import https from "node:https";
import process from "node:process";
import { positive, runtimeOption } from "./_options.ts";
import { procStats } from "./_proc_stats.ts";
import { currentRuntime, type Runtime, runtimeVersion } from "./_runtimes.ts";
import {
  clusterName,
  clusterTarget,
  createClusters,
  NAMESPACE,
  type ScaleFkas,
  startScaleFkas,
} from "./_scale_fkas.ts";
import { controlCall as call } from "./_control_call.ts";
import type { ClusterTarget } from "./scale_load.ts";

interface Options {
  runtime: Runtime;
  clusters: number;
  baseline?: string;
  nodes: number;
  replicas: number;
  lists: number;
  watchers: number;
  skipClusters: boolean;
  skipDeployment: boolean;
  /** fkas's cluster port range for the clusters part ("MIN-MAX"). */
  ports: string;
  /** fkas's `--workers` in the clusters part. */
  workers: string;
  /** Runs of the clusters part (each alternating with the baseline's). */
  rounds: number;
  /** Idle CPU windows of 5 s after the 5 s settle. */
  windows: number;
}

function parse(args: string[]): Options {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    runtime: runtimeOption("--runtime", value("--runtime"), "bun"),
    clusters: positive("--clusters", value("--clusters"), 1000),
    baseline: value("--baseline"),
    nodes: positive("--nodes", value("--nodes"), 1000),
    replicas: positive("--replicas", value("--replicas"), 10_000),
    lists: positive("--lists", value("--lists"), 20),
    watchers: Number(value("--watchers") ?? 100),
    skipClusters: args.includes("--skip-clusters"),
    skipDeployment: args.includes("--skip-deployment"),
    ports: value("--ports") ?? "20000-31000",
    workers: value("--workers") ?? "1",
    rounds: positive("--rounds", value("--rounds"), 1),
    windows: positive("--windows", value("--windows"), 2),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What fkas needs for the big cluster: the controllers, and pod ranges for 1,024 nodes. */
const WORKLOAD_FLAGS = ["--workloads", "--node-cidr-mask-size=26"];

/**
 * A watch of the pods of `default` from `resourceVersion` (as an informer after its LIST) over
 * HTTPS; counts the bytes it reads until closed.
 */
function watchPods(
  target: ClusterTarget,
  resourceVersion: string,
  counter: { bytes: number },
): () => void {
  const request = https.request({
    host: "127.0.0.1",
    port: target.port,
    method: "GET",
    path: `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${resourceVersion}`,
    ca: target.caPem,
    cert: target.certPem,
    key: target.keyPem,
    servername: "localhost",
    rejectUnauthorized: false,
    headers: { Accept: "application/json" },
  }, (response) => response.on("data", (c: Buffer) => counter.bytes += c.length));
  request.on("error", () => {});
  request.end();
  return () => request.destroy();
}

// Requests reuse their connections (a TLS handshake per pod patch would cost fkas more than the
// patch), as informers and kubectl's client do.
const AGENT = new https.Agent({ keepAlive: true, maxSockets: 4 });

/** One HTTPS request to a cluster as its admin; resolves with status and body. */
function kube(
  target: ClusterTarget,
  method: string,
  path: string,
  body?: unknown,
  type = "application/json",
  accept = "application/json",
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = https.request({
      host: "127.0.0.1",
      port: target.port,
      method,
      path,
      agent: AGENT,
      ca: target.caPem,
      cert: target.certPem,
      key: target.keyPem,
      servername: "localhost",
      rejectUnauthorized: false,
      headers: { "Content-Type": type, Accept: accept },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c) => chunks.push(c));
      response.on(
        "end",
        () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
    });
    request.on("error", reject);
    if (body !== undefined) request.write(JSON.stringify(body));
    request.end();
  });
}

async function idleCpu(pid: number, seconds: number): Promise<number> {
  const before = procStats(pid).cpuMs;
  await sleep(seconds * 1000);
  return (procStats(pid).cpuMs - before) / (seconds * 1000);
}

// Pods of kube-system in one cluster by phase: proof that the system workloads run.
async function systemPods(fkas: ScaleFkas, cluster: string): Promise<string> {
  const target = await clusterTarget(fkas.control, cluster);
  const { text } = await kube(target, "GET", "/api/v1/namespaces/kube-system/pods");
  const items = JSON.parse(text).items as {
    metadata: { name: string };
    status: { phase: string };
  }[];
  const running = items.filter((p) => p.status?.phase === "Running").map((p) =>
    p.metadata.name.replace(/(-[b-z2-9]{6,10})?-[b-z2-9]{5}$/, "")
  );
  const counts = new Map<string, number>();
  for (const name of running) counts.set(name, (counts.get(name) ?? 0) + 1);
  return `${running.length}/${items.length} Running (${
    [...counts].map(([k, v]) => `${k}×${v}`).join(", ")
  })`;
}

async function clustersPart(options: Options, label: string, main?: string) {
  const fkas = await startScaleFkas(
    options.runtime,
    options.ports,
    undefined,
    [...WORKLOAD_FLAGS, `--workers=${options.workers}`],
    main,
  );
  try {
    await sleep(2000);
    const idle = procStats(fkas.child.pid);
    const creation = await createClusters(fkas.control, options.clusters, 32, () => {});
    const seconds = (creation.readyAt - creation.startedAt) / 1000;
    const createCpu = (procStats(fkas.child.pid).cpuMs - idle.cpuMs) / 1000;
    await sleep(5000);
    const loaded = procStats(fkas.child.pid);
    // Idle CPU in 5 s windows, and the RSS after each (a late collection shows in both).
    const windows: string[] = [];
    let rss = loaded.rssMiB;
    for (let w = 0; w < options.windows; w++) {
      windows.push((await idleCpu(fkas.child.pid, 5)).toFixed(3));
      rss = procStats(fkas.child.pid).rssMiB;
    }
    const pods = await systemPods(fkas, clusterName(options.clusters - 1));
    const perCluster = ((loaded.rssMiB - idle.rssMiB) * 1024) / options.clusters;
    const perClusterLast = ((rss - idle.rssMiB) * 1024) / options.clusters;
    console.log(
      `${label}: ${options.clusters} clusters ready in ${
        seconds.toFixed(1)
      } s (${creation.failures} failures, fkas CPU ${createCpu.toFixed(1)} s); ` +
        `RSS ${idle.rssMiB.toFixed(0)} → ${loaded.rssMiB.toFixed(0)} MiB = ${
          perCluster.toFixed(1)
        } KiB/cluster after 5 s, ${perClusterLast.toFixed(1)} after the windows; ` +
        `idle CPU ${windows.join(" ")} cores; last cluster's kube-system: ${pods}`,
    );
  } finally {
    await fkas.child.stop();
  }
}

async function deploymentPart(options: Options) {
  const fkas = await startScaleFkas(options.runtime, "27100-27200", undefined, WORKLOAD_FLAGS);
  let stopping = false;
  fkas.child.exited.then((code) => {
    if (!stopping) console.error(`fkas exited with ${code}:\n${fkas.child.output().slice(-4000)}`);
  });
  try {
    const cluster = "big";
    await call(fkas.control, "POST", "/register", { cluster, namespace: NAMESPACE });
    const started = performance.now();
    for (let i = 0; i < options.nodes; i++) {
      await call(fkas.control, "PUT", "/updateNode", {
        cluster,
        namespace: NAMESPACE,
        nodeName: i === 0 ? `${cluster}-cp-1` : `${cluster}-w-${i}`,
        labels: i === 0 ? { "cluster.x-k8s.io/control-plane": "" } : {},
        k8sversion: "v1.33.1",
      });
    }
    console.log(
      `deployment: ${options.nodes} nodes reported in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
    const target = await clusterTarget(fkas.control, cluster);
    const path = "/apis/apps/v1/namespaces/default/deployments";
    const created = await kube(target, "POST", path, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "load" },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "load" } },
        template: {
          metadata: { labels: { app: "load" } },
          spec: { containers: [{ name: "c", image: "nginx" }] },
        },
      },
    });
    if (created.status !== 201) {
      throw new Error(`Cannot create the Deployment: ${created.status} ${created.text}`);
    }
    await sleep(2000);
    const before = procStats(fkas.child.pid);
    const scaledAt = performance.now();
    const patched = await kube(target, "PATCH", `${path}/load`, {
      spec: { replicas: options.replicas },
    }, "application/merge-patch+json");
    if (patched.status !== 200) throw new Error(`Cannot scale: ${patched.status} ${patched.text}`);
    for (;;) {
      const { text } = await kube(target, "GET", `${path}/load`);
      if (JSON.parse(text).status?.availableReplicas === options.replicas) break;
      if (performance.now() - scaledAt > 600_000) throw new Error("Not available after 10 minutes");
      await sleep(100);
    }
    const seconds = (performance.now() - scaledAt) / 1000;
    const cpuSeconds = (procStats(fkas.child.pid).cpuMs - before.cpuMs) / 1000;
    await sleep(3000);
    const after = procStats(fkas.child.pid);
    const perPod = ((after.rssMiB - before.rssMiB) * 1024) / options.replicas;
    console.log(
      `deployment: 0 → ${options.replicas} replicas available in ${seconds.toFixed(1)} s ` +
        `(fkas CPU ${cpuSeconds.toFixed(2)} s); RSS ${before.rssMiB.toFixed(0)} → ${
          after.rssMiB.toFixed(0)
        } MiB = ${perPod.toFixed(2)} KiB/pod`,
    );
    const { text } = await kube(target, "GET", "/api/v1/namespaces/default/pods");
    const list = JSON.parse(text);
    const counter = { bytes: 0 };
    const stops = Array.from(
      { length: options.watchers },
      () => watchPods(target, list.metadata.resourceVersion, counter),
    );
    await sleep(1000);
    const items = list.items as {
      metadata: { name: string };
      status: { phase: string };
    }[];
    const running = items.filter((p) => p.status.phase === "Running").length;
    console.log(`deployment: LIST returned ${items.length} pods, ${running} Running`);
    let tick = 0;
    const churn = setInterval(() => {
      const name = items[tick++ % items.length].metadata.name;
      void kube(target, "PATCH", `/api/v1/namespaces/default/pods/${name}`, {
        metadata: { annotations: { tick: String(tick) } },
      }, "application/merge-patch+json").catch(() => {});
    }, 50);
    const lists = [
      ["pods", "/api/v1/namespaces/default/pods", items.length],
      ["nodes", "/api/v1/nodes", options.nodes],
    ] as const;
    const encodings = [
      ["JSON", "application/json"],
      ["protobuf", "application/vnd.kubernetes.protobuf"],
    ] as const;
    for (const [kind, path, count] of lists) {
      for (const [label, accept] of encodings) {
        await kube(target, "GET", path, undefined, undefined, accept);
        const times: number[] = [];
        let bytes = 0;
        const cpuBefore = procStats(fkas.child.pid).cpuMs;
        for (let i = 0; i < options.lists; i++) {
          const t = performance.now();
          const answer = await kube(target, "GET", path, undefined, undefined, accept);
          times.push(performance.now() - t);
          bytes = answer.text.length;
        }
        times.sort((a, b) => a - b);
        const p99 = times[Math.max(0, Math.ceil(0.99 * times.length) - 1)];
        console.log(
          `deployment: LIST ${count} ${kind} ${label} with ${options.watchers} watchers: ` +
            `p50 ${times[Math.floor(times.length / 2)].toFixed(0)} ms, p99 ${p99.toFixed(0)} ms ` +
            `(${options.lists} LISTs, ~${(bytes / 1e6).toFixed(1)} MB; fkas CPU ${
              ((procStats(fkas.child.pid).cpuMs - cpuBefore) / options.lists).toFixed(0)
            } ms per LIST with the churn and watchers)`,
        );
      }
    }
    clearInterval(churn);
    await sleep(1000);
    console.log(
      `deployment: watchers read ${(counter.bytes / 1e6).toFixed(1)} MB (${tick} pod patches); ` +
        `idle CPU ${(await idleCpu(fkas.child.pid, 10)).toFixed(3)} cores with them open`,
    );
    for (const stop of stops) stop();
  } finally {
    stopping = true;
    await fkas.child.stop();
  }
}

if (process.argv.includes("--help")) {
  console.log(
    "Usage: workloads.ts [--runtime bun|deno] [--clusters N] [--baseline DIR] [--nodes N] [--replicas N] [--lists N] [--watchers N] [--skip-clusters] [--skip-deployment] [--ports MIN-MAX] [--workers N] [--rounds N] [--windows N]",
  );
} else {
  const options = parse(process.argv.slice(2));
  console.log(`fkas on ${options.runtime}; load generator ${currentRuntime} ${runtimeVersion()}`);
  if (!options.skipClusters) {
    for (let round = 0; round < options.rounds; round++) {
      if (options.baseline) {
        await clustersPart(options, `baseline ${options.baseline}`, `${options.baseline}/main.ts`);
      }
      await clustersPart(options, "this checkout");
    }
  }
  if (!options.skipDeployment) await deploymentPart(options);
  AGENT.destroy();
}
