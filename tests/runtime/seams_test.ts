import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import tls from "node:tls";
import { startTlsEndpoint, type TlsEndpoint } from "../../src/runtime/mod.ts";
import { createTestPki } from "./_certs.ts";
import { closeHttp2, connectHttp2, http2Request } from "./_clients.ts";

const pki = await createTestPki();
const upgradeRequest = "POST /api/v1/namespaces/default/pods/p/portforward HTTP/1.1\r\n" +
  "Host: localhost\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\nearly";

function exchange(
  port: number,
  send: string,
  until: (received: string) => boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca: pki.ca.certPem,
      cert: pki.client.certPem,
      key: pki.client.keyPem,
    });
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (until(received)) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
    socket.write(send);
  });
}

function start(extra: Partial<Parameters<typeof startTlsEndpoint>[0]>): Promise<TlsEndpoint> {
  return startTlsEndpoint({
    host: "127.0.0.1",
    port: 0,
    certPem: pki.server.certPem,
    keyPem: pki.server.keyPem,
    clientCaPem: pki.ca.certPem,
    fetch: () => new Response("plain"),
    ...extra,
  });
}

describe("upgrade seam", () => {
  it("hands the request, raw socket, head bytes and peer to onUpgrade", async () => {
    let seen:
      | { method: string; url: string; upgrade: string | null; head: string; cn?: string }
      | undefined;
    const endpoint = await start({
      onUpgrade: (request, socket, head, peer) => {
        seen = {
          method: request.method,
          url: request.url,
          upgrade: request.headers.get("upgrade"),
          head: new TextDecoder().decode(head),
          cn: peer.commonName,
        };
        socket.write(
          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: SPDY/3.1\r\nConnection: Upgrade\r\n\r\n",
        );
        socket.on("data", (chunk) => socket.write(`echo:${new TextDecoder().decode(chunk)}`));
      },
    });
    const received = await exchange(endpoint.port, upgradeRequest, (text) => text.includes("101"));
    assert.match(received, /^HTTP\/1\.1 101 /);
    assert.equal(seen?.method, "POST");
    assert.equal(seen?.url, "https://localhost/api/v1/namespaces/default/pods/p/portforward");
    assert.equal(seen?.upgrade, "SPDY/3.1");
    assert.equal(seen?.head, "early");
    assert.equal(seen?.cn, "kubernetes-admin");
    await endpoint.close();
  });

  it("answers 400 to upgrades when there is no onUpgrade", async () => {
    const endpoint = await start({});
    const received = await exchange(
      endpoint.port,
      upgradeRequest,
      (text) => text.includes("\r\n\r\n"),
    );
    assert.match(received, /^HTTP\/1\.1 400 /);
    await endpoint.close();
  });
});

describe("gRPC seam", () => {
  let endpoint: TlsEndpoint;
  before(async () =>
    endpoint = await start({
      onGrpcStream: async (stream, peer) => {
        const parts: Uint8Array[] = [];
        for await (const chunk of stream.body) parts.push(chunk);
        stream.respond({ "content-type": "application/grpc" });
        stream.write(new Uint8Array([0, 0, 0, 0, parts.reduce((n, p) => n + p.length, 0)]));
        stream.end({ "grpc-status": "0", "grpc-message": `${stream.path} ${peer.commonName}` });
      },
    })
  );
  after(() => endpoint.close());

  it("routes application/grpc streams to onGrpcStream, with trailers", async () => {
    const session = await connectHttp2(endpoint.port, pki.ca.certPem, pki.client);
    const result = await new Promise<{ data: number[]; trailers: Record<string, unknown> }>(
      (resolve, reject) => {
        const stream = session.request({
          ":method": "POST",
          ":path": "/etcdserverpb.Cluster/MemberList",
          "content-type": "application/grpc",
          te: "trailers",
        });
        const data: number[] = [];
        let trailers: Record<string, unknown> = {};
        stream.on("data", (chunk: Uint8Array) => data.push(...chunk));
        stream.on("trailers", (t) => trailers = t);
        stream.on("end", () => resolve({ data, trailers }));
        stream.on("error", reject);
        stream.end(new Uint8Array([0, 0, 0, 0, 2, 8, 1]));
      },
    );
    assert.deepEqual(result.data, [0, 0, 0, 0, 7]);
    assert.equal(result.trailers["grpc-status"], "0");
    assert.equal(
      result.trailers["grpc-message"],
      "/etcdserverpb.Cluster/MemberList kubernetes-admin",
    );
    assert.equal((await http2Request(session)).body, "plain");
    await closeHttp2(session);
  });
});
