// Reads the `<cluster>-ca` and `<cluster>-etcd` Secrets KCP creates (keys tls.crt and tls.key).

import type { CaSecretsLookup, ReadCaSecrets, SuppliedCa } from "../cluster/mod.ts";
import type { ManagementClient } from "./management_client.ts";

/** A ReadCaSecrets that asks the management cluster. */
export function caSecretsReader(client: ManagementClient): ReadCaSecrets {
  return async (namespace, clusterName): Promise<CaSecretsLookup> => {
    const names = [`${clusterName}-ca`, `${clusterName}-etcd`];
    const [ca, etcd] = await Promise.all(names.map((name) => client.readSecret(namespace, name)));
    const pairs: (SuppliedCa | undefined)[] = [keyPair(ca), keyPair(etcd)];
    for (const [index, secret] of [ca, etcd].entries()) {
      if (!secret) return { found: false, missing: `CA secret ${namespace}/${names[index]}` };
      if (!pairs[index]) {
        return {
          found: false,
          missing: `tls.crt and tls.key in secret ${namespace}/${names[index]}`,
        };
      }
    }
    return { found: true, ca: pairs[0]!, etcdCa: pairs[1]! };
  };
}

function keyPair(data: Record<string, string> | undefined): SuppliedCa | undefined {
  const certPem = data?.["tls.crt"];
  const keyPem = data?.["tls.key"];
  return certPem && keyPem ? { certPem, keyPem } : undefined;
}
