// Benchmark: CPU time of the type checks a write of a built-in kind pays (src/api/schema), per object.
// Usage: npx --yes bun@1.4.5 scripts/bench/type_check.ts [iterations]
//        npx --yes deno@2.9.6 run -A scripts/bench/type_check.ts [iterations]
//
// CPU time (process.cpuUsage), not wall time, so that a busy machine skews it less. Objects are
// the seeded ones: a worker node and the kube-apiserver static pod, each parsed from JSON per
// check as a request body would be; JSON.parse alone is shown for scale.
import process from "node:process";
import { builtinSchemas, checkTypes } from "../../src/api/schema/mod.ts";
import { renderNode, renderStaticPod } from "../../src/seed/mod.ts";

const iterations = Number(process.argv[2] ?? 20000);
if (!(iterations > 0)) throw new Error(`Cannot parse iterations: ${process.argv[2]}`);

const now = new Date("2026-01-02T03:04:05Z");
const objects = {
  Node: renderNode({
    name: "md-1",
    labels: {},
    kubeletVersion: "v1.33.1",
    controlPlane: false,
    internalIP: "10.0.0.3",
    systemUUID: "8d3c1f4e-0000-4000-8000-000000000002",
    now,
  }),
  Pod: renderStaticPod({
    component: "kube-apiserver",
    nodeName: "cp-1",
    nodeUid: "node-uid",
    nodeIP: "10.0.0.2",
    kubernetesVersion: "v1.33.1",
    now,
  }),
};

function cpuMicros(run: () => void): number {
  for (let i = 0; i < Math.min(iterations, 2000); i++) run();
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

const source = builtinSchemas("v1.33.1");
console.log("| object | bytes | JSON.parse µs | JSON.parse + check µs |");
console.log("|--------|------:|--------------:|----------------------:|");
for (const [kind, object] of Object.entries(objects)) {
  const text = JSON.stringify(object);
  const schema = source.kind("", "v1", kind)!;
  const parse = cpuMicros(() => JSON.parse(text));
  const check = cpuMicros(() => checkTypes(source, schema, JSON.parse(text)));
  console.log(`| ${kind} | ${text.length} | ${parse.toFixed(2)} | ${check.toFixed(2)} |`);
}
