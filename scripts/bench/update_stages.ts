// CPU per stage of an update in steady state, in process: a Node label merge patch and a ConfigMap
// PUT taken apart (patch, decode checks, defaults, Go shaping, field manager, validation, the
// object's JSON, the store's update and commit), each stage timed alone in rounds after a warm-up,
// so that a change to one stage shows in its own line rather than in a whole request's noise.
//
//   npx --yes bun@1.4.5 scripts/bench/update_stages.ts [--rounds 6] [--ops 30000] [--only text]
//     [--root DIR]
//
// `--root` runs another checkout's sources (a detached worktree of the base with this script, its
// `_in_process_app.ts` and `node_modules` linked): run the two trees in turn and compare the
// minima (Bun only: Deno resolves the other checkout's bare imports against this one's deno.json).
// Each line prints the minimum and first quartile of the rounds' µs per operation; a stage's line
// includes the stages above it that it needs as input (noted in its name), so read differences.

import { resolve } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rounds: { type: "string", default: "6" },
    ops: { type: "string", default: "30000" },
    only: { type: "string" },
    root: { type: "string" },
  },
});
const root = resolve(values.root ?? new URL("../..", import.meta.url).pathname);
const rounds = Number(values.rounds);
const ops = Number(values.ops);

const load = (path: string) => import(resolve(root, path));
const { inProcessApp } = await load("scripts/bench/_in_process_app.ts");
const { trackUpdate } = await load("src/kube/field_tracking.ts");
const { goShape, decodePatched } = await load("src/kube/decode_checks.ts");
const { checkValid } = await load("src/kube/object_validation.ts");
const { objectJson } = await load("src/kube/json_body.ts");
const { defaultDecoded } = await load("src/kube/defaulting.ts");
const { updateWith } = await load("src/kube/write_handlers.ts");
const { applyMergePatch } = await load("src/patch/mod.ts");
const { BUILTIN_CATALOG } = await load("src/resources/mod.ts");

const { app, bindings, cluster } = await inProcessApp();
const CM = "/api/v1/namespaces/default/configmaps";
const configMap = (i: number) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "put", labels: { app: "bench" } },
    data: { a: "b", seq: String(i) },
  });
const labelPatch = (i: number) => `{"metadata":{"labels":{"bench.fkas.io/seq":"${i}"}}}`;

async function send(method: string, path: string, type: string, body: string): Promise<void> {
  const response = await app.request(path, {
    method,
    headers: { "content-type": type },
    body,
  }, bindings);
  await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
}

await send("POST", CM, "application/json", configMap(0));
for (let i = 0; i < 3; i++) {
  await send("PATCH", "/api/v1/nodes/cp", "application/merge-patch+json", labelPatch(i));
  await send("PUT", `${CM}/put`, "application/json", configMap(i));
}

const NODES = BUILTIN_CATALOG.byKey("nodes");
const CONFIGMAPS = BUILTIN_CATALOG.byKey("configmaps");
// The manager the requests above wrote as (no User-Agent, no fieldManager): the writes below are
// the same manager's repeated writes, the steady state the request benchmarks measure.
const manager = () => ({ name: "", now: Date.now() });
const inputs = { kubernetesVersion: cluster.kubernetesVersion };
const node = () => cluster.store.get(NODES, undefined, "cp");
const stored = () => cluster.store.get(CONFIGMAPS, "default", "put");
let seq = 1_000_000;

function time(name: string, run: () => unknown): void {
  if (values.only && !name.includes(values.only)) return;
  for (let i = 0; i < ops; i++) run();
  const perOp: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.cpuUsage();
    for (let i = 0; i < ops; i++) run();
    const used = process.cpuUsage(started);
    perOp.push((used.user + used.system) / ops);
  }
  perOp.sort((a, b) => a - b);
  const fixed = (value: number) => value.toFixed(2).padStart(6);
  console.log(
    `${name.padEnd(44)} min ${fixed(perOp[0])} p25 ${
      fixed(perOp[Math.floor(rounds / 4)])
    } µs per operation`,
  );
}

// Node: a merge patch of one label, as PATCH node runs it.
const patched = () => {
  const current = node();
  const patch = JSON.parse(labelPatch(seq++));
  return { current, patch, object: applyMergePatch(current, patch) };
};
time("node: merge patch", () => patched());
time("node: + decode checks", () => {
  const { current, patch, object } = patched();
  decodePatched(cluster, NODES, object, patch, false, undefined, current);
});
time("node: + defaults", () => defaultDecoded(NODES, patched().object, inputs));
time("node: + Go shape", () => {
  const { current, object } = patched();
  return goShape(cluster, NODES, object, current);
});
// The patched node shaped and tracked: a timed stage, and the input of the stages after it.
const shapedAndTracked = () => {
  const { current, object } = patched();
  return trackUpdate(
    cluster,
    NODES,
    undefined,
    current,
    goShape(cluster, NODES, object, current),
    manager(),
  );
};
time("node: + Go shape + field manager", shapedAndTracked);
const tracked = shapedAndTracked();
time("node: validation alone", () => checkValid(NODES, tracked, node(), cluster.kubernetesVersion));
time(
  "node: JSON of a new version alone",
  () => objectJson({ ...tracked, metadata: { ...tracked.metadata } }),
);
time("node: whole updateWith (after patch and checks)", () => {
  const { current, patch, object } = patched();
  decodePatched(cluster, NODES, object, patch, false, undefined, current);
  return updateWith(cluster, { resource: NODES, name: "cp" }, object, false, manager());
});

// ConfigMap: a PUT body without uid or resourceVersion, as PUT configmap sends it.
const body = () => {
  const object = JSON.parse(configMap(seq++));
  object.metadata.namespace = "default";
  return object;
};
time("configmap: parse", () => body());
time("configmap: + Go shape", () => goShape(cluster, CONFIGMAPS, body(), stored()));
time("configmap: + Go shape + field manager", () => {
  const current = stored();
  return trackUpdate(
    cluster,
    CONFIGMAPS,
    undefined,
    current,
    goShape(cluster, CONFIGMAPS, body(), current),
    manager(),
  );
});
time("configmap: whole updateWith (after parse)", () =>
  updateWith(
    cluster,
    { resource: CONFIGMAPS, namespace: "default", name: "put" },
    body(),
    false,
    manager(),
  ));
