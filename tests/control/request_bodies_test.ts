// Untrusted control bodies: user keys stay data, labels obey Kubernetes syntax, durations fit a timer.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createControlApp } from "../../src/control/mod.ts";
import { LocalClusterHost } from "../../src/hosts/mod.ts";
import { MAX_PHASE_DELAY_MS, parseDurationMs } from "../../src/cluster/mod.ts";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";
import { registryWithFakeListeners } from "../cluster/registry_fixture.ts";

const NODES = BUILTIN_CATALOG.byKey("nodes")!;

function setup() {
  const { registry } = registryWithFakeListeners();
  const app = createControlApp({ host: new LocalClusterHost(registry) });
  const call = async (method: string, path: string, body: string) => {
    const response = await app.request(path, { method, body });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  const register = (body: Record<string, unknown> = {}) =>
    call("POST", "/register", JSON.stringify({ cluster: "demo", namespace: "default", ...body }));
  const node = (body: string) => call("PUT", "/updateNode", body);
  const cp = async () => {
    await register();
    const report = {
      cluster: "demo",
      namespace: "default",
      nodeName: "cp-1",
      labels: { "cluster.x-k8s.io/control-plane": "" },
    };
    assert.equal((await node(JSON.stringify(report))).status, 200);
  };
  const labelsOf = (name: string) =>
    registry.get("default", "demo")!.store.get(NODES, undefined, name)?.metadata.labels;
  return { call, register, node, cp, labelsOf };
}

const worker = (name: string, rest: string) =>
  `{"cluster":"demo","namespace":"default","nodeName":"${name}",${rest}}`;

describe("control API: /updateNode labels and uuid", () => {
  it("labels as an array is a 400 naming labels, and no Node is stored", async () => {
    const { cp, node, labelsOf } = setup();
    await cp();
    const answer = await node(worker("w-1", '"labels":["a"]'));
    assert.equal(answer.status, 400);
    assert.equal(answer.json.field, "labels");
    assert.match(answer.json.error, /labels: must be an object of strings/);
    assert.equal(labelsOf("w-1"), undefined);
  });

  it("a __proto__ label key is a 400 naming it, never silently dropped", async () => {
    const { cp, node, labelsOf } = setup();
    await cp();
    const answer = await node(worker("w-1", '"labels":{"a":"b","__proto__":"x"}'));
    assert.equal(answer.status, 400);
    assert.equal(answer.json.field, "labels");
    assert.match(answer.json.error, /label key "__proto__"/);
    assert.equal(labelsOf("w-1"), undefined);
  });

  it("a label key named constructor is an ordinary label", async () => {
    const { cp, node, labelsOf } = setup();
    await cp();
    assert.equal((await node(worker("w-1", '"labels":{"constructor":"x"}'))).status, 200);
    assert.equal(labelsOf("w-1")?.constructor, "x");
    assert.equal(Object.hasOwn(labelsOf("w-1")!, "constructor"), true);
  });

  it("a label key or value kubectl would reject is a 400, not a stored Node", async () => {
    const { cp, node, labelsOf } = setup();
    await cp();
    const cases: [string, RegExp][] = [
      ['{"bad key":"x"}', /label key "bad key"/],
      ['{"-a":"x"}', /label key "-a"/],
      ['{"/a":"x"}', /prefix/],
      [`{"${"a".repeat(64)}":"x"}`, /the name must be 1-63/],
      ['{"a":"not valid!"}', /label "a": the value/],
      [`{"a":"${"v".repeat(64)}"}`, /label "a": the value/],
      ['{"a":7}', /label "a": must be a string/],
    ];
    for (const [labels, message] of cases) {
      const answer = await node(worker("w-1", `"labels":${labels}`));
      assert.equal(answer.status, 400, labels);
      assert.equal(answer.json.field, "labels", labels);
      assert.match(answer.json.error, message, labels);
    }
    assert.equal(labelsOf("w-1"), undefined);
  });

  it("a uuid that is no label value is a 400 naming uuid (it becomes metal3.io/uuid)", async () => {
    const { cp, node, labelsOf } = setup();
    await cp();
    const answer = await node(worker("w-1", '"uuid":"not a label!"'));
    assert.equal(answer.status, 400);
    assert.equal(answer.json.field, "uuid");
    assert.equal(labelsOf("w-1"), undefined);
    const ok = await node(worker("w-2", '"uuid":"2b9a3c86-5f8e-4c55-9c6c-0c0f3c0d5e01"'));
    assert.equal(ok.status, 200);
    assert.equal(labelsOf("w-2")?.["metal3.io/uuid"], "2b9a3c86-5f8e-4c55-9c6c-0c0f3c0d5e01");
  });
});

describe("control API: nodes per cluster", () => {
  it("a report of one node more than maxNodesPerCluster is a 409; known nodes still report", async () => {
    const { registry } = registryWithFakeListeners({ maxNodesPerCluster: 3 });
    const app = createControlApp({ host: new LocalClusterHost(registry) });
    const send = (method: string, path: string, body: unknown) =>
      app.request(path, { method, body: JSON.stringify(body) });
    await send("POST", "/register", { cluster: "demo", namespace: "default" });
    const report = (nodeName: string) =>
      send("PUT", "/updateNode", {
        cluster: "demo",
        namespace: "default",
        nodeName,
        labels: nodeName === "cp-1" ? { "cluster.x-k8s.io/control-plane": "" } : {},
      });
    for (const name of ["cp-1", "w-1", "w-2"]) assert.equal((await report(name)).status, 200);
    const full = await report("w-3");
    assert.equal(full.status, 409);
    assert.match((await full.json()).error, /already has 3 nodes/);
    assert.equal((await report("w-2")).status, 200, "a node that exists may report again");
    assert.equal(registry.get("default", "demo")!.store.count(NODES), 3);
  });
});

describe("control API: provisioning durations", () => {
  it("a duration beyond 24h is a 400 naming the field (a timer would fire at once)", async () => {
    const { register } = setup();
    for (const duration of ["1000000h", "25h", "24h1ms", `${"9".repeat(400)}h`]) {
      const answer = await register({ provisioning: { node: { startupDuration: duration } } });
      assert.equal(answer.status, 400, duration);
      assert.equal(answer.json.field, "provisioning.node.startupDuration", duration);
    }
    const ok = await register({ provisioning: { etcd: { startupDuration: "24h" } } });
    assert.equal(ok.status, 200);
  });

  it("negative, NaN-like and out-of-range jitter are 400s", async () => {
    const { register } = setup();
    const cases: Record<string, unknown>[] = [
      { startupDuration: "-1s" },
      { startupDuration: "NaNs" },
      { startupDuration: "1s", startupJitter: -0.1 },
      { startupDuration: "1s", startupJitter: "NaN" },
      { startupDuration: "1s", startupJitter: 11 },
    ];
    for (const delay of cases) {
      const answer = await register({ provisioning: { apiServer: delay } });
      assert.equal(answer.status, 400, JSON.stringify(delay));
      assert.match(answer.json.field, /^provisioning\.apiServer\./, JSON.stringify(delay));
    }
  });

  it("the largest accepted delay with the largest jitter fits a timer", () => {
    assert.ok(MAX_PHASE_DELAY_MS * 11 <= 2 ** 31 - 1);
  });

  it("parses Go's units, including ns and us, and refuses what is not finite", () => {
    assert.equal(parseDurationMs("1h2m3s4ms"), 3_723_004);
    assert.equal(parseDurationMs("1500us"), 1.5);
    assert.equal(parseDurationMs("2000000ns"), 2);
    assert.equal(parseDurationMs(`${"9".repeat(400)}h`), undefined);
  });
});

describe("control API: __proto__ in other bodies", () => {
  it("a fault rule or condition with a __proto__ key is a 400, and nothing is polluted", async () => {
    const { cp, call } = setup();
    await cp();
    const rule = await call(
      "POST",
      "/clusters/default/demo/faults",
      '{"id":"r","latencyMs":1,"__proto__":{"errorCode":503}}',
    );
    assert.equal(rule.status, 400);
    assert.equal(rule.json.field, "__proto__");
    const condition = await call(
      "PUT",
      "/clusters/default/demo/nodes/cp-1/conditions/Ready",
      '{"__proto__":{"status":"False"}}',
    );
    assert.equal(condition.status, 400);
    assert.equal(condition.json.field, "status");
    const register = await call(
      "POST",
      "/register",
      '{"__proto__":{"cluster":"x"},"namespace":"default"}',
    );
    assert.equal(register.status, 400);
    assert.equal(register.json.field, "cluster");
    assert.equal(({} as Record<string, unknown>).errorCode, undefined);
    assert.equal(({} as Record<string, unknown>).cluster, undefined);
  });
});

describe("control API: node condition types", () => {
  it("a condition type that is no qualified name is a 400 naming type", async () => {
    const { cp, call } = setup();
    await cp();
    const bad = await call(
      "PUT",
      "/clusters/default/demo/nodes/cp-1/conditions/not%20valid",
      '{"status":"True"}',
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.json.field, "type");
    const ok = await call(
      "PUT",
      "/clusters/default/demo/nodes/cp-1/conditions/DiskPressure",
      '{"status":"True"}',
    );
    assert.equal(ok.status, 200);
  });
});

describe("control API: request body limit", () => {
  const MIB = 1 << 20;
  /** A body of `total` bytes in 64 KiB chunks that records how much was pulled from it. */
  const countingBody = (total: number) => {
    const pulled = { bytes: 0 };
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.bytes >= total) return controller.close();
        pulled.bytes += chunk.length;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled };
  };
  const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) => {
    const { registry } = registryWithFakeListeners();
    const app = createControlApp({ host: new LocalClusterHost(registry) });
    return app.request("/register", {
      method: "POST",
      body,
      headers,
      duplex: "half",
    } as RequestInit);
  };

  it("a Content-Length above 1 MiB is refused with 413 before the body is read", async () => {
    const { stream, pulled } = countingBody(4 * MIB);
    const response = await post(stream, { "content-length": String(4 * MIB) });
    assert.equal(response.status, 413);
    assert.match((await response.json()).error, /larger than 1048576 bytes/);
    assert.ok(pulled.bytes <= 64 * 1024, `pulled ${pulled.bytes} bytes`);
  });

  it("a body without a length is read only up to the limit, then refused with 413", async () => {
    const { stream, pulled } = countingBody(64 * MIB);
    const response = await post(stream);
    assert.equal(response.status, 413);
    assert.ok(pulled.bytes <= MIB + 2 * 64 * 1024, `pulled ${pulled.bytes} bytes`);
  });

  it("deeply nested JSON is a 400, not a crash", async () => {
    const { call, register } = setup();
    const deep = "[".repeat(500_000) + "]".repeat(500_000);
    assert.equal((await call("POST", "/register", deep)).status, 400);
    assert.equal((await register()).status, 200);
    const rule = `{"id":"a","latencyMs":1,"x":${deep}}`;
    assert.equal((await call("POST", "/clusters/default/demo/faults", rule)).status, 400);
  });
});
