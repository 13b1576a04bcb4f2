// Real handshakes with issued certificates: node:tls with mutual authentication, and Go's TLS via kubectl.
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, createServer, type TLSSocket } from "node:tls";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
  type KeyAlgorithm,
  type KeyPairPem,
} from "../../src/pki/mod.ts";

const hasKubectl = !spawnSync("kubectl", ["version", "--client"]).error;

async function issueAll(keyAlgorithm: KeyAlgorithm) {
  const now = new Date();
  const ca = await createCertificateAuthority({ commonName: "kubernetes", keyAlgorithm, now });
  const serving = {
    commonName: "kube-apiserver",
    dnsNames: ["localhost"],
    ipAddresses: ["127.0.0.1", "::1"],
  };
  const user = { commonName: "kubernetes-admin", organizations: ["system:masters"] };
  const server = await issueServingCertificate(ca, { ...serving, now });
  const client = await issueClientCertificate(ca, { ...user, now });
  return { caPem: ca.certPem, server, client };
}

// A server on 127.0.0.1:0 that demands a client certificate signed by `caPem`, for the length of `fn`.
async function withServer(
  caPem: string,
  server: KeyPairPem,
  onSocket: (socket: TLSSocket) => void,
  fn: (port: number) => Promise<void>,
): Promise<void> {
  const { keyPem: key, certPem: cert } = server;
  const srv = createServer(
    { key, cert, ca: caPem, requestCert: true, rejectUnauthorized: true },
    onSocket,
  );
  srv.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  try {
    await fn((srv.address() as AddressInfo).port);
  } finally {
    await new Promise((resolve) => srv.close(resolve));
  }
}

// Everything the server sends until the connection closes; "" when the handshake is refused.
function receive(port: number, caPem: string, client: KeyPairPem): Promise<string> {
  return new Promise((resolve) => {
    const opts = { host: "127.0.0.1", port, ca: caPem, key: client.keyPem, cert: client.certPem };
    const socket = connect({ ...opts, rejectUnauthorized: true });
    let data = "";
    socket.on("data", (chunk) => data += chunk);
    socket.on("close", () => resolve(data));
    socket.on("error", () => {});
  });
}

for (const keyAlgorithm of ["ecdsa", "rsa"] as KeyAlgorithm[]) {
  describe(`TLS with certificates from a ${keyAlgorithm} CA`, () => {
    it("node:tls completes a mutually authenticated handshake on 127.0.0.1", async () => {
      const { caPem, server, client } = await issueAll(keyAlgorithm);
      const seen: string[] = [];
      const onSocket = (socket: TLSSocket) => {
        const peer = socket.getPeerCertificate();
        seen.push(`${socket.authorized} ${peer.subject.CN} ${peer.subject.O}`);
        socket.end("hello");
      };
      await withServer(caPem, server, onSocket, async (port) => {
        assert.equal(await receive(port, caPem, client), "hello");
      });
      assert.deepEqual(seen, ["true kubernetes-admin system:masters"]);
    });

    const kubectlIt = hasKubectl ? it : it.skip;
    kubectlIt(
      "kubectl (Go crypto/x509 and crypto/tls) accepts the CA, server and client key",
      async () => {
        const { caPem, server, client } = await issueAll(keyAlgorithm);
        const users: string[] = [];
        // A bare HTTP/1.1 responder on node:tls: Bun's node:https sockets lack getPeerCertificate().
        const body = JSON.stringify({ major: "1", minor: "32", gitVersion: "v1.32.0" });
        const onSocket = (socket: TLSSocket) => {
          users.push(String(socket.getPeerCertificate().subject.CN));
          let head = "";
          socket.on("data", (chunk) => {
            head += chunk;
            if (!head.includes("\r\n\r\n")) return;
            const headers =
              `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close`;
            socket.end(`HTTP/1.1 200 OK\r\n${headers}\r\n\r\n${body}`);
          });
        };
        const dir = mkdtempSync(join(tmpdir(), "fkas-pki-"));
        // An empty kubeconfig, so ~/.kube/config stays out of it.
        const files = {
          ca: caPem,
          crt: client.certPem,
          key: client.keyPem,
          kubeconfig: "kind: Config\n",
        };
        for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
        try {
          await withServer(caPem, server, onSocket, async (port) => {
            const args = [
              `--kubeconfig=${join(dir, "kubeconfig")}`,
              `--server=https://127.0.0.1:${port}`,
              `--certificate-authority=${join(dir, "ca")}`,
              `--client-certificate=${join(dir, "crt")}`,
              `--client-key=${join(dir, "key")}`,
              ...["get", "--raw", "/version"],
            ];
            const out = await new Promise<string>((resolve, reject) =>
              execFile(
                "kubectl",
                args,
                (err, stdout, stderr) =>
                  err ? reject(new Error(stderr, { cause: err })) : resolve(stdout),
              )
            );
            assert.equal(JSON.parse(out).gitVersion, "v1.32.0");
          });
          assert.ok(
            users.length > 0 && users.every((u) => u === "kubernetes-admin"),
            String(users),
          );
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  });
}

describe("TLS with a certificate from another CA", () => {
  it("the server refuses a client certificate its CA did not sign", async () => {
    const { caPem, server } = await issueAll("ecdsa");
    const stranger = (await issueAll("ecdsa")).client;
    await withServer(caPem, server, (socket) => socket.end("hello"), async (port) => {
      assert.equal(await receive(port, caPem, stranger), "");
    });
  });
});
