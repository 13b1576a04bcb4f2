import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";

// `{"metadata":{"name":...},"x":[[...[1]...]]}`: arrays nested so the document is `depth` deep.
function nested(name: string, depth: number): string {
  const arrays = depth - 1;
  return `{"metadata":{"name":"${name}"},"x":${"[".repeat(arrays)}1${"]".repeat(arrays)}}`;
}

describe("nesting depth (kube-apiserver's message, fkas's 2,000 levels)", () => {
  it("a JSON object 100,000 levels deep is 400 and never stored; LIST and watch still serve", async () => {
    const { call } = kubeFixture();
    // The ServiceAccount controller's first writes (a `default` per namespace) land first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const before = await call("GET", CM);
    const deep = await call("POST", CM, nested("deep", 100_000));
    assert.equal(deep.status, 400);
    assert.equal(deep.json.reason, "BadRequest");
    assert.equal(
      deep.json.message,
      'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: exceeded max depth ({"metadata":{"name":"deep"},"x ...)',
    );
    const list = await call("GET", CM);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items, []);
    const rv = before.json.metadata.resourceVersion;
    assert.equal(list.json.metadata.resourceVersion, rv);
    const watch = await call("GET", `${CM}?watch=1&resourceVersion=${rv}&timeoutSeconds=1`);
    assert.equal(watch.status, 200);
  });

  it("2,000 levels are stored and served by GET, LIST and PUT; 2,001 are 400", async () => {
    const { call } = kubeFixture();
    assert.equal((await call("POST", CM, nested("over", 2_001))).status, 400);
    const created = await call("POST", CM, nested("edge", 2_000));
    assert.equal(created.status, 201);
    assert.equal((await call("GET", `${CM}/edge`)).status, 200);
    assert.equal((await call("GET", CM)).json.items.length, 1);
    const replaced = nested("edge", 2_000).replace("1]", "2]");
    assert.equal((await call("PUT", `${CM}/edge`, replaced)).status, 200);
  });

  it("patches nested too deep are 400 as the apiserver's patcher words it", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, { metadata: { name: "p" } });
    const deepPatch = `{"x":${"[".repeat(2_000)}1${"]".repeat(2_000)}}`;
    const merge = await call("PATCH", `${CM}/p`, deepPatch, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(merge.status, 400);
    assert.equal(merge.json.message, "error decoding patch: exceeded max depth");
    const strategic = await call("PATCH", `${CM}/p`, deepPatch, {
      "content-type": "application/strategic-merge-patch+json",
    });
    assert.equal(strategic.status, 400);
    assert.equal(strategic.json.message, "exceeded max depth");
    const yaml = await call("PATCH", `${CM}/p?fieldManager=t`, deepPatch, {
      "content-type": "application/apply-patch+yaml",
    });
    assert.equal(yaml.status, 400);
    assert.equal(
      yaml.json.message,
      "error decoding YAML: error converting YAML to JSON: yaml: exceeded max depth of 10000",
    );
    assert.equal((await call("GET", CM)).status, 200);
  });

  it("a JSON patch that copies a value into itself until too deep is 422 and stores nothing", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CM, nested("j", 1_000));
    // Each copy of /x lands 900 levels inside /x: 1,000 levels, then 1,900, then 2,800.
    const inside = `/x${"/0".repeat(900)}`;
    const ops = [{ op: "copy", from: "/x", path: inside }, {
      op: "copy",
      from: "/x",
      path: inside,
    }];
    const patched = await call("PATCH", `${CM}/j`, ops, {
      "content-type": "application/json-patch+json",
    });
    assert.equal(patched.status, 422);
    assert.equal(patched.json.reason, "Invalid");
    assert.equal((await call("GET", CM)).status, 200);
    const stored = await call("GET", `${CM}/j`);
    assert.equal(stored.json.metadata.resourceVersion, created.json.metadata.resourceVersion);
  });

  it("a JSON patch of more than 10,000 operations is 413", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, { metadata: { name: "n" } });
    const ops = Array.from(
      { length: 10_001 },
      () => ({ op: "test", path: "/kind", value: "ConfigMap" }),
    );
    const patched = await call("PATCH", `${CM}/n`, ops, {
      "content-type": "application/json-patch+json",
    });
    assert.equal(patched.status, 413);
    assert.equal(
      patched.json.message,
      "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
    );
  });

  it("YAML bodies nested too deep are 400", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CM, nested("y", 100_000), {
      "content-type": "application/yaml",
    });
    assert.equal(created.status, 400);
    // transformDecodeError: the serializer's error with the start of the body.
    assert.equal(
      created.json.message,
      `the object provided is unrecognized (must be of type ConfigMap): yaml: exceeded max depth of 10000 (${
        nested("y", 100_000).slice(0, 30)
      } ...)`,
    );
    assert.equal((await call("GET", CM)).status, 200);
  });
});
