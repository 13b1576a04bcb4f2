// Probes of pod spec validation kube-apiserver does and fkas once skipped, sent with dryRun=All so
// nothing is stored: dnsConfig (policy None, nameserver count and spellings, searches, options)
// and hostAliases (IPs, hostnames), with causes in ValidatePodSpec's order; a projected volume;
// RuntimeClass admission: the overhead check, and the mutating half (overhead, node selector and
// tolerations from the class; a missing class).

import type { Probe } from "./_probes.ts";

const PODS = "/api/v1/namespaces/default/pods?dryRun=All";

const probe = (name: string, spec: Record<string, unknown>): Probe => ({
  name: `pod validation ${name}`,
  method: "POST",
  path: PODS,
  body: {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `valid-${name.replaceAll(" ", "-")}` },
    spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
  },
});

/** One dry-run pod create per group of dnsConfig and hostAliases failures. */
export const podValidation: Probe[] = [
  probe("dns none without config", { dnsPolicy: "None" }),
  probe("dns none without nameservers", {
    dnsPolicy: "None",
    dnsConfig: { searches: ["Bad_"], options: [{ name: "" }] },
  }),
  probe("dns config", {
    dnsConfig: {
      nameservers: ["1.2.3.4", "010.0.0.1", "::ffff:1.2.3.4", "not-an-ip"],
      searches: ["a.example.com.", ".", "my_svc.example", "Bad", "-x", "ok"],
      options: [{ name: "ndots", value: "2" }, { value: "1" }],
    },
    tolerations: [{ key: "k", operator: "Exists", effect: "Bogus" }],
    hostAliases: [
      { ip: "300.1.1.1", hostnames: ["ok.example", "Bad_Host"] },
      { ip: "0:0:0:0:0:ffff:102:304", hostnames: ["x"] },
      { hostnames: [] },
    ],
  }),
  probe("dns searches limits", {
    dnsConfig: {
      searches: Array.from({ length: 33 }, (_, i) => `${"d".repeat(62)}${i % 10}`),
    },
  }),
  probe("projected duplicate paths", {
    volumes: [{
      name: "proj",
      projected: {
        defaultMode: 1000,
        sources: [
          { secret: { name: "s", items: [{ key: "a", path: "x" }, { key: "b", path: "y" }] } },
          {
            configMap: { name: "cm", items: [{ key: "c", path: "x" }, { key: "", path: "/abs" }] },
          },
          { downwardAPI: { items: [{ path: "y", fieldRef: { fieldPath: "metadata.name" } }] } },
          { secret: {}, configMap: { name: "two", items: [{ key: "k", path: "y" }] } },
        ],
      },
    }],
  }),
  probe("overhead without runtime class", {
    overhead: { cpu: "100m" },
  }),
  probe("empty overhead without runtime class", { overhead: {} }),
  {
    name: "pod validation runtime class without overhead",
    method: "POST",
    path: "/apis/node.k8s.io/v1/runtimeclasses",
    body: { metadata: { name: "plain" }, handler: "runc" },
    setup: true,
  },
  probe("overhead with runtime class without overhead", {
    runtimeClassName: "plain",
    overhead: { memory: "10Mi" },
  }),
  probe("runtime class without overhead", { runtimeClassName: "plain" }),
  {
    name: "pod validation runtime class with overhead and scheduling",
    method: "POST",
    path: "/apis/node.k8s.io/v1/runtimeclasses",
    body: {
      metadata: { name: "sandboxed" },
      handler: "runsc",
      overhead: { podFixed: { memory: "120Mi", cpu: "250m" } },
      scheduling: {
        nodeSelector: { sandbox: "gvisor" },
        tolerations: [
          { key: "sandbox", operator: "Equal", value: "gvisor", effect: "NoSchedule" },
          { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
        ],
      },
    },
    setup: true,
  },
  probe("runtime class with overhead and scheduling", {
    runtimeClassName: "sandboxed",
    nodeSelector: { zone: "a" },
    tolerations: [{ key: "sandbox", operator: "Exists" }],
  }),
  probe("runtime class overhead written otherwise", {
    runtimeClassName: "sandboxed",
    overhead: { cpu: "0.25", memory: "120Mi" },
  }),
  probe("runtime class overhead differing", {
    runtimeClassName: "sandboxed",
    overhead: { cpu: "1" },
  }),
  probe("runtime class node selector conflict", {
    runtimeClassName: "sandboxed",
    nodeSelector: { sandbox: "runc" },
  }),
  probe("runtime class missing", { runtimeClassName: "missing" }),
  // Go's omitempty: empty strings, lists, maps and false left out, pointers' zeros kept.
  probe("go empty values", {
    containers: [{
      name: "app",
      image: "nginx",
      args: [],
      workingDir: "",
      env: [{ name: "A", value: "" }],
      ports: [{ containerPort: 80, hostIP: "", name: "" }],
      stdin: false,
    }],
    imagePullSecrets: [{ name: "" }, { name: "pull" }],
    nodeSelector: {},
    hostname: "",
    subdomain: "",
    hostNetwork: false,
    automountServiceAccountToken: false,
    activeDeadlineSeconds: 30,
    readinessGates: [],
  }),
  // podStatusStrategy: observed generations stored (1.34+) and kept when a write leaves them out.
  {
    name: "pod status observed generation pod",
    method: "POST",
    path: "/api/v1/namespaces/default/pods",
    body: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "observed" },
      spec: { containers: [{ name: "app", image: "nginx" }], nodeName: "nowhere" },
    },
    setup: true,
  },
  {
    name: "pod status observed generation set",
    method: "PATCH",
    path: "/api/v1/namespaces/default/pods/observed/status",
    contentType: "application/merge-patch+json",
    body: {
      status: {
        observedGeneration: 1,
        conditions: [{ type: "Ready", status: "False", observedGeneration: 1 }],
      },
    },
  },
  {
    name: "pod status observed generation kept",
    method: "PATCH",
    path: "/api/v1/namespaces/default/pods/observed/status",
    contentType: "application/merge-patch+json",
    body: { status: { observedGeneration: null, conditions: [{ type: "Ready", status: "True" }] } },
  },
  {
    name: "pod status observed generation delete",
    method: "DELETE",
    path: "/api/v1/namespaces/default/pods/observed?gracePeriodSeconds=0",
    setup: true,
  },
  {
    name: "service go empty values",
    method: "POST",
    path: "/api/v1/namespaces/default/services?dryRun=All",
    body: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "empty-values", labels: {} },
      spec: {
        ports: [{ name: "", port: 80, nodePort: 0 }],
        selector: {},
        externalIPs: [],
        loadBalancerSourceRanges: [],
        sessionAffinity: "",
        externalName: "",
        publishNotReadyAddresses: false,
      },
    },
  },
];
