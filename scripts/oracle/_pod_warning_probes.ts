// Probes of the warnings a pod's create gets (pkg/api/pod/warnings.go), sent with dryRun=All so
// nothing is stored: duplicate env names, ports and port names, overlapping volume paths, IP
// spellings, gitRepo, host aliases, image pull secrets, fractional bytes and affinity terms.

import type { Probe } from "./_probes.ts";

const PODS = "/api/v1/namespaces/default/pods?dryRun=All";

const pod = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
});

const probe = (name: string, spec: Record<string, unknown>): Probe => ({
  name: `pod warnings ${name}`,
  method: "POST",
  path: PODS,
  body: pod(`warn-${name}`, spec),
});

/** One dry-run pod create per kind of warning (the body and the Warning texts are compared). */
export const podWarnings: Probe[] = [
  probe("env", {
    containers: [{
      name: "app",
      image: "nginx",
      env: [
        { name: "A", value: "1" },
        { name: "A", value: "2" },
        { name: "A", value: "$(A)3" },
        { name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      ],
    }],
  }),
  probe("ports", {
    initContainers: [{
      name: "init",
      image: "busybox",
      ports: [{ name: "http", containerPort: 80 }, { containerPort: 90, hostIP: "10.0.0.1" }],
    }],
    containers: [
      { name: "app", image: "nginx", ports: [{ name: "http", containerPort: 80 }] },
      {
        name: "two",
        image: "nginx",
        ports: [
          { name: "metrics", containerPort: 80, hostPort: 8080 },
          { containerPort: 80, hostPort: 8080, hostIP: "10.0.0.2" },
        ],
      },
    ],
  }),
  probe("volumes", {
    volumes: [
      {
        name: "cm",
        configMap: {
          name: "c",
          items: [{ key: "a", path: "x" }, { key: "b", path: "x/y" }, { key: "c", path: "x/" }],
        },
      },
      {
        name: "sec",
        secret: { secretName: "s", items: [{ key: "a", path: "p" }, { key: "b", path: "p" }] },
      },
      {
        name: "dapi",
        downwardAPI: {
          items: [
            { path: "n", fieldRef: { fieldPath: "metadata.name" } },
            { path: "n/m", fieldRef: { fieldPath: "metadata.name" } },
          ],
        },
      },
      {
        name: "proj",
        projected: {
          sources: [
            { configMap: { name: "c", items: [{ key: "a", path: "t" }] } },
            { secret: { name: "s", items: [{ key: "a", path: "t/u" }] } },
            { serviceAccountToken: { path: "t/u/v" } },
            { downwardAPI: { items: [{ path: "t/", fieldRef: { fieldPath: "metadata.name" } }] } },
            {},
          ],
        },
      },
      { name: "git", gitRepo: { repository: "https://example.com/r.git" } },
    ],
  }),
  // 1.36 refuses leading zeros and IPv4-mapped addresses in new pods (StrictIPCIDRValidation):
  // only the RFC 5952 warning can be seen there.
  probe("ips", {
    dnsPolicy: "None",
    dnsConfig: { nameservers: ["2001:DB8::1", "2001:db8:0:0:0:0:0:1", "10.0.0.9"] },
    hostAliases: [
      { ip: "10.0.0.1", hostnames: ["a"] },
      { ip: "10.0.0.1", hostnames: ["b"] },
      { ip: "2001:0db8::2", hostnames: ["c"] },
    ],
  }),
  probe("lists", {
    imagePullSecrets: [{ name: "r" }, { name: "r" }, { name: "" }],
    terminationGracePeriodSeconds: -5,
    containers: [{
      name: "app",
      image: "nginx",
      resources: {
        limits: { memory: "1.5" },
        requests: { "ephemeral-storage": "0.5", memory: "1" },
      },
    }],
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone" }],
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, podAffinityTerm: { topologyKey: "zone" } },
        ],
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone" }],
      },
    },
  }),
];
