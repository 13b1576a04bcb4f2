// A fake cluster and a request helper for kube app tests (no sockets).

import { FakeCluster } from "../../src/cluster/mod.ts";
import { createKubeApp, type KubeAppOptions, type KubeBindings } from "../../src/kube/mod.ts";
import type { CertificateAuthority } from "../../src/pki/mod.ts";

/** The admin identity kubeconfigs carry. */
export const ADMIN: KubeBindings["client"] = {
  authenticated: true,
  user: "kubernetes-admin",
  groups: ["system:masters"],
};

/** A registered-and-seeded cluster plus `call(method, path, body?, headers?)` returning status and JSON. */
export function kubeFixture(
  options: {
    now?: Date;
    historyLimit?: number;
    byteLimit?: number;
    maxRequestBytes?: number;
    kubernetesVersion?: string;
    workloads?: boolean;
    onControllerError?: (error: unknown) => void;
    durable?: KubeAppOptions["durable"];
  } = {},
) {
  let uid = 0;
  let now = options.now ?? new Date("2026-01-02T03:04:05Z");
  const cluster = new FakeCluster({
    namespace: "default",
    name: "test",
    host: "127.0.0.1",
    port: 20000,
    ca: {} as CertificateAuthority,
    etcdCa: {} as CertificateAuthority,
    defaultKubernetesVersion: options.kubernetesVersion ?? "v1.33.1",
    environment: {
      now: () => now,
      newUid: () => `uid-${++uid}`,
      historyLimit: options.historyLimit,
      byteLimit: options.byteLimit,
    },
    workloads: options.workloads,
    onControllerError: options.onControllerError,
  });
  const app = createKubeApp({
    now: () => now,
    anonymousAuth: false,
    maxRequestBytes: options.maxRequestBytes,
    durable: options.durable,
  });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body instanceof Uint8Array) init.body = body as Uint8Array<ArrayBuffer>;
    else if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const response = await app.request(path, init, { cluster, client: ADMIN });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json;
    try {
      json = JSON.parse(text);
    } catch { /* not JSON */ }
    return { status: response.status, json, text, bytes, headers: response.headers };
  };
  return { cluster, app, call, advance: (ms: number) => now = new Date(now.getTime() + ms) };
}
