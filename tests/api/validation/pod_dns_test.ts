// A pod spec's dnsConfig and hostAliases: kube-apiserver's paths, reasons and messages per minor
// (k8s.io/kubernetes v1.29–v1.36 pkg/apis/core/validation `validatePodDNSConfig`,
// `ValidateHostAliases`); the v1.36 answers were checked against a real kube-apiserver v1.36.3.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidStatus, validateCreate } from "../../../src/api/validation/mod.ts";

const PODS = { key: "pods", namespaced: true };

function causes(spec: Record<string, unknown>, minor: number): string[] {
  const pod = {
    metadata: { name: "p", namespace: "default" },
    spec: { containers: [{ name: "c", image: "busybox" }], ...spec },
  };
  const errors = validateCreate(PODS, pod, minor);
  if (errors.length === 0) return [];
  return invalidStatus("Pod", "p", errors, minor).causes.map((cause) =>
    `${cause.field}: ${cause.message}`
  );
}

const IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const SUBDOMAIN_UNDERSCORE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')";

const MIXED = {
  dnsConfig: {
    nameservers: ["1.2.3.4", "010.0.0.1", "::ffff:1.2.3.4", "not-an-ip"],
    searches: ["a.example.com.", ".", "my_svc.example", "Bad"],
    options: [{ name: "ndots", value: "2" }, { value: "1" }],
  },
  tolerations: [{ key: "k", operator: "Exists", effect: "Bogus" }],
  hostAliases: [
    { ip: "300.1.1.1", hostnames: ["ok.example", "Bad_Host"] },
    { ip: "0:0:0:0:0:ffff:102:304", hostnames: ["x"] },
  ],
};

describe("pod dnsConfig and hostAliases", () => {
  it("v1.36: strict IPs, relaxed searches, in ValidatePodSpec's order around tolerations", () => {
    assert.deepEqual(causes(MIXED, 36), [
      'spec.dnsConfig.nameservers: Invalid value: ["1.2.3.4","010.0.0.1","::ffff:1.2.3.4","not-an-ip"]: must not have more than 3 nameservers',
      'spec.dnsConfig.nameservers[1]: Invalid value: "010.0.0.1": must not have leading 0s',
      'spec.dnsConfig.nameservers[2]: Invalid value: "::ffff:1.2.3.4": must not be an IPv4-mapped IPv6 address',
      `spec.dnsConfig.nameservers[3]: Invalid value: "not-an-ip": ${IP}`,
      `spec.dnsConfig.searches[3]: Invalid value: "Bad": ${SUBDOMAIN_UNDERSCORE}`,
      "spec.dnsConfig.options[1]: Required value: must not be empty",
      'spec.tolerations[0].effect: Unsupported value: "Bogus": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      `spec.hostAliases[0].ip: Invalid value: "300.1.1.1": ${IP}`,
      `spec.hostAliases[0].hostnames[1]: Invalid value: "Bad_Host": ${SUBDOMAIN}`,
      'spec.hostAliases[1].ip: Invalid value: "0:0:0:0:0:ffff:102:304": must not be an IPv4-mapped IPv6 address',
    ]);
  });

  it("v1.33–v1.35 take leading zeros and IPv4-mapped addresses; v1.32 refuses '.' and '_' searches", () => {
    const spec = {
      dnsConfig: { nameservers: ["010.0.0.1", "::ffff:1.2.3.4"], searches: [".", "my_svc."] },
      hostAliases: [{ ip: "::ffff:1.2.3.4", hostnames: ["h"] }],
    };
    assert.deepEqual(causes(spec, 35), []);
    assert.deepEqual(causes(spec, 33), []);
    assert.deepEqual(causes(spec, 32), [
      `spec.dnsConfig.searches[0]: Invalid value: "": ${SUBDOMAIN}`,
      `spec.dnsConfig.searches[1]: Invalid value: "my_svc": ${SUBDOMAIN}`,
    ]);
  });

  it("v1.29 words a bad IP its own way and reports aliases without indexes", () => {
    const spec = {
      dnsConfig: { nameservers: ["x"] },
      hostAliases: [{ ip: "1.2.3.4", hostnames: ["ok"] }, { ip: "y", hostnames: ["Bad"] }],
    };
    assert.deepEqual(causes(spec, 29), [
      'spec.dnsConfig.nameservers[0]: Invalid value: "x": must be valid IP address',
      'spec.hostAliases.ip: Invalid value: "y": must be valid IP address',
      `spec.hostAliases.hostnames: Invalid value: "Bad": ${SUBDOMAIN}`,
    ]);
    assert.deepEqual(causes(spec, 30).slice(0, 2), [
      `spec.dnsConfig.nameservers[0]: Invalid value: "x": ${IP}`,
      `spec.hostAliases[1].ip: Invalid value: "y": ${IP}`,
    ]);
  });

  it("dnsPolicy None needs a dnsConfig with a nameserver, and stops there", () => {
    assert.deepEqual(causes({ dnsPolicy: "None" }, 36), [
      "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None",
    ]);
    assert.deepEqual(
      causes({ dnsPolicy: "None", dnsConfig: { searches: ["Bad_"], options: [{}] } }, 36),
      [
        "spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None",
      ],
    );
    assert.deepEqual(causes({ dnsPolicy: "None", dnsConfig: { nameservers: ["::1"] } }, 36), []);
  });

  it("at most 32 search paths and 2048 characters with the spaces", () => {
    const searches = Array.from({ length: 33 }, (_, i) => `${"d".repeat(62)}${i % 10}`);
    const shown = JSON.stringify(searches);
    assert.deepEqual(causes({ dnsConfig: { searches } }, 36), [
      `spec.dnsConfig.searches: Invalid value: ${shown}: must not have more than 32 search paths`,
      `spec.dnsConfig.searches: Invalid value: ${shown}: must not have more than 2048 characters (including spaces) in the search list`,
    ]);
  });
});
