import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MetricRegistry } from "../../src/metrics/mod.ts";

describe("Prometheus text exposition", () => {
  it("opens each family with HELP and TYPE lines and escapes HELP text", () => {
    const registry = new MetricRegistry();
    registry.counter("jobs_total", 'Jobs done, "quoted", back\\slash\nsecond line.').add([]);
    assert.equal(
      registry.render(),
      '# HELP jobs_total Jobs done, "quoted", back\\\\slash\\nsecond line.\n' +
        "# TYPE jobs_total counter\n" +
        "jobs_total 1\n",
    );
  });

  it("escapes backslashes, double quotes and line feeds in label values", () => {
    const registry = new MetricRegistry();
    registry.gauge("g", "A gauge.", ["path"]).set(['C:\\dir "x"\nend'], 2);
    assert.match(registry.render(), /^g\{path="C:\\\\dir \\"x\\"\\nend"\} 2$/m);
  });

  it("keeps label values apart that only differ by where a separator would fall", () => {
    const registry = new MetricRegistry();
    const counter = registry.counter("c_total", "C.", ["a", "b"]);
    counter.add(["x", "y z"]);
    counter.add(["x y", "z"]);
    assert.equal(counter.value(["x", "y z"]), 1);
    assert.equal(counter.value(["x y", "z"]), 1);
  });

  it("renders histogram buckets cumulatively, ending at +Inf, with _sum and _count", () => {
    const registry = new MetricRegistry();
    const histogram = registry.histogram("latency_seconds", "Latency.", ["op"], [0.1, 0.5, 1]);
    for (const value of [0.05, 0.1, 0.3, 0.7, 2]) histogram.observe(["read"], value);
    assert.equal(
      registry.render(),
      "# HELP latency_seconds Latency.\n" +
        "# TYPE latency_seconds histogram\n" +
        'latency_seconds_bucket{op="read",le="0.1"} 2\n' +
        'latency_seconds_bucket{op="read",le="0.5"} 3\n' +
        'latency_seconds_bucket{op="read",le="1"} 4\n' +
        'latency_seconds_bucket{op="read",le="+Inf"} 5\n' +
        'latency_seconds_sum{op="read"} 3.15\n' +
        'latency_seconds_count{op="read"} 5\n',
    );
  });

  it("renders a histogram without labels with only le on its buckets", () => {
    const registry = new MetricRegistry();
    registry.histogram("h", "H.", [], [1]).observe([], 3);
    assert.match(registry.render(), /^h_bucket\{le="1"\} 0\nh_bucket\{le="\+Inf"\} 1\nh_sum 3$/m);
  });

  it("leaves out labelled families that have no series yet", () => {
    const registry = new MetricRegistry();
    registry.counter("empty_total", "Nothing yet.", ["x"]);
    registry.histogram("empty_seconds", "Nothing yet.", ["x"], [1]);
    assert.equal(registry.render(), "");
  });

  it("reads callback gauges on every scrape", () => {
    const registry = new MetricRegistry();
    let open = 3;
    registry.gaugeFunc("open", "Open things.", [], () => open);
    registry.gaugeFunc("by_kind", "By kind.", ["kind"], () => [[["a"], 1], [["b"], Infinity]]);
    assert.match(registry.render(), /^open 3$/m);
    open = 4;
    const text = registry.render();
    assert.match(text, /^open 4$/m);
    assert.match(text, /^by_kind\{kind="b"\} \+Inf$/m);
  });

  it("refuses bad names, reserved labels, decreasing counters and duplicate families", () => {
    const registry = new MetricRegistry();
    assert.throws(() => registry.counter("bad-name", "x"), /invalid name/);
    assert.throws(() => registry.counter("ok_total", "x", ["__reserved"]), /invalid or repeated/);
    assert.throws(() => registry.histogram("h", "x", ["le"], [1]), /reserved/);
    assert.throws(() => registry.histogram("h2", "x", [], [2, 1]), /increasing/);
    const counter = registry.counter("c_total", "x", ["a"]);
    assert.throws(() => counter.add(["x"], -1), /Cannot decrease/);
    assert.throws(() => counter.add([]), /expected 1 label values/);
    assert.throws(() => registry.gauge("c_total", "x"), /already registered/);
  });

  it("drops a group of series by its first label's value", () => {
    const registry = new MetricRegistry();
    const counter = registry.counter("c_total", "C.", ["cluster", "code"]);
    counter.add(["a/one", "200"]);
    counter.add(["b/two", "200"]);
    counter.deleteGroup("a/one");
    const text = registry.render();
    assert.doesNotMatch(text, /a\/one/);
    assert.match(text, /^c_total\{cluster="b\/two",code="200"\} 1$/m);
  });
});
