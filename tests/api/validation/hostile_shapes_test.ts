// Validation never throws, whatever shape reaches it: every rule of every kind against odd values.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { KIND_RULES, validateCreate, validateUpdate } from "../../../src/api/validation/mod.ts";

const ODD: unknown[] = [null, 0, -1, "", "x", true, [], [null], [1, "a"], {}, { a: null }, {
  a: [1],
}];

// Every path a rule reads, filled with each odd value in turn.
function shapes(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const odd of ODD) {
    out.push(
      {
        metadata: {
          name: "a",
          labels: odd,
          annotations: odd,
          finalizers: odd,
          ownerReferences: odd,
        },
      },
      { metadata: { name: "a" }, data: odd, binaryData: odd, type: odd, immutable: odd },
      { metadata: { name: "a" }, spec: odd },
      {
        metadata: { name: "a" },
        spec: { selector: odd, template: odd, containers: odd, taints: odd },
      },
      {
        metadata: { name: "a" },
        spec: {
          selector: { matchLabels: odd, matchExpressions: odd },
          template: { metadata: { labels: odd }, spec: { containers: [odd], tolerations: [odd] } },
          containers: [{ name: odd, image: odd, ports: [odd, { containerPort: odd }] }],
          taints: [odd, { key: odd, effect: odd }],
          clusterIP: odd,
          clusterIPs: odd,
        },
        roleRef: odd,
        subjects: [odd],
      },
      {
        metadata: { name: "a" },
        rules: [odd, { verbs: odd, nonResourceURLs: odd, apiGroups: odd }],
        aggregationRule: odd,
        spec: {
          podSelector: odd,
          ingress: [odd, {
            ports: [odd, { port: odd, endPort: odd }],
            from: [odd, { ipBlock: odd }],
          }],
          egress: odd,
          policyTypes: odd,
          rules: [odd, { host: odd, http: { paths: [odd, { pathType: odd, backend: odd }] } }],
          defaultBackend: { service: { port: odd }, resource: odd },
          tls: [odd, { hosts: odd, secretName: odd }],
          ingressClassName: odd,
        },
      },
      {
        metadata: { name: "a" },
        spec: {
          volumes: [odd, { name: "v", hostPath: odd, secret: { items: [odd] }, emptyDir: odd }],
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [odd] },
              preferredDuringSchedulingIgnoredDuringExecution: [odd, { preference: odd }],
            },
            podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [odd] },
            podAntiAffinity: odd,
          },
          securityContext: odd,
          containers: [{
            name: "c",
            image: "i",
            volumeMounts: [odd, { name: odd, mountPath: odd, subPath: odd }],
            resources: { limits: odd, requests: { cpu: odd, "x/y": odd } },
            livenessProbe: { httpGet: odd, exec: { command: odd }, successThreshold: odd },
            readinessProbe: odd,
            securityContext: { runAsUser: odd, seccompProfile: { type: odd } },
          }],
        },
      },
    );
  }
  return out;
}

describe("hostile shapes", () => {
  it("no kind's create or update validation throws", () => {
    const keys = [...Object.keys(KIND_RULES), "configmaps", "example.com/widgets"];
    for (const key of keys) {
      const resource = { key, namespaced: true, custom: key === "example.com/widgets" };
      for (const object of shapes()) {
        for (const old of [shapes()[0], object]) {
          assert.doesNotThrow(
            () => validateCreate(resource, object, 33),
            `${key} ${JSON.stringify(object)}`,
          );
          assert.doesNotThrow(
            () => validateUpdate(resource, object, old, 34),
            `${key} ${JSON.stringify(object)}`,
          );
        }
      }
    }
  });
});
