import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { negotiatesGzip } from "../../src/kube/response_compression.ts";

const CM = "/api/v1/namespaces/default/configmaps";
const configMap = (name: string, size: number) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name },
  data: { big: "x".repeat(size) },
});

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

describe("response compression (responsewriters.SerializeObject)", () => {
  it("gzips an answer over 128 KiB for Accept-Encoding: gzip, with Content-Encoding and Vary", async () => {
    const { call } = kubeFixture();
    assert.equal((await call("POST", CM, configMap("big", 140_000))).status, 201);
    const plain = await call("GET", `${CM}/big`);
    const zipped = await call("GET", `${CM}/big`, undefined, { "accept-encoding": "gzip" });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    assert.equal(zipped.headers.get("vary"), "Accept-Encoding");
    assert.equal(zipped.headers.get("content-type"), "application/json");
    assert.equal(zipped.headers.get("content-length"), null);
    assert.equal(plain.headers.get("content-encoding"), null);
    // Go's gzip header: mtime 0, XFL 4 (level 1), OS 255.
    assert.deepEqual([...zipped.bytes.subarray(0, 10)], [31, 139, 8, 0, 0, 0, 0, 0, 4, 255]);
    assert.ok(zipped.bytes.length < 10_000);
    assert.equal(await gunzip(zipped.bytes), plain.text);
  });

  it("compresses lists and protobuf answers alike once they are long enough", async () => {
    const { call } = kubeFixture();
    for (const name of ["a", "b"]) await call("POST", CM, configMap(name, 70_000));
    const list = await call("GET", CM, undefined, { "accept-encoding": "deflate, gzip" });
    assert.equal(list.headers.get("content-encoding"), "gzip");
    assert.equal(JSON.parse(await gunzip(list.bytes)).items.length, 2);
    const proto = await call("GET", CM, undefined, {
      "accept-encoding": "gzip",
      accept: "application/vnd.kubernetes.protobuf",
    });
    assert.equal(proto.headers.get("content-type"), "application/vnd.kubernetes.protobuf");
    assert.equal(proto.headers.get("content-encoding"), "gzip");
  });

  it("leaves an answer of at most 128 KiB, and clients not asking for gzip, uncompressed", async () => {
    const { call } = kubeFixture();
    await call("POST", CM, configMap("mid", 120_000));
    const mid = await call("GET", `${CM}/mid`, undefined, { "accept-encoding": "gzip" });
    assert.equal(mid.headers.get("content-encoding"), null);
    assert.equal(mid.headers.get("vary"), null);
    assert.equal(mid.json.data.big.length, 120_000);
    await call("POST", CM, configMap("big", 140_000));
    for (const asked of ["gzip;q=1.0", "GZIP", "br", "*", "x-gzip"]) {
      const answer = await call("GET", `${CM}/big`, undefined, { "accept-encoding": asked });
      assert.equal(answer.headers.get("content-encoding"), null, asked);
      assert.equal(answer.json.data.big.length, 140_000);
    }
  });
});

describe("answers SerializeObject does not write", () => {
  it("leaves watches and OpenAPI v3 documents uncompressed, however long", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    await call("POST", CM, configMap("big", 140_000));
    const gzip = { "accept-encoding": "gzip" };
    const watch = await call("GET", `${CM}?watch=1&timeoutSeconds=1`, undefined, gzip);
    assert.equal(watch.headers.get("content-encoding"), null);
    assert.match(watch.text, /^\{"type":"ADDED"/);
    const v3 = await call("GET", "/openapi/v3/api/v1", undefined, gzip);
    assert.ok(v3.bytes.length > 1_000_000);
    assert.equal(v3.headers.get("content-encoding"), null);
  });
});

describe("negotiatesGzip (negotiateContentEncoding)", () => {
  it("takes the exact token gzip among comma-separated ones, nothing else", () => {
    assert.equal(negotiatesGzip("gzip"), true);
    assert.equal(negotiatesGzip(" deflate ,  gzip "), true);
    assert.equal(negotiatesGzip("gzip, deflate, br"), true);
    assert.equal(negotiatesGzip(null), false);
    assert.equal(negotiatesGzip(""), false);
    assert.equal(negotiatesGzip("gzip;q=0"), false);
    assert.equal(negotiatesGzip("Gzip"), false);
    assert.equal(negotiatesGzip("x-gzip"), false);
  });
});

describe("/openapi/v2 behind gziphandler", () => {
  it("is gzipped (no Content-Length) for any Accept-Encoding gziphandler reads as gzip", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const plain = await call("GET", "/openapi/v2");
    assert.equal(plain.headers.get("content-encoding"), null);
    for (const asked of ["gzip", "GZIP", "deflate, gzip;q=0.5", "gzip;q=0;x=y"]) {
      const zipped = await call("GET", "/openapi/v2", undefined, { "accept-encoding": asked });
      assert.equal(zipped.headers.get("content-encoding"), "gzip", asked);
      assert.equal(zipped.headers.get("content-length"), null, asked);
      assert.equal(zipped.headers.get("etag"), plain.headers.get("etag"));
      assert.equal(zipped.headers.get("accept-ranges"), "bytes");
      assert.equal(zipped.bytes[9], 255);
      assert.equal(await gunzip(zipped.bytes), plain.text);
    }
    for (const asked of ["gzip;q=0", "gzip;q=x", "*", "x-gzip", "br"]) {
      const answer = await call("GET", "/openapi/v2", undefined, { "accept-encoding": asked });
      assert.equal(answer.headers.get("content-encoding"), null, asked);
      assert.equal(answer.text, plain.text);
    }
  });

  it("answers HEAD and 304 uncompressed", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const head = await call("HEAD", "/openapi/v2", undefined, { "accept-encoding": "gzip" });
    assert.equal(head.headers.get("content-encoding"), null);
    assert.ok(Number(head.headers.get("content-length")) > 1_000_000);
    const unchanged = await call("GET", "/openapi/v2", undefined, {
      "accept-encoding": "gzip",
      "if-none-match": head.headers.get("etag")!,
    });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.headers.get("content-encoding"), null);
  });
});
