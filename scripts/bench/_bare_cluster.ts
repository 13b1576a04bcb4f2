// One bare cluster (no seeded control plane, a fixed clock) and the kube app, in process: the
// fixture of the benchmarks that measure reads and writes of objects they create themselves.

import { FakeCluster } from "../../src/cluster/mod.ts";
import { createKubeApp, type KubeBindings } from "../../src/kube/mod.ts";
import type { CertificateAuthority } from "../../src/pki/mod.ts";

/** The fixed instant every object is written at, so runs encode the same bytes. */
export const BENCH_NOW = new Date("2026-01-02T03:04:05Z");

/** Calls the kube app as an admin with a JSON body; answers the parsed JSON, throws on >= 300. */
export type JsonCall = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** The cluster `default/bench`, the kube app and an admin's bindings. */
export interface BareCluster {
  readonly cluster: FakeCluster;
  readonly app: ReturnType<typeof createKubeApp>;
  readonly bindings: KubeBindings;
  readonly call: JsonCall;
}

/** Builds `default/bench` at Kubernetes v1.33.1 with the kube app in front of it. */
export function bareCluster(): BareCluster {
  let uid = 0;
  const cluster = new FakeCluster({
    namespace: "default",
    name: "bench",
    host: "127.0.0.1",
    port: 20000,
    ca: {} as CertificateAuthority,
    etcdCa: {} as CertificateAuthority,
    defaultKubernetesVersion: "v1.33.1",
    environment: { now: () => BENCH_NOW, newUid: () => `uid-${++uid}` },
  });
  const app = createKubeApp({ now: () => BENCH_NOW, anonymousAuth: false });
  const bindings: KubeBindings = {
    cluster,
    client: { authenticated: true, user: "kubernetes-admin", groups: ["system:masters"] },
  };
  const call: JsonCall = async (method, path, body) => {
    const init: RequestInit = { method, headers: { "content-type": "application/json" } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await app.request(path, init, bindings);
    const text = await response.text();
    if (response.status >= 300) throw new Error(`Cannot ${method} ${path}: ${text}`);
    return JSON.parse(text);
  };
  return { cluster, app, bindings, call };
}
