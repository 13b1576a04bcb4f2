// Benchmark: CPU time of one custom resource write (PUT through the kube app, in process) with and without a schema and CEL.
// Usage: npx --yes bun@1.4.5 scripts/bench/crd_write.ts [iterations]
//        npx --yes deno@2.9.6 run -A scripts/bench/crd_write.ts [iterations]
//
// Three CRDs serve the same widget: one whose schema preserves every field (nothing to prune,
// default or validate: the cost before src/api/crd), the realistic schema of
// tests/api/crd/_realistic_crd.ts without its CEL rules, and the same with them. Each write is a
// PUT that changes one label, so pruning, defaulting, validation (ratcheting skips the unchanged
// spec on update) and CEL run as on a real update; a create (POST + DELETE) row shows the cost
// when nothing ratchets. CPU time (process.cpuUsage) per write, after a warm-up.
import process from "node:process";
import { bareCluster } from "./_bare_cluster.ts";
import { WIDGET_SCHEMA, widgetCrd } from "../../tests/api/crd/_realistic_crd.ts";

const iterations = Number(process.argv[2] ?? 3000);
if (!(iterations > 0)) throw new Error(`Cannot parse iterations: ${process.argv[2]}`);

// deno-lint-ignore no-explicit-any
function withoutRules(schema: any): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRules);
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).filter(([k]) => k !== "x-kubernetes-validations").map((
      [k, v],
    ) => [k, withoutRules(v)]),
  );
}

const SCHEMAS = {
  "preserve-unknown-fields (no checks)": {
    type: "object",
    "x-kubernetes-preserve-unknown-fields": true,
  },
  "structural schema, no CEL": withoutRules(WIDGET_SCHEMA),
  "structural schema + 4 CEL rules": WIDGET_SCHEMA,
};

const SPEC = {
  mode: "Strict",
  replicas: 3,
  minReplicas: 1,
  name: "abc",
  cidr: "10.0.0.0/24",
  port: 8080,
  immutable: "x",
  tags: ["a", "b"],
  ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }],
  template: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { x: 1 } },
  extra: { free: { form: true } },
  labels: { a: "1" },
};

/** What the benchmark reads back of a widget to write it again. */
interface Widget {
  metadata: { labels?: Record<string, string> };
}

async function measure(schema: unknown): Promise<{ update: number; create: number }> {
  const { call } = bareCluster();
  await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCrd(schema));
  const base = "/apis/example.com/v1/namespaces/default/widgets";
  let object = await call("POST", base, {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w" },
    spec: SPEC,
  }) as Widget;
  const update = async (n: number) => {
    object.metadata.labels = { seq: String(n) };
    object = await call("PUT", `${base}/w`, object) as Widget;
  };
  const create = async (n: number) => {
    await call("POST", base, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: `c${n}` },
      spec: SPEC,
    });
    await call("DELETE", `${base}/c${n}`);
  };
  return { update: await cpuMicros(update), create: await cpuMicros(create) };
}

async function cpuMicros(run: (n: number) => Promise<void>): Promise<number> {
  for (let i = 0; i < Math.min(iterations, 500); i++) await run(i);
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run(iterations + i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

// Rounds alternate the schemas so that a busy machine skews them alike; the median is shown.
const ROUNDS = 5;
const samples = new Map<string, { update: number; create: number }[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, schema] of Object.entries(SCHEMAS)) {
    samples.set(label, [...(samples.get(label) ?? []), await measure(schema)]);
  }
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`${iterations} writes per sample, median of ${ROUNDS} alternating rounds`);
console.log("| CRD schema | PUT µs/write | vs no checks | POST+DELETE µs | vs no checks |");
console.log("|------------|-------------:|-------------:|---------------:|-------------:|");
let baseline: { update: number; create: number } | undefined;
for (const [label, runs] of samples) {
  const result = {
    update: median(runs.map((r) => r.update)),
    create: median(runs.map((r) => r.create)),
  };
  baseline ??= result;
  console.log(
    `| ${label} | ${result.update.toFixed(1)} | ${
      (result.update / baseline.update).toFixed(2)
    }x | ${result.create.toFixed(1)} | ${(result.create / baseline.create).toFixed(2)}x |`,
  );
}
