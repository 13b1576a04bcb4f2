// Compressed answers as a Go client reads them from a cluster's socket (HTTP/2): the listener
// writes the bytes the kube app compressed, with kube-apiserver's headers.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http2 from "node:http2";
import { gunzipSync } from "node:zlib";
import { type FkasProcess, startFkasProcess } from "./fkas_process.ts";

interface Answer {
  headers: http2.IncomingHttpHeaders;
  /** The header fields as sent, name and value alternating. */
  raw: string[];
  bytes: Uint8Array;
}

function request(
  session: http2.ClientHttp2Session,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":method": method, ":path": path, ...headers });
    let received: http2.IncomingHttpHeaders = {};
    let raw: string[] = [];
    const chunks: Uint8Array[] = [];
    stream.on("response", (answer, _flags, rawHeaders) => {
      received = answer;
      raw = rawHeaders ?? [];
    });
    stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    stream.on("end", () => {
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) bytes.set(chunk, (at += chunk.length) - chunk.length);
      resolve({ headers: received, raw, bytes });
    });
    stream.on("error", reject);
    stream.end(body);
  });
}

describe("response compression on the wire", () => {
  let fkas: FkasProcess;
  let session: http2.ClientHttp2Session;
  before(async () => {
    fkas = await startFkasProcess();
    const { config } = await fkas.activate("default", "gzip");
    session = http2.connect(config.clusters[0].cluster.server, {
      ca: atob(config.clusters[0].cluster["certificate-authority-data"]),
      cert: atob(config.users[0].user["client-certificate-data"]),
      key: atob(config.users[0].user["client-key-data"]),
    });
    await new Promise((resolve, reject) => {
      session.once("connect", resolve);
      session.once("error", reject);
    });
  });
  after(async () => {
    session?.close();
    await fkas.stop();
  });

  it("gzips a GET over 128 KiB for Accept-Encoding: gzip, not a shorter one", async () => {
    const path = "/api/v1/namespaces/default/configmaps";
    const big = { metadata: { name: "big" }, data: { big: "x".repeat(140_000) } };
    const created = await request(session, "POST", path, {
      "content-type": "application/json",
    }, JSON.stringify(big));
    assert.equal(created.headers[":status"], 201);
    const zipped = await request(session, "GET", `${path}/big`, { "accept-encoding": "gzip" });
    assert.equal(zipped.headers["content-encoding"], "gzip");
    assert.equal(zipped.headers["vary"], "Accept-Encoding");
    const object = JSON.parse(new TextDecoder().decode(gunzipSync(zipped.bytes)));
    assert.equal(object.data.big.length, 140_000);
    const short = await request(session, "GET", "/api/v1/namespaces/default", {
      "accept-encoding": "gzip",
    });
    assert.equal(short.headers["content-encoding"], undefined);
    assert.equal(JSON.parse(new TextDecoder().decode(short.bytes)).kind, "Namespace");
  });

  it("tells a length only for bodies of up to 4 KiB or a handler's own, as Go's HTTP/2 server", async () => {
    const apis = await request(session, "GET", "/api/v1");
    assert.ok(apis.bytes.length > 4096);
    assert.equal(apis.headers["content-length"], undefined);
    const namespace = await request(session, "GET", "/api/v1/namespaces/default");
    assert.equal(namespace.headers["content-length"], String(namespace.bytes.length));
    // ServeContent sets its own, whatever the size.
    const v3 = await request(session, "GET", "/openapi/v3/api/v1");
    assert.equal(v3.headers["content-length"], String(v3.bytes.length));
  });

  it("sends /openapi/v2's two Vary values as two fields, as Go does", async () => {
    const answer = await request(session, "GET", "/openapi/v2", { "accept-encoding": "gzip" });
    const vary = answer.raw.filter((_, i) => i % 2 === 1 && answer.raw[i - 1] === "vary");
    assert.deepEqual(vary, ["Accept-Encoding", "Accept"]);
  });

  it("gzips /openapi/v2 and /metrics as gziphandler and promhttp do", async () => {
    for (const path of ["/openapi/v2", "/metrics"]) {
      const zipped = await request(session, "GET", path, { "accept-encoding": "gzip" });
      assert.equal(zipped.headers[":status"], 200, path);
      assert.equal(zipped.headers["content-encoding"], "gzip", path);
      assert.ok(gunzipSync(zipped.bytes).length > zipped.bytes.length, path);
    }
  });
});
