import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFkasMetrics, reportedVerb } from "../../src/metrics/mod.ts";

function setup(perCluster?: boolean) {
  let now = 1_000;
  const metrics = createFkasMetrics({
    now: () => now,
    clusters: () => ({ listeners: 2, clusters: 3, nodes: 7 }),
    perCluster,
  });
  return { metrics, advance: (ms: number) => (now += ms) };
}

const LIST_PODS = {
  cluster: "default/demo",
  verb: "list",
  group: "",
  version: "v1",
  resource: "pods",
  code: 200,
  seconds: 0.03,
};

describe("fkas metrics", () => {
  it("labels apiserver_request_total as kube-apiserver does, plus the cluster", () => {
    const { metrics } = setup();
    metrics.recordKubeRequest(LIST_PODS);
    metrics.recordKubeRequest(LIST_PODS);
    metrics.recordKubeRequest({
      ...LIST_PODS,
      verb: "update",
      group: "apps",
      resource: "deployments",
      subresource: "status",
      code: 409,
    });
    const text = metrics.render();
    assert.match(text, /^# TYPE apiserver_request_total counter$/m);
    assert.match(
      text,
      /^apiserver_request_total\{cluster="default\/demo",verb="LIST",group="",version="v1",resource="pods",subresource="",code="200"\} 2$/m,
    );
    assert.match(
      text,
      /^apiserver_request_total\{cluster="default\/demo",verb="PUT",group="apps",version="v1",resource="deployments",subresource="status",code="409"\} 1$/m,
    );
  });

  it("observes durations in kube-apiserver's buckets, without the code label", () => {
    const { metrics } = setup();
    metrics.recordKubeRequest(LIST_PODS);
    const text = metrics.render();
    const labels = 'cluster="default/demo",verb="LIST",group="",version="v1",resource="pods",' +
      'subresource=""';
    assert.match(text, /^# TYPE apiserver_request_duration_seconds histogram$/m);
    assert.ok(text.includes(`apiserver_request_duration_seconds_bucket{${labels},le="0.025"} 0\n`));
    assert.ok(text.includes(`apiserver_request_duration_seconds_bucket{${labels},le="0.05"} 1\n`));
    assert.ok(text.includes(`apiserver_request_duration_seconds_bucket{${labels},le="60"} 1\n`));
    assert.ok(text.includes(`apiserver_request_duration_seconds_bucket{${labels},le="+Inf"} 1\n`));
    assert.ok(text.includes(`apiserver_request_duration_seconds_count{${labels}} 1\n`));
    const buckets = text.match(/^apiserver_request_duration_seconds_bucket/gm) ?? [];
    assert.equal(buckets.length, 24);
  });

  it("maps kube verbs to the upper-case verbs of kube-apiserver's metrics", () => {
    assert.deepEqual(
      ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "apply"]
        .map((verb) => reportedVerb(verb)),
      ["GET", "LIST", "WATCH", "POST", "PUT", "PATCH", "DELETE", "DELETE", "APPLY"],
    );
    assert.equal(reportedVerb("get", "log"), "CONNECT");
    assert.equal(reportedVerb("create", "portforward"), "CONNECT");
    assert.equal(reportedVerb("create", "eviction"), "POST");
    assert.equal(reportedVerb("WATCHLIST"), "WATCH");
    assert.equal(reportedVerb("escalate"), "other");
    assert.equal(reportedVerb("constructor"), "other");
  });

  it("moves the watch gauge up and down, once per watch", () => {
    const { metrics } = setup();
    const line = (n: number) =>
      `apiserver_longrunning_requests{cluster="default/demo",verb="WATCH",group="apps",resource="deployments"} ${n}\n`;
    const first = metrics.watchStarted("default/demo", "apps/deployments");
    const second = metrics.watchStarted("default/demo", "apps/deployments");
    assert.ok(metrics.render().includes(line(2)));
    first();
    first();
    assert.ok(metrics.render().includes(line(1)));
    second();
    assert.ok(metrics.render().includes(line(0)));
  });

  it("forgets a cluster's series, and a watch ending afterwards changes nothing", () => {
    const { metrics } = setup();
    metrics.recordKubeRequest(LIST_PODS);
    const end = metrics.watchStarted("default/demo", "pods");
    metrics.recordKubeRequest({ ...LIST_PODS, cluster: "default/other" });
    metrics.forgetCluster("default/demo");
    end();
    const text = metrics.render();
    assert.doesNotMatch(text, /default\/demo/);
    assert.match(text, /cluster="default\/other"/);
  });

  it("sums over clusters without per-cluster labels", () => {
    const { metrics } = setup(false);
    metrics.recordKubeRequest(LIST_PODS);
    metrics.recordKubeRequest({ ...LIST_PODS, cluster: "default/other" });
    const end = metrics.watchStarted("default/demo", "pods");
    const text = metrics.render();
    assert.doesNotMatch(text, /cluster=/);
    assert.match(
      text,
      /^apiserver_request_total\{verb="LIST",group="",version="v1",resource="pods",subresource="",code="200"\} 2$/m,
    );
    assert.match(
      text,
      /^apiserver_longrunning_requests\{verb="WATCH",group="",resource="pods"\} 1$/m,
    );
    end();
  });

  it("reports fkas gauges read at scrape time and control requests by route", () => {
    const { metrics, advance } = setup();
    metrics.recordControlRequest("/register", 200);
    metrics.recordControlRequest("/register", 200);
    metrics.recordControlRequest("/clusters/:namespace/:name", 404);
    advance(2_500);
    const text = metrics.render();
    assert.match(text, /^# TYPE fkas_clusters gauge\nfkas_clusters 3$/m);
    assert.match(text, /^fkas_listeners 2$/m);
    assert.match(text, /^fkas_nodes 7$/m);
    assert.match(text, /^fkas_uptime_seconds 2.5$/m);
    assert.match(text, /^fkas_control_requests_total\{route="\/register",code="200"\} 2$/m);
    assert.match(
      text,
      /^fkas_control_requests_total\{route="\/clusters\/:namespace\/:name",code="404"\} 1$/m,
    );
    assert.equal(metrics.contentType, "text/plain; version=0.0.4; charset=utf-8");
  });

  it("renders text whose every sample line is well formed", () => {
    const { metrics } = setup();
    metrics.recordKubeRequest({ ...LIST_PODS, cluster: 'weird"ns/na\\me' });
    metrics.watchStarted("default/demo", "pods");
    const sample =
      /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? [-+0-9.eEInfNa]+$/;
    for (const line of metrics.render().trimEnd().split("\n")) {
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
      assert.match(line, sample);
    }
  });
});

describe("fkas metrics as a stream", () => {
  it("streams the same text as render, in chunks", async () => {
    const { metrics } = setup();
    for (let i = 0; i < 200; i++) metrics.recordKubeRequest({ ...LIST_PODS, cluster: `ns/c-${i}` });
    const streamed = await new Response(metrics.renderStream()).text();
    assert.ok(streamed.length > 64 * 1024);
    assert.equal(streamed, metrics.render());
  });
});
