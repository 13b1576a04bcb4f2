import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FakeCluster } from "../../src/cluster/mod.ts";
import { createKubeApp } from "../../src/kube/mod.ts";
import { createFkasMetrics, type KubeRequestRecord } from "../../src/metrics/mod.ts";
import type { CertificateAuthority } from "../../src/pki/mod.ts";
import { ADMIN } from "./kube_fixture.ts";

function setup(recorded: KubeRequestRecord[] = []) {
  let uid = 0;
  const now = new Date("2026-01-02T03:04:05Z");
  const cluster = new FakeCluster({
    namespace: "default",
    name: "demo",
    host: "127.0.0.1",
    port: 20000,
    ca: {} as CertificateAuthority,
    etcdCa: {} as CertificateAuthority,
    defaultKubernetesVersion: "v1.33.1",
    environment: { now: () => now, newUid: () => `uid-${++uid}` },
  });
  const metrics = createFkasMetrics({
    now: () => 0,
    clusters: () => ({ clusters: 1, listeners: 1, nodes: 0 }),
  });
  const slept: number[] = [];
  let clock = 0;
  const app = createKubeApp({
    now: () => now,
    anonymousAuth: false,
    metrics: {
      ...metrics,
      recordKubeRequest(request) {
        recorded.push(request);
        metrics.recordKubeRequest(request);
      },
    },
    random: () => 0,
    sleep: (ms) => {
      slept.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    monotonicNow: () => clock,
  });
  const get = (path: string) => app.request(path, {}, { cluster, client: ADMIN });
  return { cluster, metrics, slept, get };
}

describe("fault injection and metrics in the kube app", () => {
  it("an injected error is answered as the apiserver would, with Retry-After; count limits it", async () => {
    const { cluster, get } = setup();
    cluster.faults.add({ id: "busy", verb: "list", resource: "nodes", errorCode: 429, count: 1 });
    const refused = await get("/api/v1/nodes");
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("retry-after"), "1");
    assert.equal((await refused.json()).reason, "TooManyRequests");
    assert.equal((await get("/api/v1/nodes")).status, 200, "the rule applied once");
    assert.equal((await get("/api/v1/pods")).status, 200);
  });

  it("injected latency delays matching requests only", async () => {
    const { cluster, slept, get } = setup();
    cluster.faults.add({ id: "slow", verb: "get", resource: "namespaces", latencyMs: 250 });
    await get("/api/v1/namespaces/default");
    await get("/api/v1/nodes");
    assert.deepEqual(slept, [250]);
  });

  it("counts requests by cluster, verb, resource and code, and observes their duration", async () => {
    const { cluster, metrics, get } = setup();
    cluster.faults.add({ id: "slow", verb: "list", resource: "nodes", latencyMs: 500 });
    await get("/api/v1/nodes");
    await get("/api/v1/namespaces/nope");
    const text = metrics.render();
    assert.match(
      text,
      /apiserver_request_total\{cluster="default\/demo",verb="LIST",group="",version="v1",resource="nodes",subresource="",code="200"\} 1/,
    );
    assert.match(text, /resource="namespaces",subresource="",code="404"\} 1/);
    assert.match(
      text,
      /apiserver_request_duration_seconds_bucket\{[^}]*resource="nodes"[^}]*le="0\.6"\} 1/,
    );
  });

  it("hands the Status message of a failed request to the recorder, for the debug log", async () => {
    const recorded: KubeRequestRecord[] = [];
    const { get } = setup(recorded);
    await get("/api/v1/namespaces/nope");
    await get("/api/v1/namespaces/default");
    assert.deepEqual(
      recorded.map(({ resource, code, error }) => ({ resource, code, error })),
      [
        { resource: "namespaces", code: 404, error: 'namespaces "nope" not found' },
        { resource: "namespaces", code: 200, error: undefined },
      ],
    );
  });
});
