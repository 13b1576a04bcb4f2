// Pod volumes, volume mounts, resources, probes and security contexts: kube-apiserver's field
// paths, reasons and messages (k8s.io/kubernetes v1.33 pkg/apis/core/validation).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidStatus, validateCreate } from "../../../src/api/validation/mod.ts";

const PODS = { key: "pods", namespaced: true };

function podErrors(spec: Record<string, unknown>, minor = 33) {
  const pod = { metadata: { name: "p", namespace: "default" }, spec };
  return invalidStatus("Pod", "p", validateCreate(PODS, pod, minor), minor);
}

function container(extra: Record<string, unknown> = {}) {
  return { name: "c", image: "busybox", ...extra };
}

describe("pod enumerations", () => {
  it("unsupported policies are named at their field, with the supported values", () => {
    const status = podErrors({
      containers: [
        container(),
        container({ name: "d", terminationMessagePolicy: "Log", imagePullPolicy: "Sometimes" }),
      ],
      restartPolicy: "Sometimes",
      dnsPolicy: "Elsewhere",
    });
    assert.deepEqual(status.causes, [
      {
        reason: "FieldValueNotSupported",
        message: 'Unsupported value: "Log": supported values: "File", "FallbackToLogsOnError"',
        field: "spec.containers[1].terminationMessagePolicy",
      },
      {
        reason: "FieldValueNotSupported",
        message:
          'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        field: "spec.containers[1].imagePullPolicy",
      },
      {
        reason: "FieldValueNotSupported",
        message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        field: "spec.restartPolicy",
      },
      {
        reason: "FieldValueNotSupported",
        message:
          'Unsupported value: "Elsewhere": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
        field: "spec.dnsPolicy",
      },
    ]);
  });
});

describe("pod volumes and mounts", () => {
  it("a volume needs exactly one source; mounts name valid volumes, unique paths", () => {
    const status = podErrors({
      volumes: [
        { name: "none" },
        { name: "two", emptyDir: {}, configMap: { name: "cm" } },
        { name: "cfg", configMap: {} },
        { name: "ok", emptyDir: {} },
        { name: "ok", secret: { secretName: "s", defaultMode: 1000 } },
      ],
      containers: [container({
        volumeMounts: [
          { name: "ok", mountPath: "/a" },
          { name: "missing", mountPath: "/a" },
          { name: "ok", mountPath: "/b", subPath: "../x" },
        ],
      })],
    });
    assert.deepEqual(status.causes, [
      {
        reason: "FieldValueRequired",
        message: "Required value: must specify a volume type",
        field: "spec.volumes[0]",
      },
      {
        reason: "FieldValueForbidden",
        message: "Forbidden: may not specify more than 1 volume type",
        field: "spec.volumes[1].configMap",
      },
      {
        reason: "FieldValueRequired",
        message: "Required value",
        field: "spec.volumes[2].configMap.name",
      },
      {
        reason: "FieldValueInvalid",
        message: "Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
        field: "spec.volumes[4].secret.defaultMode",
      },
      {
        reason: "FieldValueDuplicate",
        message: 'Duplicate value: "ok"',
        field: "spec.volumes[4].name",
      },
      {
        reason: "FieldValueNotFound",
        message: 'Not found: "missing"',
        field: "spec.containers[0].volumeMounts[1].name",
      },
      {
        reason: "FieldValueInvalid",
        message: 'Invalid value: "/a": must be unique',
        field: "spec.containers[0].volumeMounts[1].mountPath",
      },
      {
        reason: "FieldValueInvalid",
        message: `Invalid value: "../x": must not contain '..'`,
        field: "spec.containers[0].volumeMounts.subPath",
      },
    ]);
  });
});

describe("container resources", () => {
  it("requests above limits, negative quantities and unknown names, as kube-apiserver words them", () => {
    const status = podErrors({
      containers: [container({
        resources: {
          limits: { cpu: "500m", memory: "1Gi", "example.com/gpu": "2" },
          requests: { cpu: "1", memory: "-1Mi", "example.com/gpu": "1", gpu: "1" },
        },
      })],
    });
    assert.deepEqual(status.causes.map((c) => `${c.field}: ${c.message}`), [
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });

  it("equal and smaller requests pass, whatever the units", () => {
    const status = podErrors({
      containers: [container({
        resources: {
          limits: { cpu: "1", memory: "1Gi" },
          requests: { cpu: "1000m", memory: "1000Mi" },
        },
      })],
    });
    assert.deepEqual(status.causes, []);
  });
});

describe("probes", () => {
  it("one handler, liveness successThreshold 1, non-negative timings", () => {
    const status = podErrors({
      containers: [container({
        livenessProbe: { successThreshold: 2, periodSeconds: -1 },
        readinessProbe: { exec: { command: ["true"] }, tcpSocket: { port: 80 } },
        startupProbe: { httpGet: { port: 70000, scheme: "FTP" } },
      })],
    });
    assert.deepEqual(status.causes.map((c) => `${c.field}: ${c.message}`), [
      "spec.containers[0].livenessProbe: Required value: must specify a handler type",
      "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
      "spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
      "spec.containers[0].startupProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.containers[0].startupProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
    ]);
  });
});

describe("security contexts", () => {
  it("IDs in range, procMount, seccomp profile types", () => {
    const status = podErrors({
      containers: [container({
        securityContext: {
          runAsUser: -1,
          procMount: "Unmasked",
          seccompProfile: { type: "Localhost" },
        },
      })],
    });
    assert.deepEqual(status.causes.map((c) => `${c.field}: ${c.message}`), [
      "spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
      'spec.containers[0].securityContext.procMount: Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`',
      "spec.containers[0].securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost",
    ]);
  });
});

describe("affinity", () => {
  it("node selector terms, operators, weights and topology keys", () => {
    const status = podErrors({
      containers: [container()],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{
              matchExpressions: [
                { key: "zone", operator: "In" },
                { key: "disk", operator: "Exists", values: ["ssd"] },
                { key: "cpu", operator: "Near", values: ["a b"] },
              ],
              matchFields: [{ key: "metadata.uid", operator: "In", values: ["x"] }],
            }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 0,
              preference: { matchExpressions: [{ key: "a", operator: "In", values: ["b"] }] },
            },
          ],
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {} }],
        },
      },
    });
    assert.deepEqual(status.causes.map((c) => `${c.field}: ${c.message}`), [
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
      `spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values[0]: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key: Invalid value: "metadata.uid": not a valid field selector key',
      "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
      `spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty`,
      `spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });
});

describe("projected volumes", () => {
  it("a path given twice across sources conflicts; names, items, one kind per source", () => {
    // The causes a real kube-apiserver v1.36.3 returns for this volume, in its order.
    const status = podErrors({
      volumes: [{
        name: "proj",
        projected: {
          defaultMode: 1000,
          sources: [
            { secret: { name: "s", items: [{ key: "a", path: "x" }, { key: "b", path: "y" }] } },
            {
              configMap: { name: "cm", items: [{ key: "c", path: "x" }, { key: "", path: "/a" }] },
            },
            { downwardAPI: { items: [{ path: "y", fieldRef: { fieldPath: "metadata.name" } }] } },
            { secret: {}, configMap: { name: "two", items: [{ key: "k", path: "y" }] } },
          ],
        },
      }],
      containers: [container()],
    }, 36);
    const at = "spec.volumes[0].projected";
    assert.deepEqual(status.causes.map((c) => `${c.field}: ${c.message}`), [
      `${at}.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive`,
      `${at}: Invalid value: "cm": conflicting duplicate paths`,
      `${at}.sources[1].configMap.items[1].key: Required value`,
      `${at}.sources[1].configMap.items[1].path: Invalid value: "/a": must be a relative path`,
      `${at}: Invalid value: "y": conflicting duplicate paths`,
      `${at}.sources[3].secret.name: Required value`,
      `${at}: Invalid value: "two": conflicting duplicate paths`,
      `${at}.sources[3]: Forbidden: may not specify more than 1 volume type per source`,
    ]);
  });
});

describe("frozen projected volumes", () => {
  // Every Pod's token volume shares one frozen source: a pass is remembered, errors never are.
  const deepFreeze = <T>(value: T): T => {
    if (value !== null && typeof value === "object") {
      for (const child of Object.values(value)) deepFreeze(child);
      Object.freeze(value);
    }
    return value;
  };
  const causes = (projected: unknown, index: number) => {
    const volumes = [];
    for (let i = 0; i <= index; i++) volumes.push({ name: `v${i}`, projected });
    return podErrors({ volumes, containers: [container()] }, 36).causes?.map((c) =>
      `${c.field}: ${c.message}`
    ) ?? [];
  };

  it("a frozen invalid source is refused at each use, its path each time", () => {
    const bad = deepFreeze({ sources: [{ secret: { items: [{ key: "k", path: "../x" }] } }] });
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(causes(bad, 1), [
        "spec.volumes[0].projected.sources[0].secret.name: Required value",
        "spec.volumes[0].projected.sources[0].secret.items[0].path: Invalid value: \"../x\": must not contain '..'",
        "spec.volumes[1].projected.sources[0].secret.name: Required value",
        "spec.volumes[1].projected.sources[0].secret.items[0].path: Invalid value: \"../x\": must not contain '..'",
      ]);
    }
  });

  it("a frozen valid source passes again, beside an invalid twin that is not frozen", () => {
    const good = deepFreeze({
      sources: [{ configMap: { name: "c", items: [{ key: "k", path: "x" }] } }],
    });
    assert.deepEqual(causes(good, 1), []);
    assert.deepEqual(causes(good, 0), []);
    const twin = { sources: [{ configMap: { name: "", items: [{ key: "k", path: "x" }] } }] };
    assert.deepEqual(causes(twin, 0), [
      "spec.volumes[0].projected.sources[0].configMap.name: Required value",
    ]);
  });
});
