// Benchmark: CPU per control request through the peer layer, in process (no sockets), against the
// control app alone: a cluster this replica owns, and one it forwards (the owner's layer and app
// run in the same process, so the forward's figure is both layers' work plus the app's, without
// the HTTP hop, which peers.ts measures between processes). Alternating runs, median of each.
// Usage: npx --yes bun@1.4.5 scripts/bench/peer_router.ts [--requests 20000] [--runs 5]
import process from "node:process";
import { parseArgs } from "node:util";
import { createControlApp } from "../../src/control/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import {
  createPeerRouter,
  type FetchHandler,
  PeerSet,
  rendezvousOwner,
} from "../../src/hosts/peers/mod.ts";
import { registryWithFakeListeners } from "../../tests/cluster/registry_fixture.ts";
import { positive } from "./_options.ts";

const { values } = parseArgs({
  options: { requests: { type: "string" }, runs: { type: "string" } },
});
const requests = positive("requests", values.requests, 20_000);
const runs = positive("runs", values.runs, 5);

const urls = ["http://r0:3333", "http://r1:3333"];
const apps = urls.map(() => {
  const { registry } = registryWithFakeListeners({ ports: { min: 20000, max: 20999 } });
  return { registry, app: createControlApp({ host: new LocalClusterHost(registry) }) };
});
const routers: FetchHandler[] = urls.map((_, i) =>
  createPeerRouter({
    peers: new PeerSet(urls, i),
    local: (request) => apps[i].app.fetch(request),
    fetch: (request) =>
      Promise.resolve(routers[urls.indexOf(new URL(request.url).origin)](request)),
  })
);
const nameOwnedBy = (owner: number) => {
  for (let i = 0;; i++) if (rendezvousOwner(`default/c${i}`, 2) === owner) return `c${i}`;
};
const own = nameOwnedBy(0);
const other = nameOwnedBy(1);
await apps[0].registry.register({ namespace: "default", name: own });
await apps[1].registry.register({ namespace: "default", name: other });

const cpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
async function measure(handle: (request: Request) => Response | Promise<Response>, name: string) {
  const started = cpuUs();
  for (let i = 0; i < requests; i++) {
    const response = await handle(new Request(`http://r0:3333/clusters/default/${name}/kubelet`));
    if (response.status !== 200) throw new Error(`${name}: ${response.status}`);
    await response.arrayBuffer();
  }
  return (cpuUs() - started) / requests;
}
const cases: [string, () => Promise<number>][] = [
  ["control app alone", () => measure((r) => apps[0].app.fetch(r), own)],
  ["peer layer, own cluster", () => measure(routers[0], own)],
  ["peer layer, forwarded (both layers + owner's app)", () => measure(routers[0], other)],
];
const samples = cases.map(() => [] as number[]);
for (let run = 0; run < runs; run++) {
  for (const [i, [, work]] of cases.entries()) samples[i].push(await work());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| GET /clusters/{ns}/{name}/kubelet, CPU per request | µs (median of ${runs}) |`);
console.log("|---|---|");
for (const [i, [name]] of cases.entries()) {
  console.log(`| ${name} | ${median(samples[i]).toFixed(1)} |`);
}
