// GET /metrics/slis: the health check SLIs kube-apiserver v1.36.3 serves, counted per cluster as
// its root health paths ran their checks (excluded checks and one check's own path not counted).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { HEALTH_CHECKS } from "../../src/kube/health_checks.ts";

const START = "# HELP process_start_time_seconds [ALPHA] Start time of the process since unix " +
  "epoch in seconds.\n# TYPE process_start_time_seconds gauge\n" +
  "process_start_time_seconds 1.767323045e+09\n";

describe("/metrics/slis", () => {
  it("serves only the start time before any health check ran", async () => {
    const { call } = kubeFixture();
    const answer = await call("GET", "/metrics/slis");
    assert.equal(answer.status, 200);
    assert.equal(answer.text, START);
    assert.equal(
      answer.headers.get("content-type"),
      "text/plain; version=0.0.4; charset=utf-8; escaping=underscores",
    );
  });

  it("counts each check a root health request ran, per cluster, sorted by name then type", async () => {
    const { call } = kubeFixture();
    await call("GET", "/livez");
    await call("GET", "/livez?verbose");
    await call("GET", "/readyz?exclude=etcd&exclude=shutdown");
    await call("GET", "/readyz/etcd");
    const text = (await call("GET", "/metrics/slis")).text;
    const lines = text.split("\n");
    assert.equal(
      lines[0],
      "# HELP kubernetes_healthcheck [STABLE] This metric records the result of a single healthcheck.",
    );
    assert.equal(lines[1], "# TYPE kubernetes_healthcheck gauge");
    assert.ok(lines.includes('kubernetes_healthcheck{name="etcd",type="livez"} 1'));
    assert.ok(!lines.includes('kubernetes_healthcheck{name="etcd",type="readyz"} 1'));
    assert.ok(lines.includes('kubernetes_healthcheck{name="ping",type="readyz"} 1'));
    assert.ok(
      lines.includes('kubernetes_healthchecks_total{name="ping",status="success",type="livez"} 2'),
    );
    assert.ok(
      lines.includes('kubernetes_healthchecks_total{name="ping",status="success",type="readyz"} 1'),
    );
    const series = (prefix: string) => lines.filter((l) => l.startsWith(`${prefix}{`));
    const gauges = series("kubernetes_healthcheck");
    assert.equal(gauges.length, HEALTH_CHECKS.livez.length + HEALTH_CHECKS.readyz.length - 2);
    assert.equal(series("kubernetes_healthchecks_total").length, gauges.length);
    // Go's order: by name, then type ("etcd" before "etcd-readiness", livez before readyz).
    const names = gauges.map((l) => /name="([^"]*)",type="([^"]*)"/.exec(l)!.slice(1).join(" "));
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    assert.ok(text.endsWith(START));
    // Another cluster has counted nothing.
    assert.equal((await kubeFixture().call("GET", "/metrics/slis")).text, START);
  });
});
