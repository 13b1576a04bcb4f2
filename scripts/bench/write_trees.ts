// Main-thread CPU per write (PATCH node labels, PUT ConfigMap, POST Pod without and with its
// defaults sent; a GET for reference) for each worktree named, in one
// process, blocks of operations alternated between the trees: the steady-state cost ratio of two
// trees, robust on a loaded machine (each block of each tree meets the same load, and the JIT has
// settled before the first block counts). A POST Pod block's pods are deleted after it, outside
// the clock.
//
//   npx --yes bun@1.4.5 scripts/bench/write_trees.ts --trees /work/wt/base-e6fbe62,. [--blocks 20] [--ops 1000] [--warmup 2000]
//   (Deno: npx --yes deno@2.9.6 run -A scripts/bench/write_trees.ts ...; every tree needs
//   scripts/bench/_in_process_app.ts and node_modules)
//
// Prints, per tree and path, the first quartile and median of the blocks' µs per operation, of the
// whole process and of the main thread, with the first quartile's ratio to the first tree's. write_paths.ts measures one tree per process
// (whole-process CPU too, JIT and collector threads included); this one compares trees.
//
// The order the trees are loaded in biases them (later ones measured 8–12% faster per place in one
// run on Bun, whatever the blocks' order): for a ratio that matters, list two copies of each tree
// (a second worktree at the same commit) in mirrored order, `base,new,new-copy,base-copy`, and
// average each tree's two rows.

import { resolve } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    trees: { type: "string", default: "." },
    blocks: { type: "string", default: "20" },
    ops: { type: "string", default: "1000" },
    only: { type: "string" },
    // Operations of each path on each tree before any block counts (the JIT's compiling of a
    // large write path goes on for some 20,000 writes, on its own threads).
    warmup: { type: "string", default: "2000" },
  },
});
const trees = values.trees.split(",").map((tree) => resolve(tree));
const blocks = Number(values.blocks);
const ops = Number(values.ops);

interface App {
  request(path: string, init: RequestInit, bindings: unknown): Response | Promise<Response>;
}
interface Tree {
  readonly name: string;
  readonly app: App;
  readonly bindings: unknown;
}

// The process's CPU (collector and JIT threads included) to the microsecond, and the main
// thread's where the runtime reports it (Bun's figure moves in steps of up to a few ms: blocks
// must be long for it to mean anything).
const threadCpu = (process as { threadCpuUsage?: () => { user: number; system: number } })
  .threadCpuUsage;
const processMicros = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};
const threadMicros = () => {
  const used = threadCpu?.();
  return used ? used.user + used.system : NaN;
};

const CM = "/api/v1/namespaces/default/configmaps";
const PODS = "/api/v1/namespaces/default/pods";
const configMap = (i: number) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "put", labels: { app: "bench" } },
    data: { a: "b", seq: String(i) },
  });

const encoder = new TextEncoder();

async function send(tree: Tree, method: string, path: string, type: string, body?: string) {
  const response = await tree.app.request(path, {
    method,
    // Real clients send the length of a body (client-go's bytes.Reader does): without it the
    // server reads the body as a stream, ~10 µs more per write than a client would cost.
    headers: body === undefined
      ? { "content-type": type }
      : { "content-type": type, "content-length": String(encoder.encode(body).length) },
    ...(body === undefined ? {} : { body }),
  }, tree.bindings);
  await response.text();
  if (response.status >= 300) {
    throw new Error(`${tree.name}: ${method} ${path}: ${response.status}`);
  }
}

/** Each path: one operation given its sequence number. A GET shows what the pipeline costs. */
const PATHS: Record<string, (tree: Tree, i: number) => Promise<void>> = {
  "GET node (reference)": (tree) => send(tree, "GET", "/api/v1/nodes/cp", "application/json"),
  "PATCH node labels (merge)": (tree, i) =>
    send(
      tree,
      "PATCH",
      "/api/v1/nodes/cp",
      "application/merge-patch+json",
      `{"metadata":{"labels":{"bench.fkas.io/seq":"${i}"}}}`,
    ),
  "PUT configmap": (tree, i) => send(tree, "PUT", `${CM}/put`, "application/json", configMap(i)),
  "POST pod": (tree, i) =>
    send(
      tree,
      "POST",
      PODS,
      "application/json",
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `p-${i}` },
        spec: {
          containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }],
        },
      }),
    ),
  // A Pod with everything decode-time defaulting fills sent already (a controller's pod from its
  // template, a full manifest): defaults find nothing to add.
  "POST pod (defaults sent)": (tree, i) =>
    send(tree, "POST", PODS, "application/json", JSON.stringify(defaultedPod(i))),
};

const defaultedPod = (i: number) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: `p-${i}`, labels: { app: "web" } },
  spec: {
    containers: [{
      name: "web",
      image: "nginx:1.27",
      ports: [{ containerPort: 80, protocol: "TCP" }],
      resources: {},
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      imagePullPolicy: "IfNotPresent",
    }],
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    securityContext: {},
    schedulerName: "default-scheduler",
    enableServiceLinks: true,
  },
});

// What a path leaves behind, removed after each block outside the clock (a block's pods).
const CLEANUPS: Record<string, (tree: Tree, i: number) => Promise<void>> = {
  "POST pod": (tree, i) => send(tree, "DELETE", `${PODS}/p-${i}`, "application/json"),
  "POST pod (defaults sent)": (tree, i) =>
    send(tree, "DELETE", `${PODS}/p-${i}`, "application/json"),
};

const loaded: Tree[] = [];
for (const tree of trees) {
  const { inProcessApp } = await import(resolve(tree, "scripts/bench/_in_process_app.ts"));
  const { app, bindings } = await inProcessApp();
  const entry = { name: tree.split("/").pop()!, app, bindings };
  await send(entry, "POST", CM, "application/json", configMap(0));
  loaded.push(entry);
}

let sequence = 0;
const names = Object.keys(PATHS).filter((name) => !values.only || name.includes(values.only));
for (const name of names) {
  const run = PATHS[name];
  const all: number[][] = loaded.map(() => []);
  const main: number[][] = loaded.map(() => []);
  const cleanup = CLEANUPS[name];
  for (const tree of loaded) {
    const first = sequence;
    for (let i = 0; i < Number(values.warmup); i++) await run(tree, ++sequence);
    if (cleanup) { for (let i = first + 1; i <= sequence; i++) await cleanup(tree, i); }
  }
  // The order of the trees flips every block.
  for (let block = 0; block < blocks; block++) {
    for (let k = 0; k < loaded.length; k++) {
      const j = block % 2 === 0 ? k : loaded.length - 1 - k;
      const started = processMicros(), threadStarted = threadMicros();
      const first = sequence;
      for (let i = 0; i < ops; i++) await run(loaded[j], ++sequence);
      all[j].push((processMicros() - started) / ops);
      main[j].push((threadMicros() - threadStarted) / ops);
      if (cleanup) { for (let i = first + 1; i <= sequence; i++) await cleanup(loaded[j], i); }
    }
  }
  const quartile = (runs: number[]) => runs[Math.floor(runs.length / 4)];
  const median = (runs: number[]) => runs[Math.floor(runs.length / 2)];
  const fixed = (value: number) => value.toFixed(1).padStart(6);
  for (const runs of [...all, ...main]) runs.sort((a, b) => a - b);
  loaded.forEach((tree, j) => {
    console.log(
      `${name.padEnd(26)} ${tree.name.padEnd(24)} process p25 ${fixed(quartile(all[j]))} median ${
        fixed(median(all[j]))
      } (${(quartile(all[j]) / quartile(all[0])).toFixed(2)}×)  main thread p25 ${
        fixed(quartile(main[j]))
      } median ${fixed(median(main[j]))} (${
        (quartile(main[j]) / quartile(main[0])).toFixed(2)
      }×) µs per operation`,
    );
  });
}
