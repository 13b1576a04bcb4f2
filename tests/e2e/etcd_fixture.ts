// Helpers for end-to-end tests that reach a fake cluster's etcd: port-forwards, certificates, etcdctl.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import net from "node:net";
import process from "node:process";
import { parseAllDocuments } from "yaml";
import { issueClientCertificate, loadCertificateAuthority } from "../../src/pki/mod.ts";
import type { FkasProcess } from "./fkas_process.ts";

/** Whether a command runs here. */
export const has = (command: string, args: string[]) =>
  spawnSync(command, args, { encoding: "utf8" }).status === 0;

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `kubectl port-forward` and resolves once it forwards. */
export async function portForward(
  kubeconfig: string,
  pod: string,
  localPort: number,
  remotePort: number,
) {
  const child = spawn("kubectl", [
    "--kubeconfig",
    kubeconfig,
    "port-forward",
    "-n",
    "kube-system",
    `pod/${pod}`,
    `${localPort}:${remotePort}`,
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`port-forward did not start:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Forwarding from")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", () => reject(new Error(`port-forward exited:\n${output}`)));
  });
  return { child, output: () => output };
}

/** Stops a child process and waits for it. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill();
  });
}

/**
 * etcdctl flags with an etcd client certificate as KCP makes one (CN cluster-api.x-k8s.io, signed
 * by <cluster>-etcd); the files are the fkas process's, removed when it exits.
 */
export async function etcdClientFlags(
  fkas: Pick<FkasProcess, "control" | "writeFile">,
  namespace: string,
  name: string,
): Promise<string[]> {
  const secrets = await (await fetch(`${fkas.control}/clusters/${namespace}/${name}/ca-secrets`))
    .text();
  const etcdSecret = parseAllDocuments(secrets).map((d) => d.toJSON()).find((s) =>
    s.metadata.name === `${name}-etcd`
  );
  const etcdCa = await loadCertificateAuthority(
    atob(etcdSecret.data["tls.crt"]),
    atob(etcdSecret.data["tls.key"]),
  );
  const client = await issueClientCertificate(etcdCa, {
    commonName: "cluster-api.x-k8s.io",
    organizations: [],
    now: new Date(),
  });
  const file = (fileName: string, text: string) =>
    fkas.writeFile(`${namespace}-${name}-etcd-${fileName}`, text);
  return [
    `--cacert=${file("ca.crt", etcdCa.certPem)}`,
    `--cert=${file("client.crt", client.certPem)}`,
    `--key=${file("client.key", client.keyPem)}`,
    "--dial-timeout=10s",
    "--command-timeout=15s",
  ];
}

/** Runs etcdctl (API v3) against a forwarded local port. */
export function etcdctl(localPort: number, flags: string[], ...args: string[]) {
  const result = spawnSync("etcdctl", [
    `--endpoints=https://127.0.0.1:${localPort}`,
    ...flags,
    ...args,
  ], {
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, ETCDCTL_API: "3" },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** `etcdctl member list` as {id (hex), state, name}. */
export function etcdMembers(localPort: number, flags: string[]) {
  return etcdctl(localPort, flags, "member", "list").out.trim().split("\n").map((line) => {
    const [id, state, name] = line.split(", ");
    return { id, state, name };
  });
}
