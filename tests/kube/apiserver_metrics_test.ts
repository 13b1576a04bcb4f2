import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { goFloat } from "../../src/kube/apiserver_metrics.ts";

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

describe("GET /metrics (kube-apiserver's Prometheus text)", () => {
  it("answers 200 text format 0.0.4 with object counts, build info and start time", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const before = await call("GET", "/metrics");
    assert.equal(before.status, 200);
    assert.equal(
      before.headers.get("content-type"),
      "text/plain; version=0.0.4; charset=utf-8; escaping=underscores",
    );
    assert.equal(before.headers.get("process-start-time-unix"), "1767323045");
    assert.match(before.text, /^# HELP apiserver_resource_objects \[ALPHA\] Number of stored/);
    assert.match(
      before.text,
      /\nkubernetes_build_info\{build_date="[^"]+",compiler="gc",git_commit="[0-9a-f]{40}",git_tree_state="clean",git_version="v1\.36\.3",go_version="go[^"]+",major="1",minor="36",platform="linux\/amd64"\} 1\n/,
    );
    assert.match(before.text, /\nprocess_start_time_seconds 1\.767323045e\+09\n$/);
    assert.match(before.text, /\napiserver_storage_objects\{resource="deployments\.apps"\} \d+\n/);
    const count = (text: string) =>
      Number(/apiserver_resource_objects\{group="",resource="configmaps"\} (\d+)/.exec(text)![1]);
    await call("POST", "/api/v1/namespaces/default/configmaps", { metadata: { name: "x" } });
    assert.equal(count((await call("GET", "/metrics")).text), count(before.text) + 1);
    // Core and events.k8s.io events are one storage; reviews are never stored.
    assert.doesNotMatch(before.text, /events\.k8s\.io|tokenreviews|selfsubjectaccessreviews/);
  });

  it("names the resource metric as each minor does (apiserver_resource_objects from 1.34)", async () => {
    const old = await kubeFixture({ kubernetesVersion: "v1.33.1" }).call("GET", "/metrics");
    assert.doesNotMatch(old.text, /apiserver_resource_objects/);
    assert.match(old.text, /# HELP apiserver_storage_objects \[STABLE\] Number of stored objects/);
  });

  it("is gzipped whatever its size when the client accepts gzip, without Vary", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const plain = await call("GET", "/metrics");
    const zipped = await call("GET", "/metrics", undefined, { "accept-encoding": "gzip" });
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    assert.equal(zipped.headers.get("vary"), null);
    // The counts move as the cluster's controllers create objects: compare the series.
    const series = (text: string) => text.replace(/ \S+\n/g, "\n");
    assert.equal(series(await gunzip(zipped.bytes)), series(plain.text));
  });

  it("writes values as Go's FormatFloat 'g' does", () => {
    assert.equal(goFloat(0), "0");
    assert.equal(goFloat(12), "12");
    assert.equal(goFloat(999999), "999999");
    assert.equal(goFloat(1234567), "1.234567e+06");
    assert.equal(goFloat(1796636138.61), "1.79663613861e+09");
    assert.equal(goFloat(0.00001), "1e-05");
    assert.equal(goFloat(0.5), "0.5");
  });
});
