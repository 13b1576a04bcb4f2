// In-process CPU time of the hot read paths: GET a node, GET a ConfigMap, LIST ConfigMaps, each
// answered through the kube app's `fetch` with an outgoing-message stand-in taking the answer
// headers, as the HTTP server passes one.
// Usage: npx --yes bun@1.4.5 scripts/bench/read_paths.ts [--rounds 7] [--ops 5000] [--only text]
//        npx --yes deno@2.9.6 run -A scripts/bench/read_paths.ts
// No sockets or TLS; the process's CPU time divided by the operations. Copy it into an older
// checkout to compare two trees in alternating runs.

import process from "node:process";
import { parseArgs } from "node:util";
import { inProcessApp } from "./_in_process_app.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    ops: { type: "string", default: "5000" },
    only: { type: "string" },
  },
});

const { app, bindings } = await inProcessApp();
const outgoing = { headers: 0, setHeader: () => outgoing.headers++ };
const served = { ...bindings, responseHeaders: outgoing };

async function send(method: string, path: string, body?: string, exists = false): Promise<void> {
  const response = await app.fetch(
    new Request(`https://127.0.0.1${path}`, {
      method,
      headers: { accept: "application/json", "content-type": "application/json" },
      ...(body === undefined ? {} : { body }),
    }),
    served,
  );
  await response.text();
  if (response.status === 409 && exists) return;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
}

const CM = "/api/v1/namespaces/default/configmaps";
// The mandatory APF objects, which classify every request (kube-apiserver always has them; trees
// that seed them answer 409 here).
const FLOWCONTROL = "/apis/flowcontrol.apiserver.k8s.io/v1";
const everything = {
  resourceRules: [{
    verbs: ["*"],
    apiGroups: ["*"],
    resources: ["*"],
    clusterScope: true,
    namespaces: ["*"],
  }],
  nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
};
for (
  const [name, group, precedence] of [["exempt", "system:masters", 1], ["catch-all", "*", 10000]]
) {
  await send(
    "POST",
    `${FLOWCONTROL}/prioritylevelconfigurations`,
    JSON.stringify({
      metadata: { name },
      spec: name === "exempt" ? { type: "Exempt" } : {
        type: "Limited",
        limited: { nominalConcurrencyShares: 5, limitResponse: { type: "Reject" } },
      },
    }),
    true,
  );
  await send(
    "POST",
    `${FLOWCONTROL}/flowschemas`,
    JSON.stringify({
      metadata: { name },
      spec: {
        matchingPrecedence: precedence,
        priorityLevelConfiguration: { name },
        rules: [{ subjects: [{ kind: "Group", group: { name: group } }], ...everything }],
      },
    }),
    true,
  );
}
for (let i = 0; i < 20; i++) {
  await send("POST", CM, JSON.stringify({ metadata: { name: `cm-${i}` }, data: { a: "b" } }));
}

const PATHS: Record<string, () => Promise<void>> = {
  "GET node": () => send("GET", "/api/v1/nodes/cp"),
  "GET configmap": () => send("GET", `${CM}/cm-1`),
  "LIST configmaps (20)": () => send("GET", CM),
};

async function round(name: string, ops: number): Promise<number> {
  const run = PATHS[name];
  const started = process.cpuUsage();
  for (let i = 0; i < ops; i++) await run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / ops;
}

const names = Object.keys(PATHS).filter((name) => !values.only || name.includes(values.only));
for (const name of names) await round(name, 1000); // warm-up
const results: Record<string, number[]> = {};
for (let r = 0; r < Number(values.rounds); r++) {
  for (const name of names) (results[name] ??= []).push(await round(name, Number(values.ops)));
}
console.log(`answer headers set: ${outgoing.headers}`);
for (const [name, runs] of Object.entries(results)) {
  const sorted = runs.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${name.padEnd(30)} median ${median.toFixed(1).padStart(7)} µs CPU per operation`);
}
