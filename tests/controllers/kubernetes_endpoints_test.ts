// default/kubernetes Endpoints and EndpointSlice follow the control-plane Nodes, as kube-apiserver's reconciler.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { startKubernetesEndpoints } from "../../src/controllers/mod.ts";
import { BUILTIN_RESOURCES } from "../../src/resources/mod.ts";
import { renderKubernetesService, renderNode } from "../../src/seed/mod.ts";
import { newStore, NODES } from "./controller_fixture.ts";

const byKey = (key: string) => BUILTIN_RESOURCES.find((r) => r.key === key)!;
const SERVICES = byKey("services");
const ENDPOINTS = byKey("endpoints");
const SLICES = byKey("discovery.k8s.io/endpointslices");

function setup() {
  const store = newStore();
  const tasks: (() => void)[] = [];
  const stop = startKubernetesEndpoints(store, {
    nodes: NODES,
    services: SERVICES,
    endpoints: ENDPOINTS,
    endpointSlices: SLICES,
    apiServerPort: () => 6443,
    schedule: (task) => tasks.push(task),
  });
  const settle = () => {
    while (tasks.length) tasks.shift()!();
  };
  const node = (name: string, ip: string, controlPlane: boolean) =>
    store.create(
      NODES,
      renderNode({
        name,
        labels: {},
        kubeletVersion: "v1.33.1",
        controlPlane,
        internalIP: ip,
        systemUUID: name,
        now: new Date("2026-01-02T03:04:05Z"),
      }),
    );
  return { store, settle, stop, node, tasks };
}

describe("kubernetes Service endpoints", () => {
  it("point at the control planes' InternalIPs and the API port, sorted, workers left out", () => {
    const { store, settle, node } = setup();
    node("cp-b", "10.0.0.3", true);
    settle();
    assert.equal(store.get(ENDPOINTS, "default", "kubernetes"), undefined, "no Service yet");
    store.create(SERVICES, renderKubernetesService("10.96.0.0/12", 6443));
    node("cp-a", "10.0.0.2", true);
    node("worker", "10.0.0.9", false);
    settle();
    const endpoints = store.get(ENDPOINTS, "default", "kubernetes")!;
    assert.deepEqual(endpoints.metadata.labels, {
      "endpointslice.kubernetes.io/skip-mirror": "true",
    });
    assert.deepEqual(endpoints.subsets, [{
      addresses: [{ ip: "10.0.0.2" }, { ip: "10.0.0.3" }],
      ports: [{ name: "https", port: 6443, protocol: "TCP" }],
    }]);
    const slice = store.get(SLICES, "default", "kubernetes")!;
    assert.deepEqual(slice.metadata.labels, { "kubernetes.io/service-name": "kubernetes" });
    assert.equal(slice.addressType, "IPv4");
    assert.deepEqual(slice.endpoints, [
      { addresses: ["10.0.0.2"], conditions: { ready: true } },
      { addresses: ["10.0.0.3"], conditions: { ready: true } },
    ]);
    assert.deepEqual(slice.ports, [{ name: "https", port: 6443, protocol: "TCP" }]);
  });

  it("drop a control plane that goes, keep the last one's address when all are gone", () => {
    const { store, settle, node } = setup();
    store.create(SERVICES, renderKubernetesService("10.96.0.0/12", 6443));
    node("cp-a", "10.0.0.2", true);
    node("cp-b", "10.0.0.3", true);
    settle();
    store.delete(NODES, undefined, "cp-a");
    settle();
    const ips = () =>
      (store.get(ENDPOINTS, "default", "kubernetes")!.subsets as { addresses: { ip: string }[] }[])[
        0
      ]
        .addresses.map((a) => a.ip);
    assert.deepEqual(ips(), ["10.0.0.3"]);
    const version = store.get(SLICES, "default", "kubernetes")!.metadata.resourceVersion;
    store.delete(NODES, undefined, "cp-b");
    settle();
    assert.deepEqual(ips(), ["10.0.0.3"], "upstream refuses to erase all endpoints");
    assert.equal(store.get(SLICES, "default", "kubernetes")!.metadata.resourceVersion, version);
  });

  it("are rewritten when someone changes or deletes them", () => {
    const { store, settle, node } = setup();
    store.create(SERVICES, renderKubernetesService("10.96.0.0/12", 6443));
    node("cp-a", "10.0.0.2", true);
    settle();
    store.delete(SLICES, "default", "kubernetes");
    const endpoints = store.get(ENDPOINTS, "default", "kubernetes")!;
    store.update(ENDPOINTS, { ...endpoints, subsets: [] });
    settle();
    assert.ok(store.get(SLICES, "default", "kubernetes"));
    assert.equal(
      (store.get(ENDPOINTS, "default", "kubernetes")!.subsets as unknown[]).length,
      1,
    );
  });

  it("run no pass for a worker Node joining, and one for a control plane joining", () => {
    const { store, settle, node, tasks } = setup();
    store.create(SERVICES, renderKubernetesService("10.96.0.0/12", 6443));
    node("cp-a", "10.0.0.2", true);
    settle();
    const written = store.get(ENDPOINTS, "default", "kubernetes")!.metadata.resourceVersion;
    node("worker", "10.0.0.9", false);
    assert.equal(tasks.length, 0, "a worker adds no address");
    node("cp-b", "10.0.0.3", true);
    assert.equal(tasks.length, 1, "a control plane does");
    settle();
    const endpoints = store.get(ENDPOINTS, "default", "kubernetes")!;
    assert.notEqual(endpoints.metadata.resourceVersion, written);
    assert.deepEqual(
      (endpoints.subsets as { addresses: { ip: string }[] }[])[0].addresses,
      [{ ip: "10.0.0.2" }, { ip: "10.0.0.3" }],
    );
  });

  it("run no pass for a Node change that leaves its address as it was (a label patch)", () => {
    const { store, settle, node, tasks } = setup();
    store.create(SERVICES, renderKubernetesService("10.96.0.0/12", 6443));
    const cp = node("cp-a", "10.0.0.2", true);
    settle();
    const labelled = store.update(NODES, {
      ...cp,
      metadata: { ...cp.metadata, labels: { ...cp.metadata.labels, seq: "1" } },
    });
    assert.equal(tasks.length, 0, "a label patch is no endpoint change");
    const status = labelled.status as { addresses: { type: string; address: string }[] };
    store.update(NODES, {
      ...labelled,
      status: {
        ...status,
        addresses: status.addresses.map((a) =>
          a.type === "InternalIP" ? { ...a, address: "10.0.0.7" } : a
        ),
      },
    });
    assert.equal(tasks.length, 1, "a new InternalIP is");
    settle();
    const endpoints = store.get(ENDPOINTS, "default", "kubernetes")!;
    assert.deepEqual(
      (endpoints.subsets as { addresses: { ip: string }[] }[])[0].addresses,
      [{ ip: "10.0.0.7" }],
    );
  });
});
