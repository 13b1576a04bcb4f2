// Starts fkas with one cluster of control planes and gathers what a port-forward client needs.
import { parseAllDocuments } from "yaml";
import { issueClientCertificate, loadCertificateAuthority } from "../../src/pki/mod.ts";
import { type Child, startChild } from "./_child.ts";
import { controlCall as call } from "./_control_call.ts";
import type { PortForwardTarget } from "./_port_forward_client.ts";
import type { Runtime } from "./_runtimes.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const NAMESPACE = "bench";
const CLUSTER = "pf";

/** A running fkas child with one cluster whose etcd pods can be port-forwarded. */
export interface PortForwardFkas {
  readonly fkas: Child;
  /** The fkas process itself (the runtime, not a wrapper). */
  readonly pid: number;
  readonly control: string;
  /** One target per control plane (same certificates, different `etcd-<node>`). */
  readonly targets: PortForwardTarget[];
  stop(): Promise<void>;
}

/** Starts fkas on `runtime` and registers a cluster with `controlPlanes` control-plane nodes. */
export async function startPortForwardFkas(
  runtime: Runtime,
  controlPlanes = 3,
  flags: string[] = [],
): Promise<PortForwardFkas> {
  const base = 30000 + Math.floor(Math.random() * 300) * 100;
  const fkas = await startChild(runtime, MAIN, [
    "serve",
    "--control-address=127.0.0.1:0",
    `--ports=${base}-${base + 99}`,
    "--listen-host=127.0.0.1",
    "--log-format=json",
    ...flags,
  ], /"control":"([^"]+)"/);
  try {
    const control = `http://${fkas.ready}`;
    const registered = JSON.parse(
      await call(control, "POST", "/register", { cluster: CLUSTER, namespace: NAMESPACE }),
    );
    const nodes = Array.from({ length: controlPlanes }, (_, i) => `cp-${i + 1}`);
    for (const nodeName of nodes) {
      await call(control, "PUT", "/updateNode", {
        cluster: CLUSTER,
        namespace: NAMESPACE,
        nodeName,
        labels: { "cluster.x-k8s.io/control-plane": "" },
        k8sversion: "v1.33.1",
        providerID: `fake://${nodeName}`,
      });
    }
    const kubeconfig = parseAllDocuments(
      await call(control, "GET", `/clusters/${NAMESPACE}/${CLUSTER}/kubeconfig`),
    )[0].toJSON();
    const user = kubeconfig.users[0].user;
    const secrets = parseAllDocuments(
      await call(control, "GET", `/clusters/${NAMESPACE}/${CLUSTER}/ca-secrets`),
    ).map((d) => d.toJSON());
    const etcdSecret = secrets.find((s) => s?.metadata?.name === `${CLUSTER}-etcd`);
    if (!etcdSecret) throw new Error(`Cannot find the ${CLUSTER}-etcd secret`);
    const etcdCa = await loadCertificateAuthority(
      atob(etcdSecret.data["tls.crt"]),
      atob(etcdSecret.data["tls.key"]),
    );
    const etcdClient = await issueClientCertificate(etcdCa, {
      commonName: "cluster-api.x-k8s.io",
      organizations: [],
      now: new Date(),
    });
    const common = {
      host: "127.0.0.1",
      port: registered.Port as number,
      caPem: atob(kubeconfig.clusters[0].cluster["certificate-authority-data"]),
      certPem: atob(user["client-certificate-data"]),
      keyPem: atob(user["client-key-data"]),
      etcdCaPem: etcdCa.certPem,
      etcdCertPem: etcdClient.certPem,
      etcdKeyPem: etcdClient.keyPem,
    };
    return {
      fkas,
      pid: fkas.process.pid!,
      control,
      targets: nodes.map((node) => ({ ...common, node })),
      stop: () => fkas.stop(),
    };
  } catch (error) {
    await fkas.stop();
    throw error;
  }
}
