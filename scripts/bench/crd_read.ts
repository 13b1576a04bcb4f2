// Benchmark: CPU time of GET and LIST of custom resources (kube app, in process) with and without read-time defaulting.
// Usage: npx --yes bun@1.4.5 scripts/bench/crd_read.ts [iterations]
//        npx --yes deno@2.9.6 run -A scripts/bench/crd_read.ts [iterations]
//
// Three clusters serve 100 widgets (tests/api/crd/_realistic_crd.ts, CEL rules left out) that
// read alike: under a schema without defaults (reads cost what they did before read-time
// defaulting), under the schema with its defaults for objects written after they existed (each
// object is walked once, then answered as stored), and objects stored before the CRD gained
// the defaults (each read answers a shared defaulted copy). CPU time (process.cpuUsage) per request
// after a warm-up; rounds alternate the cases and the median is shown (the machine is shared).
import process from "node:process";
import { bareCluster, type JsonCall } from "./_bare_cluster.ts";
import { WIDGET_SCHEMA, widgetCrd } from "../../tests/api/crd/_realistic_crd.ts";

const iterations = Number(process.argv[2] ?? 3000);
if (!(iterations > 0)) throw new Error(`Cannot parse iterations: ${process.argv[2]}`);

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const BASE = "/apis/example.com/v1/namespaces/default/widgets";

// deno-lint-ignore no-explicit-any
function without(schema: any, keys: string[]): any {
  if (Array.isArray(schema)) return schema.map((s) => without(s, keys));
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).filter(([k]) => !keys.includes(k)).map((
      [k, v],
    ) => [k, without(v, keys)]),
  );
}

const WITH_DEFAULTS = without(WIDGET_SCHEMA, ["x-kubernetes-validations"]);
const NO_DEFAULTS = without(WITH_DEFAULTS, ["default"]);
const SPEC = {
  mode: "Strict",
  name: "abc",
  cidr: "10.0.0.0/24",
  port: 8080,
  tags: ["a", "b"],
  ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }],
  extra: { free: { form: true } },
  labels: { a: "1" },
};

// The defaulted fields written out: the first two cases serve identical objects.
const FULL_SPEC = { ...SPEC, replicas: 1, minReplicas: 0 };
const CASES = {
  "schema without defaults": { first: NO_DEFAULTS, then: undefined, spec: FULL_SPEC },
  "defaults, objects written with them": { first: WITH_DEFAULTS, then: undefined, spec: FULL_SPEC },
  "defaults gained after the objects were written": {
    first: NO_DEFAULTS,
    then: WITH_DEFAULTS,
    spec: SPEC,
  },
};

async function setUp(first: unknown, then: unknown, spec: unknown): Promise<JsonCall> {
  const { call } = bareCluster();
  await call("POST", CRDS, widgetCrd(first));
  for (let i = 0; i < 100; i++) {
    await call("POST", BASE, {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: `w${i}` },
      spec,
    });
  }
  if (then) {
    const crd = await call("GET", `${CRDS}/widgets.example.com`) as Record<string, unknown>;
    await call("PUT", `${CRDS}/widgets.example.com`, { ...crd, spec: widgetCrd(then).spec });
  }
  return call;
}

async function cpuMicros(count: number, run: (n: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(count, 300); i++) await run(i);
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await run(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

const ROUNDS = 5;
const samples = new Map<string, { get: number; list: number }[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, { first, then, spec }] of Object.entries(CASES)) {
    const call = await setUp(first, then, spec);
    const get = await cpuMicros(iterations, (n) => call("GET", `${BASE}/w${n % 100}`));
    const list = await cpuMicros(Math.ceil(iterations / 20), () => call("GET", BASE));
    samples.set(label, [...(samples.get(label) ?? []), { get, list }]);
  }
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`${iterations} GETs and ${Math.ceil(iterations / 20)} LISTs (100 items) per sample,`);
console.log(`median of ${ROUNDS} alternating rounds`);
console.log("| widgets | GET µs | vs no defaults | LIST µs | vs no defaults |");
console.log("|---------|-------:|---------------:|--------:|---------------:|");
let baseline: { get: number; list: number } | undefined;
for (const [label, runs] of samples) {
  const result = { get: median(runs.map((r) => r.get)), list: median(runs.map((r) => r.list)) };
  baseline ??= result;
  console.log(
    `| ${label} | ${result.get.toFixed(1)} | ${(result.get / baseline.get).toFixed(2)}x | ${
      result.list.toFixed(0)
    } | ${(result.list / baseline.list).toFixed(2)}x |`,
  );
}
