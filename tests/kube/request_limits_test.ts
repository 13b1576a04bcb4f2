import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, kubeFixture } from "./kube_fixture.ts";

const CM = "/api/v1/namespaces/default/configmaps";

// A body that never ends: 64 KiB chunks for as long as anyone reads, counting what was pulled.
function endlessBody() {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

// Fails the test instead of hanging it when fkas keeps reading.
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe("request body size (--max-request-bytes)", () => {
  it("a declared Content-Length over the limit is 413 before a byte is read", async () => {
    const { app, cluster } = kubeFixture();
    const { stream, pulled } = endlessBody();
    const response = await within(
      5000,
      Promise.resolve(app.request(CM, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "10000000000" },
        body: stream,
        duplex: "half",
      } as RequestInit, { cluster, client: ADMIN })),
    );
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Request entity too large: limit is 3145728",
      reason: "RequestEntityTooLarge",
      code: 413,
    });
    assert.ok(pulled.bytes <= 2 * 64 * 1024, `read ${pulled.bytes} bytes`);
  });

  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    it(`a ${method} body streamed without Content-Length stops being read at the limit`, async () => {
      const { app, cluster } = kubeFixture({ maxRequestBytes: 100_000 });
      const { stream, pulled } = endlessBody();
      const path = method === "POST" ? CM : `${CM}/x`;
      const type = method === "PATCH" ? "application/merge-patch+json" : "application/json";
      const response = await within(
        5000,
        Promise.resolve(app.request(path, {
          method,
          headers: { "content-type": type },
          body: stream,
          duplex: "half",
        } as RequestInit, { cluster, client: ADMIN })),
      );
      assert.equal(response.status, 413);
      assert.equal((await response.json()).message, "Request entity too large: limit is 100000");
      assert.ok(pulled.bytes < 100_000 + 3 * 64 * 1024, `read ${pulled.bytes} bytes`);
    });
  }

  it("a body of exactly the limit is read; one byte more is 413", async () => {
    const { call } = kubeFixture({ maxRequestBytes: 1000 });
    const body = (size: number) => {
      const head = `{"metadata":{"name":"x"},"data":{"a":"`;
      return head + "b".repeat(size - head.length - 3) + `"}}`;
    };
    assert.equal(body(1000).length, 1000);
    assert.equal((await call("POST", CM, body(1001))).status, 413);
    assert.equal((await call("POST", CM, body(1000))).status, 201);
  });
});

describe("JSON patch copies (--json-patch-max-copy-bytes)", () => {
  it("a patch whose copies double a value per operation is 422 once 3 MiB were copied", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CM, { metadata: { name: "cp" }, data: { a: "x" } });
    assert.equal(created.status, 201);
    const doubling = [{ op: "add", path: "/data/v", value: ["x".repeat(1000)] }];
    for (let i = 0; i < 40; i++) {
      doubling.push({ op: "add", path: "/data/v/-", value: "y" } as never);
      doubling.push({ op: "copy", from: "/data/v", path: "/data/v/-" } as never);
    }
    const answer = await within(
      10_000,
      call("PATCH", `${CM}/cp`, doubling, { "content-type": "application/json-patch+json" }),
    );
    assert.equal(answer.status, 422);
    assert.deepEqual(answer.json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server rejected our request due to an error in our request",
      reason: "Invalid",
      details: {},
      code: 422,
    });
    assert.equal((await call("GET", `${CM}/cp`)).json.data.a, "x");
  });
});
