// Main-thread CPU of each phase of a Pod create that src/api/schema, defaults and validation own, per tree, alternated in one process.
// Usage: npx --yes bun@1.4.5 scripts/bench/create_phases.ts --trees /work/wt/base-x,. [--blocks 40] [--pods 5000]
//        npx --yes deno@2.9.6 run -A scripts/bench/create_phases.ts --pods 50000 (one tree: Deno
//        resolves npm imports of its own tree only; its CPU clock moves in steps of milliseconds)
// Each block decodes `--pods` fresh Pods (as `kubectl run` sends one) through the phases a create
// runs them through, in order: type check, scheme defaults, Go shaping for the field manager,
// admission, the store's Go shaping (only what admission changed), validation. Prints each
// phase's first-quartile µs per Pod for each tree (blocks alternate between the trees; the first
// five are the JIT's), and whether the trees stored the same JSON (token volume names aside).

import { resolve } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    trees: { type: "string", default: "." },
    blocks: { type: "string", default: "40" },
    pods: { type: "string", default: "5000" },
  },
});
const VERSION = "v1.33.1";
const POD = JSON.stringify({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p-1", labels: { app: "web" }, namespace: "default" },
  spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
});
const TYPE = { group: "", version: "v1", kind: "Pod" };
const TARGET = { key: "pods", group: "", version: "v1", kind: "Pod", namespaced: true };
const pods = Number(values.pods);

const threadCpu = (process as { threadCpuUsage?: () => { user: number; system: number } })
  .threadCpuUsage ?? (() => process.cpuUsage());
const cpu = () => {
  const used = threadCpu();
  return used.user + used.system;
};

// deno-lint-ignore no-explicit-any
type Loose = any;
const trees: Loose[] = [];
for (const tree of values.trees.split(",").map((path) => resolve(path))) {
  trees.push({
    name: tree.split("/").pop(),
    ...await import(resolve(tree, "src/api/schema/mod.ts")),
    ...await import(resolve(tree, "src/api/defaults/mod.ts")),
    ...await import(resolve(tree, "src/api/validation/mod.ts")),
  });
}

function block(tree: Loose, phases: Record<string, number[]>): string {
  const source = tree.builtinSchemas(VERSION);
  const schema = source.kind("", "v1", "Pod");
  const context = { minor: 33, random: Math.random, uid: "u", lookup: undefined };
  const objects: Loose[] = Array.from({ length: pods }, () => JSON.parse(POD));
  let last = cpu();
  const mark = (phase: string) => {
    const now = cpu();
    (phases[phase] ??= []).push((now - last) / pods);
    last = now;
  };
  const started = last;
  for (const pod of objects) tree.checkTypes(source, schema, pod);
  mark("type check");
  for (const pod of objects) tree.applySchemeDefaults(TARGET, pod, context);
  mark("scheme defaults");
  const shaped = objects.map((pod) => tree.goShapedKind(VERSION, TYPE, pod));
  mark("Go shaping (field manager)");
  const untouched = shaped.map(({ metadata: _, ...rest }) => rest);
  for (const pod of shaped) tree.registryOnCreate(TARGET, pod, context);
  mark("admission");
  const stored = shaped.map((pod, i) => tree.goShapedKind(VERSION, TYPE, pod, untouched[i]));
  mark("Go shaping (store)");
  for (const pod of stored) tree.validateCreate(TARGET, pod, 33);
  mark("validation");
  (phases.total ??= []).push((cpu() - started) / pods);
  return JSON.stringify(stored[0]).replace(/kube-api-access-\w+/g, "");
}

const results = trees.map(() => ({} as Record<string, number[]>));
const outputs = trees.map(() => "");
for (let b = 0; b < Number(values.blocks); b++) {
  for (let k = 0; k < trees.length; k++) {
    const j = b % 2 === 0 ? k : trees.length - 1 - k;
    outputs[j] = block(trees[j], results[j]);
  }
}
const quartile = (runs: number[]) => {
  const sorted = runs.slice(5).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 4)];
};
console.log(`${"phase".padEnd(28)}${trees.map((tree) => tree.name.padStart(26)).join("")}`);
for (const phase of Object.keys(results[0])) {
  console.log(
    `${phase.padEnd(28)}${
      results.map((result) => `${quartile(result[phase]).toFixed(2)} µs`.padStart(26)).join("")
    }`,
  );
}
console.log(`same stored Pod: ${outputs.every((output) => output === outputs[0])}`);
