import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import tls from "node:tls";
import { FakeCluster, type RunningEndpoint } from "../../src/cluster/mod.ts";
import { createKubeApp } from "../../src/kube/mod.ts";
import { clusterListenerStarter } from "../../src/listener/cluster_listener.ts";
import type { CertificateAuthority } from "../../src/pki/mod.ts";
import { createTestPki } from "../runtime/_certs.ts";
import { https1Request } from "../runtime/_clients.ts";

const pki = await createTestPki();

// Writes a request head and reads the whole answer, until the server ends the connection.
function exchange(port: number, head: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca: pki.ca.certPem,
      cert: pki.client.certPem,
      key: pki.client.keyPem,
      ALPNProtocols: ["http/1.1"],
    });
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (text: string) => answer += text);
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
    socket.once("secureConnect", () => socket.write(head));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Writes a request head, then body bytes for as long as the server keeps the connection, and
// reports the answer and how much the server let through before closing.
function endlessUpload(port: number, head: string) {
  return new Promise<{ answer: string; closed: boolean }>((resolve) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca: pki.ca.certPem,
      cert: pki.client.certPem,
      key: pki.client.keyPem,
      ALPNProtocols: ["http/1.1"],
    });
    let answer = "";
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const deadline = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, 8000);
    socket.setEncoding("utf8");
    socket.on("data", (text: string) => answer += text);
    socket.on("error", () => {}); // EPIPE once the server closes: what this test waits for
    socket.on("close", () => {
      clearTimeout(deadline);
      resolve({ answer, closed: true });
    });
    socket.once("secureConnect", () => {
      socket.write(head);
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk));
        if (!socket.destroyed) socket.once("drain", pump);
      };
      pump();
    });
  });
}

describe("cluster listener over a real socket", () => {
  let cluster: FakeCluster;
  let endpoint: RunningEndpoint;
  let port: number;

  before(async () => {
    port = await freePort();
    const now = () => new Date("2026-01-02T03:04:05Z");
    let uid = 0;
    cluster = new FakeCluster({
      namespace: "default",
      name: "test",
      host: "127.0.0.1",
      port,
      ca: { certPem: pki.ca.certPem } as CertificateAuthority,
      etcdCa: {} as CertificateAuthority,
      defaultKubernetesVersion: "v1.33.1",
      environment: { now, newUid: () => `uid-${++uid}` },
    });
    const start = clusterListenerStarter({
      listenHost: "127.0.0.1",
      kubeApp: createKubeApp({ now, anonymousAuth: false }),
      anonymousAuth: false,
      now,
    });
    endpoint = await start(cluster, pki.server);
  });
  after(() => endpoint.close());

  const request = (method: string, path: string, body?: string) =>
    https1Request(port, pki.ca.certPem, pki.client, { method, path, body });

  it("DELETE /api/v1/namespaces/../configmaps deletes nothing (the URL resolves it away)", async () => {
    const configmaps = "/api/v1/namespaces/default/configmaps";
    const created = await request("POST", configmaps, '{"metadata":{"name":"keep"}}');
    assert.equal(created.status, 201);
    const deleted = await request("DELETE", "/api/v1/namespaces/../configmaps");
    assert.equal(deleted.status, 200);
    assert.equal((await request("GET", `${configmaps}/keep`)).status, 200);
    assert.equal((await request("DELETE", "/api/v1/configmaps")).status, 405);
    assert.equal((await request("GET", `${configmaps}/keep`)).status, 200);
  });

  it("port-forward to a pod on no node is kube-apiserver's own 400, headers and newline as its", async () => {
    const pods = "/api/v1/namespaces/default/pods";
    const pod =
      '{"metadata":{"name":"pending"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}';
    assert.equal((await request("POST", pods, pod)).status, 201);
    const upgrade = (name: string) =>
      exchange(
        port,
        `GET ${pods}/${name}/portforward?ports=80 HTTP/1.1\r\nhost: localhost\r\n` +
          "connection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\n" +
          "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-protocol: v4.channel.k8s.io\r\n" +
          "audit-id: mine\r\n\r\n",
      );
    const body =
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pod pending does not have a host assigned","reason":"BadRequest","code":400}\n';
    assert.equal(
      await upgrade("pending"),
      "HTTP/1.1 400 Bad Request\r\nAudit-Id: mine\r\nCache-Control: no-cache, private\r\n" +
        "Content-Type: application/json\r\n" +
        `Date: Fri, 02 Jan 2026 03:04:05 GMT\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    assert.match(
      await upgrade("missing"),
      /^HTTP\/1\.1 404 Not Found\r\nAudit-Id: mine\r\n[^]*\r\n\r\n\{"kind":"Status".*"code":404\}\n$/,
    );
  });

  it("an upgrade request to a route without one is answered as any request, as Go's server does", async () => {
    const answer = await exchange(
      port,
      "GET /api HTTP/1.1\r\nhost: localhost\r\nconnection: Upgrade\r\nupgrade: websocket\r\n" +
        "sec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );
    assert.match(
      answer,
      /^HTTP\/1\.1 200 OK\r\nAudit-Id: [^\r]+\r\nCache-Control: no-cache, private\r\nContent-Type: application\/json\r\n(X-Kubernetes-Pf-[^\r]+\r\n)*Date: Fri, 02 Jan 2026 03:04:05 GMT\r\nContent-Length: \d+\r\n\r\n\{"kind":"APIVersions"/,
    );
  });

  it("HEAD tells the length of the short body a GET would answer, after Date, as Go's server does", async () => {
    const answer = await exchange(
      port,
      "HEAD /healthz HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n",
    );
    assert.match(
      answer,
      /^HTTP\/1\.1 200 OK\r\nAudit-Id: [^]*\r\nX-Content-Type-Options: nosniff\r\n[^]*Date: [^\r]+\r\nContent-Length: 2\r\nConnection: close\r\n\r\n$/,
    );
  });

  it("HEAD of a built-in resource path is go-restful's 405, its Status's length told, no body", async () => {
    const answer = await exchange(
      port,
      "HEAD /api/v1/namespaces/default/configmaps HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n",
    );
    // kube-apiserver v1.36.3 answers this head, byte for byte but the uids and the date.
    assert.match(
      answer,
      /^HTTP\/1\.1 405 Method Not Allowed\r\nAudit-Id: [^\r]+\r\nCache-Control: no-cache, private\r\nContent-Type: application\/json\r\n(X-Kubernetes-Pf-[^\r]+\r\n)*Date: [^\r]+\r\nContent-Length: 197\r\nConnection: close\r\n\r\n$/,
    );
  });

  it("a declared 10 GB body is answered 413 at once and the connection stops reading", async () => {
    const started = performance.now();
    const { answer, closed } = await endlessUpload(
      port,
      "POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nhost: localhost\r\n" +
        "content-type: application/json\r\ncontent-length: 10000000000\r\n\r\n",
    );
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /Request entity too large: limit is 3145728/);
    assert.ok(closed, "the server kept reading the body");
    assert.ok(performance.now() - started < 8000);
  });
});
