import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILTIN_RESOURCES } from "../../../src/resources/mod.ts";
import {
  addNode,
  deployment,
  DEPLOYMENTS,
  PODS,
  statusOf,
  workloadCluster,
} from "./_workload_fixture.ts";

const byKey = (key: string) => BUILTIN_RESOURCES.find((r) => r.key === key)!;
const SERVICES = byKey("services");
const ENDPOINTS = byKey("endpoints");
const SLICES = byKey("discovery.k8s.io/endpointslices");

const service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default", labels: { app: "web" } },
  spec: { selector: { app: "web" }, ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }] },
};

describe("EndpointsController", () => {
  it("Endpoints and an EndpointSlice list the selected pods' IPs, and follow scaling", () => {
    const { store, settle, errors } = workloadCluster();
    addNode(store, "w1", "10.0.0.2");
    store.create(DEPLOYMENTS, deployment("web", 2));
    store.create(SERVICES, service);
    settle();
    assert.deepEqual(errors, []);
    const ips = store.list(PODS, "default").map((p) => statusOf(p).podIP).sort();
    const endpoints = store.get(ENDPOINTS, "default", "web")!;
    // deno-lint-ignore no-explicit-any
    const subsets = endpoints.subsets as any[];
    assert.deepEqual(subsets[0].addresses.map((a: { ip: string }) => a.ip), ips);
    assert.deepEqual(subsets[0].ports, [{ port: 8080, protocol: "TCP" }]);
    assert.equal(subsets[0].addresses[0].targetRef.kind, "Pod");
    const [slice] = store.list(SLICES, "default");
    assert.match(slice.metadata.name!, /^web-[a-z0-9]{5}$/);
    assert.equal(slice.metadata.labels?.["kubernetes.io/service-name"], "web");
    assert.equal(
      slice.metadata.labels?.["endpointslice.kubernetes.io/managed-by"],
      "endpointslice-controller.k8s.io",
    );
    assert.equal(slice.metadata.ownerReferences?.[0].kind, "Service");
    assert.equal(slice.addressType, "IPv4");
    // deno-lint-ignore no-explicit-any
    const sliceEndpoints = slice.endpoints as any[];
    assert.deepEqual(sliceEndpoints.map((e) => e.addresses[0]).sort(), ips);
    assert.deepEqual(sliceEndpoints[0].conditions, {
      ready: true,
      serving: true,
      terminating: false,
    });
    assert.deepEqual(slice.ports, [{ name: "", port: 8080, protocol: "TCP" }]);

    const d = store.get(DEPLOYMENTS, "default", "web")!;
    store.update(DEPLOYMENTS, { ...d, spec: { ...(d.spec as object), replicas: 0 } });
    settle();
    assert.equal(store.get(ENDPOINTS, "default", "web")!.subsets, undefined);
    assert.equal(store.list(SLICES, "default")[0].endpoints, null);
  });

  it("a Service without a selector is left alone; a deleted Service takes its Endpoints along", () => {
    const { store, settle } = workloadCluster();
    store.create(SERVICES, {
      ...service,
      metadata: { name: "manual", namespace: "default" },
      spec: { ports: [{ port: 80 }] },
    });
    store.create(SERVICES, service);
    settle();
    assert.equal(store.get(ENDPOINTS, "default", "manual"), undefined);
    assert.ok(store.get(ENDPOINTS, "default", "web"));
    store.delete(SERVICES, "default", "web");
    settle();
    assert.equal(store.get(ENDPOINTS, "default", "web"), undefined);
    assert.equal(store.list(SLICES, "default").length, 0);
  });
});
