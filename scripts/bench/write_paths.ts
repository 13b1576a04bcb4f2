// In-process CPU time of the hot write paths: PATCH node labels, PUT ConfigMap, POST Pod, apply, custom resources.
// Usage: npx --yes bun@1.4.5 scripts/bench/write_paths.ts [--rounds 7] [--ops 2000] [--only text]
//        npx --yes deno@2.9.6 run -A scripts/bench/write_paths.ts
// No sockets or TLS: each operation goes through the kube app's `request` as a client's would,
// and the process's CPU time (which a loaded machine disturbs far less than wall time) is divided
// by the operations. Copy it into an older checkout to compare two trees in alternating runs.

import process from "node:process";
import { parseArgs } from "node:util";
import { inProcessApp } from "./_in_process_app.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    ops: { type: "string", default: "2000" },
    only: { type: "string" },
  },
});

const { app, bindings } = await inProcessApp();

async function send(method: string, path: string, type: string, body?: string): Promise<void> {
  const response = await app.request(path, {
    method,
    headers: { "content-type": type },
    ...(body === undefined ? {} : { body }),
  }, bindings);
  await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
}

const JSON_TYPE = "application/json";
const CM = "/api/v1/namespaces/default/configmaps";
const PODS = "/api/v1/namespaces/default/pods";
const POD_SPEC = {
  containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }],
};
const configMap = (name: string, i: number) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, labels: { app: "bench" } },
    data: { a: "b", seq: String(i) },
  });

// A Pod as kube-apiserver stores it at 1.33 (every default and admission change already set), so
// that a checkout without defaulting stores an object of the same size: the fair baseline for
// what tracking and validation add to a create.
const DEFAULTED_POD_SPEC = JSON.parse(
  `{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],"imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{"name":"kube-api-access-bnwg8","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}]}],"enableServiceLinks":true,"dnsPolicy":"ClusterFirst","restartPolicy":"Always","securityContext":{},"terminationGracePeriodSeconds":30,"schedulerName":"default-scheduler","serviceAccountName":"default","volumes":[{"name":"kube-api-access-bnwg8","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}]}}],"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"preemptionPolicy":"PreemptLowerPriority"}`,
);

await send("POST", CM, JSON_TYPE, configMap("put", 0));
await send(
  "PATCH",
  `${CM}/apply?fieldManager=bench`,
  "application/apply-patch+yaml",
  configMap("apply", 0),
);

// A custom resource kind with a small schema (unknown fields kept under spec), for what storing an
// unstructured object costs (its keys are sorted once, when stored).
const WIDGETS = "/apis/bench.example.com/v1/namespaces/default/widgets";
await send(
  "POST",
  "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
  JSON_TYPE,
  JSON.stringify({
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.bench.example.com" },
    spec: {
      group: "bench.example.com",
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
          },
        },
      }],
    },
  }),
);
// Keys in a client's (unsorted) order, as a typed client marshals its structs.
const widget = (name: string, i: number) =>
  JSON.stringify({
    apiVersion: "bench.example.com/v1",
    kind: "Widget",
    metadata: { name, labels: { tier: "web", app: "bench" } },
    spec: {
      replicas: 3,
      template: { image: "nginx:1.27", ports: [{ port: 80, name: "http" }] },
      seq: i,
      endpoint: { path: "/", host: "example.com" },
    },
  });
await send("POST", WIDGETS, JSON_TYPE, widget("put", 0));

/** Each path: one operation given its sequence number (pods are deleted outside the clock). */
const PATHS: Record<string, (i: number) => Promise<void>> = {
  "PATCH node labels (merge)": (i) =>
    send(
      "PATCH",
      "/api/v1/nodes/cp",
      "application/merge-patch+json",
      `{"metadata":{"labels":{"bench.fkas.io/seq":"${i}"}}}`,
    ),
  "PUT configmap": (i) => send("PUT", `${CM}/put`, JSON_TYPE, configMap("put", i)),
  "POST pod": (i) =>
    send(
      "POST",
      PODS,
      JSON_TYPE,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `p-${i}` },
        spec: POD_SPEC,
      }),
    ),
  "POST pod (defaults sent)": (i) =>
    send(
      "POST",
      PODS,
      JSON_TYPE,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `p-${i}`, labels: { app: "web" } },
        spec: DEFAULTED_POD_SPEC,
      }),
    ),
  "POST custom resource": (i) => send("POST", WIDGETS, JSON_TYPE, widget(`w-${i}`, i)),
  "PUT custom resource": (i) => send("PUT", `${WIDGETS}/put`, JSON_TYPE, widget("put", i)),
  "SSA apply configmap": (i) =>
    send(
      "PATCH",
      `${CM}/apply?fieldManager=bench`,
      "application/apply-patch+yaml",
      configMap("apply", i),
    ),
};

// The main thread's CPU time where the runtime reports it (the rest is mostly the collector's
// helper threads, which a write's garbage keeps busy).
const threadCpu = (process as { threadCpuUsage?: () => { user: number; system: number } })
  .threadCpuUsage;

let sequence = 0;
async function round(name: string, ops: number): Promise<[number, number]> {
  const run = PATHS[name];
  const first = sequence;
  const started = process.cpuUsage();
  const threadStarted = threadCpu?.();
  for (let i = 0; i < ops; i++) await run(++sequence);
  const used = process.cpuUsage(started);
  const thread = threadCpu?.();
  if (name.startsWith("POST pod")) {
    for (let i = first + 1; i <= sequence; i++) await send("DELETE", `${PODS}/p-${i}`, JSON_TYPE);
  }
  if (name === "POST custom resource") {
    for (let i = first + 1; i <= sequence; i++) {
      await send("DELETE", `${WIDGETS}/w-${i}`, JSON_TYPE);
    }
  }
  const main = thread && threadStarted
    ? thread.user + thread.system - threadStarted.user - threadStarted.system
    : NaN;
  return [(used.user + used.system) / ops, main / ops];
}

const names = Object.keys(PATHS).filter((name) => !values.only || name.includes(values.only));
for (const name of names) await round(name, 500); // warm-up
const results: Record<string, [number, number][]> = {};
for (let r = 0; r < Number(values.rounds); r++) {
  for (const name of names) (results[name] ??= []).push(await round(name, Number(values.ops)));
}
const fixed = (value: number) => value.toFixed(1).padStart(7);
for (const [name, runs] of Object.entries(results)) {
  const total = runs.map(([all]) => all).sort((a, b) => a - b);
  const main = runs.map(([, thread]) => thread).sort((a, b) => a - b);
  const mid = Math.floor(runs.length / 2);
  // The least of the rounds is what a loaded machine disturbs least.
  console.log(
    `${name.padEnd(30)} median ${fixed(total[mid])} µs CPU per operation (least ${
      fixed(total[0])
    }; main thread median ${fixed(main[mid])}, least ${fixed(main[0])})`,
  );
}
