// WorkerClusterHost: placement by name, one port range across workers, a worker that ends.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClusterError } from "../../../src/cluster/mod.ts";
import { createDashboardApp } from "../../../src/dashboard/mod.ts";
import { HostError, LocalClusterHost } from "../../../src/hosts/mod.ts";
import { serveClusterHost, WorkerClusterHost } from "../../../src/hosts/workers/mod.ts";
import { registryWithFakeListeners } from "../../cluster/registry_fixture.ts";
import { channelPair } from "../_channel_pair.ts";

const PORTS = { min: 20000, max: 20009 };

function setup(workers = 2, isPortFree = (_port: number) => Promise.resolve(true)) {
  const registries = [];
  const mains = [];
  for (let i = 0; i < workers; i++) {
    const [main, worker] = channelPair();
    const { registry } = registryWithFakeListeners({
      ports: PORTS,
      isPortFree: () => Promise.resolve(true),
    });
    serveClusterHost(worker, new LocalClusterHost(registry), () => `fkas_clusters ${i}\n`);
    registries.push(registry);
    mains.push(main);
  }
  const host = new WorkerClusterHost({ workers: mains, ports: PORTS, isPortFree });
  return { host, registries };
}

describe("WorkerClusterHost", () => {
  it("places each cluster on the worker its name hashes to, and only there", async () => {
    const { host, registries } = setup();
    for (let i = 0; i < 8; i++) await host.register({ namespace: "ns", name: `c${i}` });
    const counts = registries.map((r) => r.list().length);
    assert.equal(counts[0] + counts[1], 8);
    assert.ok(counts[0] > 0 && counts[1] > 0, `both workers hold clusters: ${counts}`);
    for (let i = 0; i < 8; i++) {
      const ref = { namespace: "ns", name: `c${i}` };
      assert.ok(registries[host.workerOf(ref)].get("ns", `c${i}`));
    }
  });

  it("adopts the clusters workers restored: their ports stay taken, they list in port order", async () => {
    const { host, registries } = setup();
    // As a restart leaves them: each worker holds its restored clusters on their old ports.
    const restored = [
      { namespace: "ns", name: "c3", port: 20004 },
      { namespace: "ns", name: "c1", port: 20000 },
      { namespace: "ns", name: "c2", port: 20002 },
    ];
    for (const cluster of restored) await registries[host.workerOf(cluster)].register(cluster);
    host.adopt(restored.map(({ namespace, name, port }) => ({
      resourceName: `${namespace}/${name}`,
      port,
    })));
    assert.equal((await host.register({ namespace: "ns", name: "new" })).port, 20001);
    assert.equal((await host.register({ namespace: "ns", name: "newer" })).port, 20003);
    assert.deepEqual(
      (await host.views()).map((view) => view.name),
      ["c1", "c2", "c3", "new", "newer"],
    );
  });

  it("concurrent registrations of one cluster share one port; a failed one gives its port back", async () => {
    const { host } = setup();
    const [a, b] = await Promise.all([
      host.register({ namespace: "ns", name: "same" }),
      host.register({ namespace: "ns", name: "same" }),
    ]);
    assert.equal(a.port, b.port);
    await assert.rejects(
      host.register({
        namespace: "ns",
        name: "bad-ca",
        ca: { certPem: "not a pem", keyPem: "nor this" },
      }),
    );
    const next = await host.register({ namespace: "ns", name: "after" });
    assert.equal(next.port, a.port + 1, "the failed registration's port was given back");
  });

  it("refuses a requested port the OS reports taken, with the registry's message", async () => {
    const { host } = setup(2, (port) => Promise.resolve(port !== 20005));
    await assert.rejects(
      host.register({ namespace: "ns", name: "x", port: 20005 }),
      (error: unknown) =>
        error instanceof ClusterError && error.kind === "Conflict" &&
        error.message === "port 20005 is in use; ns/x cannot have it",
    );
  });

  it("a worker that is gone fails its clusters' calls (Unavailable); the other keeps serving", async () => {
    const { host } = setup();
    const names = ["a", "b", "c", "d", "e", "f"];
    for (const name of names) await host.register({ namespace: "ns", name });
    host.workerGone(0, "exited with 1");
    for (const name of names) {
      const ref = { namespace: "ns", name };
      if (host.workerOf(ref) === 0) {
        await assert.rejects(
          host.view(ref),
          (error: unknown) =>
            error instanceof HostError && error.kind === "Unavailable" &&
            error.message === "worker 0 is gone: exited with 1",
        );
      } else assert.equal((await host.view(ref)).name, name);
    }
  });

  it("answers each worker's metrics text in worker order", async () => {
    const { host } = setup();
    assert.deepEqual(await host.metrics(), ["fkas_clusters 0\n", "fkas_clusters 1\n"]);
  });
});

describe("the dashboard over workers", () => {
  it("shows each worker's traffic: overview sums, rows and a cluster's minutes", async () => {
    const mains = [];
    for (let i = 0; i < 2; i++) {
      const [main, worker] = channelPair();
      const { registry } = registryWithFakeListeners({ ports: PORTS });
      // Each worker counts its own clusters' requests.
      const traffic = {
        summary: () => ({ requestsPerSecond: 2, errorsPerSecond: 0.5, watches: 1 }),
        byMinute: (cluster: string) => [{ minute: 7, counts: { [`get pods 200 ${cluster}`]: 3 } }],
      };
      serveClusterHost(worker, new LocalClusterHost(registry, { traffic }), () => "");
      mains.push(main);
    }
    const host = new WorkerClusterHost({
      workers: mains,
      ports: PORTS,
      isPortFree: () => Promise.resolve(true),
    });
    const names = ["a", "b", "c", "d"];
    for (const name of names) await host.register({ namespace: "ns", name });
    assert.notEqual(
      new Set(names.map((name) => host.workerOf({ namespace: "ns", name }))).size,
      1,
      "the clusters are on both workers",
    );
    const app = createDashboardApp({ host });
    const overview = await (await app.request("/ui/api/overview")).json();
    assert.equal(overview.requestsPerSecond, 8);
    assert.equal(overview.errorsPerSecond, 2);
    assert.equal(overview.watches, 4);
    const page = await (await app.request("/ui/api/clusters?limit=10")).json();
    assert.deepEqual(page.rows.map((r: { requestsPerSecond: number }) => r.requestsPerSecond), [
      2,
      2,
      2,
      2,
    ]);
    const traffic = await (await app.request("/ui/api/clusters/ns/c/traffic")).json();
    assert.deepEqual(traffic.minutes, [{ minute: 7, counts: { "get pods 200 ns/c": 3 } }]);
    const none = await (await app.request("/ui/api/clusters/ns/nope/traffic")).json();
    assert.deepEqual(none, { requestsPerSecond: 0, errorsPerSecond: 0, watches: 0, minutes: [] });
  });
});
