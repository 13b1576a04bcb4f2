// A management cluster for tests, played by a second fkas: one of its fake clusters holds the
// CRDs of CAPI Machines and Metal3 hosts, Secrets, and whatever the tests create.

import { readdirSync, readFileSync } from "node:fs";
import https from "node:https";
import { parse } from "yaml";
import { type FkasProcess, type Kubeconfig, startFkasProcess } from "./fkas_process.ts";

/** JSON from the API under test, read loosely. */
// deno-lint-ignore no-explicit-any
export type Json = any;

/** A running management cluster and a raw API client for it. */
export interface ManagementCluster {
  readonly fkas: FkasProcess;
  readonly kubeconfigPath: string;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** Like api(), but fails the test unless the answer is 2xx. */
  must(method: string, path: string, body?: unknown): Promise<Json>;
  /** Calls the management fkas's control API. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
}

const FREE_FORM = { type: "object", "x-kubernetes-preserve-unknown-fields": true };

/**
 * A namespaced CRD that accepts anything, standing in for a kind fkas does not own (CAPI's Machine,
 * Cluster, KubeadmControlPlane, Metal3's hosts); `storage` is the last version unless named.
 */
export function freeFormCrd(
  group: string,
  plural: string,
  kind: string,
  versions: string[],
  storage = versions.at(-1),
) {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      // No status subresource: the tests write status as CAPI's controllers would, in one go.
      versions: versions.map((name) => ({
        name,
        served: true,
        storage: name === storage,
        schema: { openAPIV3Schema: FREE_FORM },
      })),
    },
  };
}

/** The CRDs of CAPI Machines, MachinePools and KCPs (v1beta1 and v1beta2), Metal3Machines and BareMetalHosts. */
export const MANAGEMENT_CRDS = [
  freeFormCrd("cluster.x-k8s.io", "machines", "Machine", ["v1beta1", "v1beta2"]),
  freeFormCrd("cluster.x-k8s.io", "machinepools", "MachinePool", ["v1beta1", "v1beta2"]),
  freeFormCrd(
    "controlplane.cluster.x-k8s.io",
    "kubeadmcontrolplanes",
    "KubeadmControlPlane",
    ["v1beta1", "v1beta2"],
  ),
  freeFormCrd("infrastructure.cluster.x-k8s.io", "metal3machines", "Metal3Machine", ["v1beta1"]),
  freeFormCrd("metal3.io", "baremetalhosts", "BareMetalHost", ["v1alpha1"]),
];

/** fkas's own provider CRDs (deploy/provider/crds) and a free-form CAPI Cluster CRD. */
function providerCrds(): Json[] {
  const directory = new URL("../../deploy/provider/crds/", import.meta.url).pathname;
  return [
    ...readdirSync(directory).filter((f) => f.endsWith(".yaml")).sort()
      .map((file) => parse(readFileSync(directory + file, "utf8"))),
    freeFormCrd("cluster.x-k8s.io", "clusters", "Cluster", ["v1beta1"]),
  ];
}

/**
 * Starts the management fkas, activates its cluster `default/mgmt`, installs the CRDs (with
 * `provider`, also fkas's provider CRDs and a CAPI Cluster CRD).
 */
export async function startManagementCluster(
  options: { provider?: boolean } = {},
): Promise<ManagementCluster> {
  const fkas = await startFkasProcess();
  const { path, config } = await fkas.activate("default", "mgmt");
  const { api, must } = kubeApi(config);
  for (const definition of [...MANAGEMENT_CRDS, ...(options.provider ? providerCrds() : [])]) {
    await must("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", definition);
  }
  return {
    fkas,
    kubeconfigPath: path,
    api,
    must,
    async control(method, path, body) {
      const response = await fetch(`${fkas.control}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
  };
}

/** Raw JSON calls to a fake cluster with its kubeconfig's CA and client certificate. */
export function kubeApi(config: Kubeconfig) {
  const server = new URL(config.clusters[0].cluster.server);
  const pem = (data: string) =>
    new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  const tls = {
    ca: pem(config.clusters[0].cluster["certificate-authority-data"]),
    cert: pem(config.users[0].user["client-certificate-data"]),
    key: pem(config.users[0].user["client-key-data"]),
  };
  const api = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: Json }>((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const request = https.request({
        host: server.hostname,
        port: server.port,
        method,
        path,
        ...tls,
        agent: false,
        headers: {
          Accept: "application/json",
          ...(text === undefined ? {} : {
            "Content-Type": method === "PATCH"
              ? "application/merge-patch+json"
              : "application/json",
          }),
        },
      }, (response) => {
        let data = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => data += chunk);
        response.on("end", () => {
          let parsed: unknown = data;
          try {
            parsed = JSON.parse(data);
          } catch { /* not JSON */ }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      });
      request.on("error", reject);
      request.end(text);
    });
  const must = async (method: string, path: string, body?: unknown) => {
    const answer = await api(method, path, body);
    if (answer.status >= 300) {
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  };
  return { api, must, caPem: tls.ca };
}

/** A Secret holding a CA pair as KCP writes `<cluster>-ca` and `<cluster>-etcd`. */
export function caSecret(namespace: string, name: string, certPem: string, keyPem: string) {
  const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace },
    type: "cluster.x-k8s.io/secret",
    data: { "tls.crt": b64(certPem), "tls.key": b64(keyPem) },
  };
}
