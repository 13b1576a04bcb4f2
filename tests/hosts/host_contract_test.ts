// The cluster host contract against the in-process host and against the worker protocol with
// two "workers" in this thread (every message structured-cloned, as postMessage does).

import { createControlApp } from "../../src/control/mod.ts";
import { type ClusterHost, LocalClusterHost } from "../../src/hosts/mod.ts";
import {
  type HostChannel,
  serveClusterHost,
  WorkerClusterHost,
} from "../../src/hosts/workers/mod.ts";
import { channelPair } from "./_channel_pair.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";
import { clusterHostContract, type Placement } from "./_host_contract.ts";
import { rendezvousOwner } from "../../src/hosts/peers/mod.ts";
import { startReplicas } from "./peers/_replicas.ts";

const PORTS = { min: 20000, max: 20009 };

function placementOf(host: ClusterHost): Placement {
  const app = createControlApp({ host, clock: () => new Date("2026-01-02T03:04:05Z") });
  return {
    portMin: PORTS.min,
    exactPorts: true,
    async call(method, path, body) {
      const response = await app.request(path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text };
    },
    close: () => host.close(),
  };
}

clusterHostContract("in-process", () => {
  const { registry } = registryWithFakeListeners({ ports: PORTS });
  return Promise.resolve(placementOf(new LocalClusterHost(registry)));
});

clusterHostContract("worker protocol, two workers in one thread", () => {
  const mains: HostChannel[] = [];
  for (let i = 0; i < 2; i++) {
    const [main, worker] = channelPair();
    // As a worker does: every port of the range, the main side having chosen and probed it.
    const { registry } = registryWithFakeListeners({
      ports: PORTS,
      isPortFree: () => Promise.resolve(true),
    });
    serveClusterHost(worker, new LocalClusterHost(registry), () => "");
    mains.push(main);
  }
  const host = new WorkerClusterHost({
    workers: mains,
    ports: PORTS,
    isPortFree: () => Promise.resolve(true),
  });
  return Promise.resolve(placementOf(host));
});

clusterHostContract("peer replicas, three in one thread, every call through replica 0", () => {
  const { replicas, urls } = startReplicas(3, { ports: PORTS });
  return Promise.resolve({
    portMin: PORTS.min,
    exactPorts: true,
    ownerOf: (namespace, name) => rendezvousOwner(`${namespace}/${name}`, urls.length),
    async call(method, path, body) {
      const response = await replicas[0].handle(
        new Request(`${urls[0]}${path}`, {
          method,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      const text = await response.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text };
    },
    close: () => Promise.all(replicas.map((r) => r.host.close())).then(() => {}),
  });
});
