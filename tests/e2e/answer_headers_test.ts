// The headers every answer carries, as a real client reads them from a cluster's socket: the
// kube app sets them on the outgoing message (HTTP/2 and HTTP/1.1), not on its Response.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import http2 from "node:http2";
import { type FkasProcess, type Kubeconfig, startFkasProcess } from "./fkas_process.ts";
import { rawRequest, rawTargetOf } from "./_raw_https.ts";

const FLOWCONTROL = "/apis/flowcontrol.apiserver.k8s.io/v1";

interface Answer {
  headers: http2.IncomingHttpHeaders;
  body: string;
}

function request(
  session: http2.ClientHttp2Session,
  method: string,
  path: string,
  body?: unknown,
  endAfterHeaders = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": method,
      ":path": path,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    });
    let headers: http2.IncomingHttpHeaders = {};
    let text = "";
    stream.setEncoding("utf8");
    stream.on("response", (received) => {
      headers = received;
      if (endAfterHeaders) {
        stream.close();
        resolve({ headers, body: "" });
      }
    });
    stream.on("data", (chunk: string) => text += chunk);
    stream.on("end", () => resolve({ headers, body: text }));
    stream.on("error", reject);
    stream.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function connect(config: Kubeconfig): Promise<http2.ClientHttp2Session> {
  const session = http2.connect(config.clusters[0].cluster.server, {
    ca: atob(config.clusters[0].cluster["certificate-authority-data"]),
    cert: atob(config.users[0].user["client-certificate-data"]),
    key: atob(config.users[0].user["client-key-data"]),
  });
  return new Promise((resolve, reject) => {
    session.once("connect", () => resolve(session));
    session.once("error", reject);
  });
}

describe("answer headers on the wire", () => {
  let fkas: FkasProcess;
  let config: Kubeconfig;
  let session: http2.ClientHttp2Session;
  let exempt: { schema: string; level: string };
  before(async () => {
    fkas = await startFkasProcess();
    config = (await fkas.activate("default", "headers")).config;
    session = await connect(config);
    // Every cluster has kube-apiserver's APF defaults, the `exempt` pair among them.
    const level = await request(
      session,
      "GET",
      `${FLOWCONTROL}/prioritylevelconfigurations/exempt`,
    );
    const schema = await request(session, "GET", `${FLOWCONTROL}/flowschemas/exempt`);
    exempt = {
      schema: JSON.parse(schema.body).metadata.uid,
      level: JSON.parse(level.body).metadata.uid,
    };
  });
  after(async () => {
    session?.close();
    await fkas.stop();
  });

  it("HTTP/2: Audit-Id and the APF uids on reads, watches and plain-text 404s", async () => {
    const uuid = /^[0-9a-f-]{36}$/;
    for (
      const [path, endAfterHeaders] of [
        ["/api/v1/namespaces/default", false],
        ["/api/v1/namespaces?watch=true", true],
        ["/version", false],
        ["/nope", false],
      ] as const
    ) {
      const { headers } = await request(session, "GET", path, undefined, endAfterHeaders);
      assert.match(String(headers["audit-id"]), uuid, path);
      assert.equal(headers["x-kubernetes-pf-flowschema-uid"], exempt.schema, path);
      assert.equal(headers["x-kubernetes-pf-prioritylevel-uid"], exempt.level, path);
      assert.equal(headers["cache-control"], "no-cache, private", path);
    }
    const missing = await request(session, "GET", "/nope");
    assert.equal(missing.headers[":status"], 404);
    assert.equal(missing.body, "404 page not found\n");
    assert.equal(missing.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(missing.headers["x-content-type-options"], "nosniff");
  });

  it("HTTP/1.1: the same headers, and the client's Audit-ID echoed", async () => {
    const answer = await rawRequest(rawTargetOf(config), "GET", "/api/v1/namespaces/default", {
      headers: { "Audit-ID": "from-the-client" },
    });
    assert.equal(answer.status, 200);
    const head = answer.head.toLowerCase();
    assert.match(head, /\r\naudit-id: from-the-client\r\n/);
    assert.ok(head.includes(`\r\nx-kubernetes-pf-flowschema-uid: ${exempt.schema}\r\n`), head);
    assert.ok(head.includes(`\r\nx-kubernetes-pf-prioritylevel-uid: ${exempt.level}\r\n`), head);
  });
});
