// fkas for the scale benchmark: the child process, its control API, and making clusters in bulk.
import tls from "node:tls";
import { parse } from "yaml";
import { controlCall as call } from "./_control_call.ts";
import type { Runtime } from "./_runtimes.ts";
import { type ScaleChild, spawnScaleChild, spawnScaleCommand } from "./_scale_proc.ts";
import { Samples } from "./_stats.ts";
import type { ClusterTarget } from "./scale_load.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
export const NAMESPACE = "scale";
const VERSION = "v1.33.1";
const WORKERS = 3;

/** A running fkas and the URL of its control API. */
export interface ScaleFkas {
  readonly child: ScaleChild;
  readonly control: string;
}

/**
 * Starts fkas (`main.ts serve` on `runtime`, or the compiled `binary`) with cluster ports in
 * `ports` ("MIN-MAX") on loopback; `main` runs another checkout's main.ts (a baseline).
 */
export async function startScaleFkas(
  runtime: Runtime,
  ports: string,
  binary?: string,
  extraFlags: readonly string[] = [],
  main: string = MAIN,
): Promise<ScaleFkas> {
  const args = [
    "serve",
    "--control-address=127.0.0.1:0",
    `--ports=${ports}`,
    "--listen-host=127.0.0.1",
    "--log-format=json",
    ...extraFlags,
  ];
  const child = binary
    ? spawnScaleCommand([binary, ...args])
    : spawnScaleChild(runtime, main, args);
  try {
    const control = `http://${await child.waitFor(/"control":"([^"]+)"/, 120_000)}`;
    return { child, control };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** The name of cluster `i` (0-based): c00001, c00002, ... */
export const clusterName = (i: number) => `c${String(i + 1).padStart(5, "0")}`;
export const controlPlaneOf = (name: string) => `${name}-cp-1`;

/** What making the clusters measured. */
export interface Creation {
  /** performance.now() of the first /register and of the last listener's answered handshake. */
  startedAt: number;
  readyAt: number;
  ports: number[];
  register: Samples;
  updateNode: Samples;
  /** From the control plane's updateNode answer to the TLS handshake completing on the cluster port. */
  handshake: Samples;
  failures: number;
  firstError?: string;
}

/** A TLS handshake with the cluster's listener (no client certificate: anonymous is still served TLS). */
function handshake(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      rejectUnauthorized: false,
      ALPNProtocols: ["http/1.1"],
    }, () => {
      socket.destroy();
      resolve();
    });
    socket.on("error", reject);
  });
}

/** A TLS handshake with the cluster's listener, retried every 20 ms for up to ~2 s. */
export async function handshakeWithRetries(port: number): Promise<void> {
  for (let attempt = 0;; attempt++) {
    try {
      return await handshake(port);
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * A TLS handshake with every port, `inFlight` at a time (as clients reconnecting after a restart
 * would; 10,000 at once would also need 10,000 more descriptors in fkas than its listeners hold).
 */
export async function handshakeAll(
  ports: readonly number[],
  handshakeOne: (port: number) => Promise<void> = handshakeWithRetries,
  inFlight = 256,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < ports.length) await handshakeOne(ports[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, ports.length) }, lane));
}

/** Registers `count` clusters of 1 control plane + 3 workers, `concurrency` clusters in flight, each ending with a TLS handshake. */
export async function createClusters(
  control: string,
  count: number,
  concurrency: number,
  onProgress: (done: number) => void,
): Promise<Creation> {
  const result: Creation = {
    startedAt: performance.now(),
    readyAt: 0,
    ports: new Array(count),
    register: new Samples(),
    updateNode: new Samples(),
    handshake: new Samples(),
    failures: 0,
  };
  const timed = async (samples: Samples, work: () => Promise<string>) => {
    const started = performance.now();
    const text = await work();
    samples.add(performance.now() - started);
    return text;
  };
  let next = 0;
  let done = 0;
  const one = async (i: number) => {
    const cluster = clusterName(i);
    const registered = await timed(
      result.register,
      () => call(control, "POST", "/register", { cluster, namespace: NAMESPACE }),
    );
    const port = JSON.parse(registered).Port as number;
    result.ports[i] = port;
    const nodes = [
      controlPlaneOf(cluster),
      ...Array.from({ length: WORKERS }, (_, w) => `${cluster}-w-${w + 1}`),
    ];
    for (const [n, nodeName] of nodes.entries()) {
      await timed(result.updateNode, () =>
        call(control, "PUT", "/updateNode", {
          cluster,
          namespace: NAMESPACE,
          nodeName,
          labels: n === 0 ? { "cluster.x-k8s.io/control-plane": "" } : {},
          k8sversion: VERSION,
          providerID: `fake://${nodeName}`,
        }));
    }
    const started = performance.now();
    await handshakeWithRetries(port);
    result.handshake.add(performance.now() - started);
    result.readyAt = Math.max(result.readyAt, performance.now());
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      try {
        await one(i);
      } catch (error) {
        result.failures++;
        result.firstError ??= (error as Error).message;
      }
      if (++done % Math.max(1, Math.floor(count / 10)) === 0) onProgress(done);
    }
  }));
  return result;
}

/** The admin client of cluster `name` as the load generator needs it, from its kubeconfig. */
export async function clusterTarget(control: string, name: string): Promise<ClusterTarget> {
  const kubeconfig = parse(await call(control, "GET", `/clusters/${NAMESPACE}/${name}/kubeconfig`));
  const server = new URL(kubeconfig.clusters[0].cluster.server);
  const user = kubeconfig.users[0].user;
  return {
    name,
    port: Number(server.port),
    caPem: atob(kubeconfig.clusters[0].cluster["certificate-authority-data"]),
    certPem: atob(user["client-certificate-data"]),
    keyPem: atob(user["client-key-data"]),
  };
}
