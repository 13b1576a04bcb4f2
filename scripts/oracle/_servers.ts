// Starts the two servers the oracle compares: a real kube-apiserver (with its etcd) built from Go
// modules by scripts/capi-e2e/build.sh, and fkas with one cluster reporting the same version.
import { generateKeyPairSync } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
} from "../../src/pki/mod.ts";
import { startFkasCluster } from "../bench/_fkas_cluster.ts";
import { freePorts } from "../bench/_free_ports.ts";
import type { Runtime } from "../bench/_runtimes.ts";
import { send } from "./_request.ts";

const PORT_BASE = Number(process.env.FKAS_PORT_BASE ?? 0);

/** Where a server answers and the admin credentials to reach it with TLS verification on. */
export interface Endpoint {
  base: string;
  ca: string;
  cert: string;
  key: string;
  stop(): Promise<void>;
}

/** Starts etcd and kube-apiserver from `bin` on free loopback ports; resolves once /readyz is ok. */
export async function startKubeApiserver(bin: string): Promise<Endpoint> {
  const now = new Date();
  const ca = await createCertificateAuthority({
    commonName: "oracle-ca",
    keyAlgorithm: "ecdsa",
    now,
  });
  const serving = await issueServingCertificate(ca, {
    commonName: "kube-apiserver",
    dnsNames: ["localhost", "kubernetes", "kubernetes.default.svc"],
    ipAddresses: ["127.0.0.1", "10.96.0.1"],
    now,
  });
  const admin = await issueClientCertificate(ca, {
    commonName: "kubernetes-admin",
    // The subject of the admin certificate fkas issues, so both servers see the same user.
    organizations: ["system:masters"],
    now,
  });
  const sa = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const files: Record<string, string> = {
    "ca.crt": ca.certPem,
    "serving.crt": serving.certPem,
    "serving.key": serving.keyPem,
    "sa.pub": sa.publicKey.export({ type: "spki", format: "pem" }).toString(),
    "sa.key": sa.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  // FKAS_PORT_BASE=N: etcd and kube-apiserver take ports from N up (fkas from N + 100), for a
  // shared machine where each engineer keeps to a range.
  const [etcdPort, peerPort, apiPort] = PORT_BASE
    ? await freePorts(3, PORT_BASE, PORT_BASE + 100)
    : await freePorts(3, 24_000 + Math.floor(Math.random() * 4000));
  // Made once nothing before the children can fail; stop() removes it.
  const dir = mkdtempSync(join(tmpdir(), "fkas-oracle-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const children = [
    spawn(join(bin, "etcd"), [
      "--name=oracle",
      `--data-dir=${join(dir, "etcd")}`,
      "--unsafe-no-fsync",
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=oracle=http://127.0.0.1:${peerPort}`,
      "--log-level=error",
    ], { stdio: "ignore" }),
  ];
  // The flags kubeadm gives kube-apiserver that change what clients see.
  children.push(spawn(join(bin, "kube-apiserver"), [
    `--etcd-servers=http://127.0.0.1:${etcdPort}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${apiPort}`,
    `--tls-cert-file=${join(dir, "serving.crt")}`,
    `--tls-private-key-file=${join(dir, "serving.key")}`,
    `--client-ca-file=${join(dir, "ca.crt")}`,
    `--service-account-key-file=${join(dir, "sa.pub")}`,
    `--service-account-signing-key-file=${join(dir, "sa.key")}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    "--service-cluster-ip-range=10.96.0.0/12",
    "--authorization-mode=Node,RBAC",
    "--enable-admission-plugins=NodeRestriction",
    "--allow-privileged=true",
    "--v=0",
  ], { stdio: "ignore" }));
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const endpoint = {
    base: `https://127.0.0.1:${apiPort}`,
    ca: ca.certPem,
    cert: admin.certPem,
    key: admin.keyPem,
    stop,
  };
  try {
    await waitReady(endpoint, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return endpoint;
}

/** Starts fkas on `runtime` with one cluster of `version` and no worker nodes. */
export async function startFkas(runtime: Runtime, version: string): Promise<Endpoint> {
  const ports = PORT_BASE ? [`--ports=${PORT_BASE + 100}-${PORT_BASE + 199}`] : [];
  const cluster = await startFkasCluster(runtime, 0, ports, undefined, version);
  const read = (name: string) => readFileSync(join(cluster.certDir, name), "utf8");
  return {
    base: `https://127.0.0.1:${cluster.port}`,
    ca: read("ca.crt"),
    cert: read("client.crt"),
    key: read("client.key"),
    stop: () => cluster.stop(),
  };
}

/** Polls GET /readyz until it answers 200, for at most `timeoutMs`. */
async function waitReady(endpoint: Endpoint, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const answer = await send(endpoint, { name: "readyz", method: "GET", path: "/readyz" });
      if (answer.status === 200) return;
      last = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`kube-apiserver not ready in ${timeoutMs} ms: ${last}`);
}
