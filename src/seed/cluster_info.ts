// The kube-public/cluster-info ConfigMap kubeadm publishes for token discovery, and its RBAC.

import type { KubeObject } from "../store/mod.ts";
import { base64Utf8 } from "../encoding/mod.ts";
import { configMapReaderRole, roleBinding } from "./_rbac.ts";
import { toYaml } from "./_yaml.ts";
import { type ClusterShape, serverURL } from "./cluster_shape.ts";

const NAME = "cluster-info";
const ROLE = "kubeadm:bootstrap-signer-clusterinfo";

type ClusterInfoInputs = Pick<ClusterShape, "controlPlaneEndpoint" | "caCertificatePem">;

/** The kubeconfig kubeadm stores: one unnamed cluster (CA data and server), as clientcmd.Write emits it. */
export function renderClusterInfoKubeconfig(shape: ClusterInfoInputs): string {
  const data = base64Utf8(shape.caCertificatePem);
  const server = serverURL(shape);
  // Every cluster's text differs in these two scalars only: written as plain scalars (a PEM's
  // base64, a URL of a name or IPv4 address), they go into the text the writer made once. The
  // writer took ~30 us per cluster for it (and filled toYaml's cache with texts used once).
  if (PLAIN_DATA.test(data) && PLAIN_SERVER.test(server)) {
    const [head, middle, tail] = kubeconfigTemplate();
    return [head, data, middle, server, tail].join("");
  }
  return toYaml(kubeconfig(data, server));
}

function kubeconfig(data: string, server: string): unknown {
  return {
    apiVersion: "v1",
    clusters: [{ cluster: { "certificate-authority-data": data, server }, name: "" }],
    contexts: null,
    "current-context": "",
    kind: "Config",
    preferences: {},
    users: null,
  };
}

// Values of the same characters as the marks below are written as plain scalars, as the marks
// are (no quotes, no line breaks: go-yaml breaks plain scalars only at spaces); a PEM's base64
// starts "LS0t" ("---"), so it never reads as a number, a boolean or null.
const PLAIN_DATA = /^LS0t[A-Za-z0-9+/]*={0,2}$/;
const PLAIN_SERVER = /^https:\/\/[A-Za-z0-9.-]+:[0-9]+$/;
const DATA_MARK = "LS0tFkasCertificateAuthorityData";
const SERVER_MARK = "https://fkas-cluster-info-server:6443";
let template: readonly [string, string, string] | undefined;

// The writer's text with the marks, cut around them.
function kubeconfigTemplate(): readonly [string, string, string] {
  if (template === undefined) {
    const text = toYaml(kubeconfig(DATA_MARK, SERVER_MARK));
    const data = text.indexOf(DATA_MARK);
    const server = text.indexOf(SERVER_MARK);
    template = [
      text.slice(0, data),
      text.slice(data + DATA_MARK.length, server),
      text.slice(server + SERVER_MARK.length),
    ];
  }
  return template;
}

/** The cluster-info ConfigMap (key `kubeconfig`). */
export function renderClusterInfoConfigMap(shape: ClusterInfoInputs): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: NAME, namespace: "kube-public" },
    data: { kubeconfig: renderClusterInfoKubeconfig(shape) },
  };
}

/** Role and RoleBinding letting anonymous users read cluster-info. */
export function renderClusterInfoRBAC(): KubeObject[] {
  return [
    configMapReaderRole("kube-public", ROLE, NAME),
    roleBinding("kube-public", ROLE, [{ kind: "User", name: "system:anonymous" }]),
  ];
}
