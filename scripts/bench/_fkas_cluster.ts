// Starts fkas with one fake cluster and writes the certificates the benchmark's clients and baseline use.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { createCertificateAuthority, issueServingCertificate } from "../../src/pki/mod.ts";
import { type Child, startChild } from "./_child.ts";
import { controlCall as call } from "./_control_call.ts";
import type { Runtime } from "./_runtimes.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const NAMESPACE = "bench";
const CLUSTER = "bench";

/** A running fkas with one serving cluster. */
export interface FkasCluster {
  readonly fkas: Child;
  readonly port: number;
  /** The control-plane node, for GET and PATCH. */
  readonly nodeName: string;
  /** ca.crt (the cluster CA), client.crt/key (the admin), server.crt/key (for the baseline). */
  readonly certDir: string;
  /** The cluster CA, to register more clusters whose admin certificate is the same. */
  readonly ca: { certPem: string; keyPem: string };
  /** Stops fkas and removes `certDir`. */
  stop(): Promise<void>;
}

/**
 * Starts fkas on `runtime` (with `extraFlags`, e.g. `--data-dir`), registers a cluster under a CA
 * made here, reports 1 control plane + `workers` nodes of `kubernetesVersion`; `main` runs another
 * tree's main.ts (a baseline).
 */
export async function startFkasCluster(
  runtime: Runtime,
  workers: number,
  extraFlags: readonly string[] = [],
  main: string = MAIN,
  kubernetesVersion = "v1.33.1",
): Promise<FkasCluster> {
  const now = new Date();
  const ca = await createCertificateAuthority({
    commonName: "bench-ca",
    keyAlgorithm: "ecdsa",
    now,
  });
  const base = 30000 + Math.floor(Math.random() * 300) * 100;
  const fkas = await startChild(runtime, main, [
    "serve",
    "--control-address=127.0.0.1:0",
    `--ports=${base}-${base + 99}`,
    "--listen-host=127.0.0.1",
    "--log-format=json",
    ...extraFlags,
  ], /"control":"([^"]+)"/);
  let certDir: string | undefined;
  const stop = async () => {
    if (certDir) rmSync(certDir, { recursive: true, force: true });
    await fkas.stop();
  };
  try {
    const control = `http://${fkas.ready}`;
    const registered = await call(control, "POST", "/register", {
      cluster: CLUSTER,
      namespace: NAMESPACE,
      ca: { cert: ca.certPem, key: ca.keyPem },
    });
    const nodeName = `${CLUSTER}-cp-1`;
    const nodes = [nodeName, ...Array.from({ length: workers }, (_, i) => `${CLUSTER}-w-${i + 1}`)];
    for (const name of nodes) {
      const controlPlane = name === nodeName;
      await call(control, "PUT", "/updateNode", {
        cluster: CLUSTER,
        namespace: NAMESPACE,
        nodeName: name,
        labels: controlPlane ? { "cluster.x-k8s.io/control-plane": "" } : {},
        k8sversion: kubernetesVersion,
        providerID: `fake://${name}`,
      });
    }
    const kubeconfig = parse(
      await call(control, "GET", `/clusters/${NAMESPACE}/${CLUSTER}/kubeconfig`),
    );
    const user = kubeconfig.users[0].user;
    const serving = await issueServingCertificate(ca, {
      commonName: "baseline",
      dnsNames: ["localhost"],
      ipAddresses: ["127.0.0.1"],
      now,
    });
    certDir = mkdtempSync(join(tmpdir(), "fkas-bench-"));
    const files: Record<string, string> = {
      "ca.crt": ca.certPem,
      "client.crt": atob(user["client-certificate-data"]),
      "client.key": atob(user["client-key-data"]),
      "server.crt": serving.certPem,
      "server.key": serving.keyPem,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(certDir, name), text);
    return { fkas, port: JSON.parse(registered).Port, nodeName, certDir, ca, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
