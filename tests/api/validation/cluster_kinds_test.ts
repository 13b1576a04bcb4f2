// The built-in kinds past workloads: each invalid object of the oracle's probes, with the causes
// kube-apiserver v1.36.3 answered, in its order (field, reason, message).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidStatus, validateCreate } from "../../../src/api/validation/mod.ts";

const CSR_PEM = btoa(
  "-----BEGIN CERTIFICATE REQUEST-----\nMIHiMIGJAgEAMCcxFDASBgNVBAMMC29yYWNsZS11c2VyMQ8wDQYDVQQKDAZvcmFj\n-----END CERTIFICATE REQUEST-----\n",
);

function lines(key: string, kind: string, body: Record<string, unknown>, namespaced = true) {
  const metadata = { name: "bad", ...(namespaced ? { namespace: "surface" } : {}) };
  const errors = validateCreate({ key, namespaced }, { metadata, ...body }, 36);
  return invalidStatus(kind, "bad", errors, 36).causes.map((c) =>
    `${c.reason} ${c.field}: ${c.message}`
  );
}

const DNS_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("policy, storage, node, scheduling and coordination kinds", () => {
  it("PodDisruptionBudget: both bounds, a percentage above 100, the eviction policy", () => {
    assert.deepEqual(
      lines("policy/poddisruptionbudgets", "PodDisruptionBudget", {
        spec: { minAvailable: "150%", maxUnavailable: 1, unhealthyPodEvictionPolicy: "Never" },
      }),
      [
        'FieldValueInvalid spec: Invalid value: {"MinAvailable":"150%","Selector":null,"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":"Never"}: minAvailable and maxUnavailable cannot be both set',
        'FieldValueInvalid spec.minAvailable: Invalid value: "150%": must not be greater than 100%',
        'FieldValueNotSupported spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
      ],
    );
  });

  it("StorageClass: the lower-cased provisioner, reclaim policy and binding mode", () => {
    assert.deepEqual(
      lines("storage.k8s.io/storageclasses", "StorageClass", {
        provisioner: "Not Valid!",
        reclaimPolicy: "Keep",
        volumeBindingMode: "Later",
      }, false),
      [
        "FieldValueInvalid provisioner: Invalid value: \"not valid!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        'FieldValueNotSupported reclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Retain"',
        'FieldValueNotSupported volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
      ],
    );
  });

  it("VolumeAttachment, RuntimeClass, PriorityClass and Lease", () => {
    assert.deepEqual(
      lines("storage.k8s.io/volumeattachments", "VolumeAttachment", {
        spec: { attacher: "", source: {} },
      }, false),
      [
        "FieldValueRequired spec.attacher: Required value",
        "FieldValueRequired spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName",
        `FieldValueInvalid spec.nodeName: Invalid value: "": ${DNS_SUBDOMAIN}`,
      ],
    );
    assert.deepEqual(
      lines("node.k8s.io/runtimeclasses", "RuntimeClass", { handler: "Not_Valid" }, false),
      [
        "FieldValueInvalid handler: Invalid value: \"Not_Valid\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    );
    const priority = validateCreate(
      { key: "scheduling.k8s.io/priorityclasses", namespaced: false },
      { metadata: { name: "system-bad" }, value: 2000000000, preemptionPolicy: "Sometimes" },
      36,
    );
    assert.deepEqual(
      invalidStatus("PriorityClass", "system-bad", priority, 36).causes.map((c) => c.message),
      [
        "Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-bad is not a known system priority class",
        'Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"',
      ],
    );
    assert.deepEqual(
      lines("coordination.k8s.io/leases", "Lease", {
        spec: { leaseDurationSeconds: 0, leaseTransitions: -1 },
      }),
      [
        "FieldValueInvalid spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
        "FieldValueInvalid spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
      ],
    );
  });
});

describe("networking, discovery, autoscaling, events, admission and certificates kinds", () => {
  it("IngressClass: a domain-prefixed controller, a parameters kind and scope", () => {
    assert.deepEqual(
      lines("networking.k8s.io/ingressclasses", "IngressClass", {
        spec: { controller: "no-slash", parameters: { kind: "", name: "p", scope: "Namespaced" } },
      }, false),
      [
        'FieldValueInvalid spec.controller: Invalid value: "no-slash": must be a domain-prefixed path (such as "acme.io/foo")',
        "FieldValueRequired spec.parameters.kind: Required value",
        'FieldValueNotSupported spec.parameters.scope: Unsupported value: "Namespaced": supported values: "Cluster", "Namespace"',
      ],
    );
  });

  it("NetworkPolicy: an ipBlock CIDR must parse", () => {
    assert.deepEqual(
      lines("networking.k8s.io/networkpolicies", "NetworkPolicy", {
        spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/33" } }] }] },
      }),
      [
        'FieldValueInvalid spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    );
  });

  it("EndpointSlice: address type, then ports, then endpoints", () => {
    assert.deepEqual(
      lines("discovery.k8s.io/endpointslices", "EndpointSlice", {
        addressType: "IPv5",
        endpoints: [{ addresses: [] }],
        ports: [{ name: "", port: 70000, protocol: "ICMP" }],
      }),
      [
        'FieldValueNotSupported addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"',
        'FieldValueNotSupported ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
        "FieldValueRequired endpoints[0].addresses: Required value: must contain at least 1 address",
      ],
    );
  });

  it("HorizontalPodAutoscaler: bounds, scale target, metric source", () => {
    assert.deepEqual(
      lines("autoscaling/horizontalpodautoscalers", "HorizontalPodAutoscaler", {
        spec: {
          scaleTargetRef: { kind: "", name: "" },
          minReplicas: 5,
          maxReplicas: 2,
          metrics: [{ type: "Resource" }],
        },
      }),
      [
        "FieldValueInvalid spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`",
        "FieldValueRequired spec.scaleTargetRef.kind: Required value",
        "FieldValueRequired spec.scaleTargetRef.name: Required value",
        'FieldValueInvalid spec.scaleTargetRef.apiVersion: Invalid value: "": apiVersion must specify API group',
        "FieldValueRequired spec.metrics[0].resource: Required value: must populate information for the given metric source",
      ],
    );
  });

  it("events.k8s.io Event: the legacy namespace check, then the strict ones", () => {
    assert.deepEqual(lines("events.k8s.io/events", "Event", { type: "Odd" }), [
      'FieldValueInvalid involvedObject.namespace: Invalid value: "": does not match event.namespace',
      "FieldValueRequired eventTime: Required value",
      'FieldValueInvalid type: Invalid value: "": has invalid value: Odd',
    ]);
  });

  it("ValidatingWebhookConfiguration: name, side effects, client config, review versions", () => {
    assert.deepEqual(
      lines("admissionregistration.k8s.io/validatingwebhookconfigurations", "X", {
        webhooks: [{ name: "nodots", clientConfig: {}, admissionReviewVersions: [] }],
      }, false),
      [
        'FieldValueInvalid webhooks[0].name: Invalid value: "nodots": should be a domain with at least three segments separated by dots',
        "FieldValueRequired webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun",
        "FieldValueRequired webhooks[0].clientConfig: Required value: exactly one of url or service is required",
        "FieldValueRequired webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1",
      ],
    );
  });

  it("CertificateSigningRequest: a PEM request, usages, a signer of the form domain/path", () => {
    const signer = "kubernetes.io/kube-apiserver-client";
    assert.deepEqual(
      lines("certificates.k8s.io/certificatesigningrequests", "CSR", {
        spec: { request: "bm90IGEgcGVt", signerName: signer, usages: ["client auth"] },
      }, false),
      [
        'FieldValueInvalid spec.request: Invalid value: "bm90IGEgcGVt": PEM block type must be CERTIFICATE REQUEST',
      ],
    );
    assert.deepEqual(
      lines("certificates.k8s.io/certificatesigningrequests", "CSR", {
        spec: { request: CSR_PEM, signerName: "nope", usages: [] },
      }, false),
      [
        "FieldValueRequired spec.usages: Required value",
        "FieldValueInvalid spec.signerName: Invalid value: \"nope\": must be a fully qualified domain and path of the form 'example.com/signer-name'",
      ],
    );
  });
});

describe("CSI drivers, admission policies and flow schemas", () => {
  it("CSIDriver: fsGroupPolicy and lifecycle modes it knows", () => {
    assert.deepEqual(
      lines("storage.k8s.io/csidrivers", "CSIDriver", {
        spec: { fsGroupPolicy: "Sometimes", volumeLifecycleModes: ["Forever"] },
      }, false),
      [
        'FieldValueNotSupported spec.fsGroupPolicy: Unsupported value: "Sometimes": supported values: "File", "None", "ReadWriteOnceWithFSType"',
        'FieldValueNotSupported spec.volumeLifecycleModes: Unsupported value: "Forever": supported values: "Persistent", "Ephemeral"',
      ],
    );
  });

  it("ValidatingAdmissionPolicy: match constraints and an expression are required", () => {
    assert.deepEqual(
      lines("admissionregistration.k8s.io/validatingadmissionpolicies", "VAP", {
        spec: { failurePolicy: "Fail", validations: [{ expression: "" }] },
      }, false),
      [
        "FieldValueRequired spec.matchConstraints: Required value",
        "FieldValueRequired spec.validations[0].expression: Required value: expression is not specified",
      ],
    );
  });

  it("FlowSchema: a precedence up to 10000 and a priority level", () => {
    assert.deepEqual(
      lines("flowcontrol.apiserver.k8s.io/flowschemas", "FlowSchema", {
        spec: { priorityLevelConfiguration: { name: "" }, matchingPrecedence: 20000 },
      }, false),
      [
        "FieldValueInvalid spec.matchingPrecedence: Invalid value: 20000: must not be greater than 10000",
        "FieldValueRequired spec.priorityLevelConfiguration.name: Required value: must reference a priority level",
      ],
    );
  });
});
