// The Corefile kubeadm renders into the coredns ConfigMap (KCP's CoreDNS migration parses it).

import { atLeastMinor } from "./addon_versions.ts";

/**
 * The Corefile kubeadm writes for a DNS domain; from 1.32 the cache no longer holds answers for the
 * cluster domain (kubernetes#128359).
 */
export function renderCorefile(kubernetesVersion: string, dnsDomain: string): string {
  const cache = atLeastMinor(kubernetesVersion, 32)
    ? [
      `    cache 30 {`,
      `       disable success ${dnsDomain}`,
      `       disable denial ${dnsDomain}`,
      `    }`,
    ]
    : [`    cache 30`];
  return [
    `.:53 {`,
    `    errors`,
    `    health {`,
    `       lameduck 5s`,
    `    }`,
    `    ready`,
    `    kubernetes ${dnsDomain} in-addr.arpa ip6.arpa {`,
    `       pods insecure`,
    `       fallthrough in-addr.arpa ip6.arpa`,
    `       ttl 30`,
    `    }`,
    `    prometheus :9153`,
    `    forward . /etc/resolv.conf {`,
    `       max_concurrent 1000`,
    `    }`,
    ...cache,
    `    loop`,
    `    reload`,
    `    loadbalance`,
    `}`,
    ``,
  ].join("\n");
}
