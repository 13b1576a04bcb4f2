// The `<cluster>-ca` and `<cluster>-etcd` Secrets CAPI expects, so KCP adopts fkas's CAs.

import { stringify } from "yaml";
import type { CertificateAuthority } from "../pki/mod.ts";
import { base64Utf8 } from "../encoding/mod.ts";

/** Renders both Secrets as one multi-document YAML stream, ready for `kubectl apply -f -`. */
export function renderCaSecrets(
  cluster: {
    namespace: string;
    name: string;
    ca: CertificateAuthority;
    etcdCa: CertificateAuthority;
  },
): string {
  return [
    secret(cluster.namespace, cluster.name, `${cluster.name}-ca`, cluster.ca),
    secret(cluster.namespace, cluster.name, `${cluster.name}-etcd`, cluster.etcdCa),
  ].map((doc) => stringify(doc)).join("---\n");
}

function secret(namespace: string, clusterName: string, name: string, ca: CertificateAuthority) {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace, labels: { "cluster.x-k8s.io/cluster-name": clusterName } },
    type: "cluster.x-k8s.io/secret",
    data: { "tls.crt": base64Utf8(ca.certPem), "tls.key": base64Utf8(ca.keyPem) },
  };
}
