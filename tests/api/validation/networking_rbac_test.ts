// NetworkPolicies, Ingresses, Roles and ClusterRoles: kube-apiserver's field paths, reasons and
// messages (k8s.io/kubernetes v1.33 pkg/apis/networking/validation, pkg/apis/rbac/validation).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidStatus, validateCreate } from "../../../src/api/validation/mod.ts";

function lines(key: string, kind: string, object: Record<string, unknown>, minor = 33) {
  const namespaced = !key.endsWith("clusterroles");
  const meta = { name: "x", ...(namespaced ? { namespace: "default" } : {}) };
  const errors = validateCreate({ key, namespaced }, { metadata: meta, ...object }, minor);
  return invalidStatus(kind, "x", errors, minor).causes.map((c) =>
    `${c.reason} ${c.field}: ${c.message}`
  );
}

describe("NetworkPolicy", () => {
  it("ports, peers and policy types", () => {
    assert.deepEqual(
      lines("networking.k8s.io/networkpolicies", "NetworkPolicy", {
        spec: {
          podSelector: {},
          ingress: [{
            ports: [{ protocol: "ICMP", port: 80, endPort: 70 }, { port: "http", endPort: 90 }],
            from: [{}, { ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }],
          }],
          egress: [{ to: [{ ipBlock: {} }] }],
          policyTypes: ["Ingress", "Sideways"],
        },
      }),
      [
        'FieldValueNotSupported spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
        "FieldValueInvalid spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`",
        "FieldValueInvalid spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
        "FieldValueRequired spec.ingress[0].from[0]: Required value: must specify a peer",
        "FieldValueForbidden spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
        "FieldValueRequired spec.egress[0].to[0].ipBlock.cidr: Required value",
        'FieldValueNotSupported spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
      ],
    );
  });
});

describe("Ingress", () => {
  it("rules or a default backend; hosts, path types, paths and backends", () => {
    assert.deepEqual(
      lines("networking.k8s.io/ingresses", "Ingress", { spec: {} }),
      [
        "FieldValueInvalid spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified",
      ],
    );
    assert.deepEqual(
      lines("networking.k8s.io/ingresses", "Ingress", {
        spec: {
          rules: [
            {
              host: "10.0.0.1",
              http: {
                paths: [
                  { path: "/a//b", pathType: "Prefix", backend: { service: { name: "web" } } },
                  { path: "x", backend: {} },
                  {
                    path: "/",
                    pathType: "Glob",
                    backend: { service: { name: "web", port: { number: 80, name: "http" } } },
                  },
                ],
              },
            },
            { host: "*.Example.com", http: { paths: [] } },
          ],
          tls: [{ hosts: ["a_b"], secretName: "Bad" }],
        },
      }),
      [
        'FieldValueInvalid spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
        `FieldValueInvalid spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain '//'`,
        "FieldValueRequired spec.rules[0].http.paths[0].backend: Required value: port name or number is required",
        "FieldValueRequired spec.rules[0].http.paths[1].pathType: Required value: pathType must be specified",
        'FieldValueNotSupported spec.rules[0].http.paths[2].pathType: Unsupported value: "Glob": supported values: "Exact", "ImplementationSpecific", "Prefix"',
        'FieldValueInvalid spec.rules[0].http.paths[2].backend: Invalid value: "": cannot set both port name & port number',
        `FieldValueInvalid spec.rules[1].host: Invalid value: "*.Example.com": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        "FieldValueRequired spec.rules[1].http.paths: Required value",
        `FieldValueInvalid spec.tls[0].hosts[0]: Invalid value: "a_b": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        `FieldValueInvalid spec.tls[0].secretName: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ],
    );
  });
});

describe("Role and ClusterRole rules", () => {
  it("verbs, groups and resources; non-resource URLs only in ClusterRoles, alone", () => {
    assert.deepEqual(
      lines("rbac.authorization.k8s.io/roles", "Role", {
        rules: [{ resources: ["pods"] }, { verbs: ["get"], nonResourceURLs: ["/healthz"] }],
      }),
      [
        "FieldValueRequired rules[0].verbs: Required value: verbs must contain at least one value",
        "FieldValueRequired rules[0].apiGroups: Required value: resource rules must supply at least one api group",
        'FieldValueInvalid rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      ],
    );
    assert.deepEqual(
      lines("rbac.authorization.k8s.io/clusterroles", "ClusterRole", {
        rules: [{ verbs: ["get"], nonResourceURLs: ["/metrics"], resources: ["pods"] }],
        aggregationRule: {},
      }, 34),
      [
        'FieldValueInvalid rules[0].nonResourceURLs: Invalid value: ["/metrics"]: rules cannot apply to both regular resources and non-resource URLs',
        "FieldValueRequired aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
      ],
    );
  });
});
