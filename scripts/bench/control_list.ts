// How long GET /clusters takes with many clusters, and how long it holds the event loop.
// Usage: npx --yes bun@1.4.5 scripts/bench/control_list.ts [--clusters N]   (default 10000)
//        npx --yes deno@2.9.6 run -A scripts/bench/control_list.ts [--clusters N]
// In process, no sockets: a registry with fake listeners, one control-plane node per cluster.
import process from "node:process";
import { parseArgs } from "node:util";
import { ClusterRegistry } from "../../src/cluster/mod.ts";
import { createControlApp } from "../../src/control/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { clusters: { type: "string" } },
});
const count = positive("clusters", values.clusters, 10_000);

let uid = 0;
const registry = new ClusterRegistry({
  advertiseHost: "127.0.0.1",
  ports: { min: 20000, max: 20000 + count },
  caKeyAlgorithm: "ecdsa",
  kubernetesVersion: "v1.33.1",
  now: () => new Date(),
  newUid: () => `uid-${++uid}`,
  isPortFree: () => Promise.resolve(true),
  startListener: () => Promise.resolve({ close: () => Promise.resolve() }),
});
const app = createControlApp({ host: new LocalClusterHost(registry) });
const CP = { "cluster.x-k8s.io/control-plane": "" };
let started = performance.now();
for (let i = 0; i < count; i++) {
  await registry.register({ namespace: "default", name: `c${i}` });
  await registry.reportNode({
    namespace: "default",
    cluster: `c${i}`,
    nodeName: "cp-1",
    labels: CP,
  });
}
console.log(`${count} clusters with a control plane each in ${ms(started)} ms`);

for (let run = 1; run <= 3; run++) {
  // A 1 ms interval timer measures the longest gap the request leaves the event loop blocked.
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  started = performance.now();
  const response = await app.request("/clusters");
  let bytes = 0;
  for await (const chunk of response.body!) bytes += chunk.length;
  const total = ms(started);
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  console.log(
    `GET /clusters #${run}: ${response.status}, ${bytes} bytes in ${total} ms, ` +
      `longest event-loop stall ${Math.round(longest)} ms`,
  );
}
await registry.close();

function ms(since: number): number {
  return Math.round(performance.now() - since);
}
