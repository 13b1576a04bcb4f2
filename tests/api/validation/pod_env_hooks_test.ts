// Pod env, envFrom, lifecycle hooks, init container rules and host ports: kube-apiserver's field
// paths, reasons and messages (k8s.io/kubernetes v1.29–v1.33 pkg/apis/core/validation).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invalidStatus, validateCreate } from "../../../src/api/validation/mod.ts";

const PODS = { key: "pods", namespaced: true };

function causes(spec: Record<string, unknown>, minor = 33) {
  const pod = { metadata: { name: "p", namespace: "default" }, spec };
  return invalidStatus("Pod", "p", validateCreate(PODS, pod, minor), minor).causes;
}

function container(extra: Record<string, unknown> = {}) {
  return { name: "c", image: "busybox", ...extra };
}

const ENV_NAME =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

describe("container env", () => {
  it("names: required; strict before 1.32, printable ASCII but '=' since", () => {
    const env = [{ name: "" }, { name: "1ST" }, { name: "A=B" }];
    assert.deepEqual(causes({ containers: [container({ env })] }, 31), [
      {
        reason: "FieldValueRequired",
        message: "Required value",
        field: "spec.containers[0].env[0].name",
      },
      {
        reason: "FieldValueInvalid",
        message: `Invalid value: "1ST": ${ENV_NAME}`,
        field: "spec.containers[0].env[1].name",
      },
      {
        reason: "FieldValueInvalid",
        message: `Invalid value: "A=B": ${ENV_NAME}`,
        field: "spec.containers[0].env[2].name",
      },
    ]);
    assert.deepEqual(causes({ containers: [container({ env })] }, 33), [
      {
        reason: "FieldValueRequired",
        message: "Required value",
        field: "spec.containers[0].env[0].name",
      },
      {
        reason: "FieldValueInvalid",
        message:
          `Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
        field: "spec.containers[0].env[2].name",
      },
    ]);
  });

  it("valueFrom: one source, not with a value; downward API paths; key selectors", () => {
    const env = [
      { name: "A", valueFrom: {} },
      {
        name: "B",
        value: "v",
        valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } },
      },
      { name: "C", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.phase" } } },
      { name: "D", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.foo" } } },
      {
        name: "E",
        valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels['a b']" } },
      },
      {
        name: "F",
        valueFrom: { configMapKeyRef: { name: "cm", key: "a b" }, secretKeyRef: { name: "s" } },
      },
      { name: "G", valueFrom: { resourceFieldRef: { resource: "limits.gpu" } } },
      { name: "H", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "2" } } },
      { name: "I", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.host" } } },
    ];
    const at = (i: number) => `spec.containers[0].env[${i}].valueFrom`;
    assert.deepEqual(causes({ containers: [container({ env })] }), [
      {
        reason: "FieldValueInvalid",
        message:
          'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        field: at(0),
      },
      {
        reason: "FieldValueInvalid",
        message: 'Invalid value: "": may not be specified when `value` is not empty',
        field: at(1),
      },
      {
        reason: "FieldValueNotSupported",
        message:
          'Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
        field: `${at(2)}.fieldRef.fieldPath`,
      },
      {
        reason: "FieldValueInvalid",
        message:
          'Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo',
        field: `${at(3)}.fieldRef.fieldPath`,
      },
      {
        reason: "FieldValueInvalid",
        message:
          "Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        field: `${at(4)}.fieldRef`,
      },
      {
        reason: "FieldValueInvalid",
        message:
          "Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        field: `${at(5)}.configMapKeyRef.key`,
      },
      {
        reason: "FieldValueRequired",
        message: "Required value",
        field: `${at(5)}.secretKeyRef.key`,
      },
      {
        reason: "FieldValueInvalid",
        message: 'Invalid value: "": may not have more than one field specified at a time',
        field: at(5),
      },
      {
        reason: "FieldValueNotSupported",
        message:
          'Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
        field: `${at(6)}.resourceFieldRef.resource`,
      },
      {
        reason: "FieldValueInvalid",
        message:
          'Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource',
        field: `${at(7)}.resourceFieldRef.divisor`,
      },
    ]);
  });

  it("envFrom: a valid prefix and exactly one source, the latter reported at the list", () => {
    const envFrom = [
      { prefix: "1x", configMapRef: { name: "cm" } },
      {},
      { configMapRef: { name: "Bad" }, secretRef: { name: "s" } },
    ];
    assert.deepEqual(causes({ containers: [container({ envFrom })] }, 31), [
      {
        reason: "FieldValueInvalid",
        message: `Invalid value: "1x": ${ENV_NAME}`,
        field: "spec.containers[0].envFrom[0].prefix",
      },
      {
        reason: "FieldValueInvalid",
        message: 'Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
        field: "spec.containers[0].envFrom",
      },
      {
        reason: "FieldValueInvalid",
        message:
          "Invalid value: \"Bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        field: "spec.containers[0].envFrom[2].configMapRef.name",
      },
      {
        reason: "FieldValueInvalid",
        message: 'Invalid value: "": may not have more than one field specified at a time',
        field: "spec.containers[0].envFrom",
      },
    ]);
  });
});

describe("lifecycle hooks", () => {
  const hooks = {
    postStart: { exec: { command: ["true"] }, sleep: { seconds: 1 } },
    preStop: {},
  };

  it("one handler per hook: the first counts, later ones are Forbidden; none is Required", () => {
    assert.deepEqual(causes({ containers: [container({ lifecycle: hooks })] }), [
      {
        reason: "FieldValueForbidden",
        message: "Forbidden: may not specify more than 1 handler type",
        field: "spec.containers[0].lifecycle.postStart.sleep",
      },
      {
        reason: "FieldValueRequired",
        message: "Required value: must specify a handler type",
        field: "spec.containers[0].lifecycle.preStop",
      },
    ]);
  });

  it("a sleep fits in terminationGracePeriodSeconds; zero is allowed from 1.33", () => {
    const spec = (seconds: number) => ({
      terminationGracePeriodSeconds: 30,
      containers: [container({ lifecycle: { preStop: { sleep: { seconds } } } })],
    });
    const field = "spec.containers[0].lifecycle.preStop.sleep";
    assert.deepEqual(causes(spec(0), 33), []);
    assert.deepEqual(causes(spec(31), 33), [{
      reason: "FieldValueInvalid",
      message:
        "Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)",
      field,
    }]);
    assert.deepEqual(causes(spec(0), 31), [{
      reason: "FieldValueInvalid",
      message:
        "Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (30)",
      field,
    }]);
    assert.deepEqual(
      causes(spec(0), 32)[0].message,
      "Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.",
    );
  });

  it("httpGet header names are checked, for probes too", () => {
    const probe = {
      httpGet: { path: "/", port: 80, httpHeaders: [{ name: "Bad Header", value: "x" }] },
    };
    assert.deepEqual(causes({ containers: [container({ readinessProbe: probe })] }), [{
      reason: "FieldValueInvalid",
      message:
        "Invalid value: \"Bad Header\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
      field: "spec.containers[0].readinessProbe.httpGet.httpHeaders",
    }]);
  });
});

describe("init containers, restart policies and host ports", () => {
  it("an init container without restartPolicy=Always may not have hooks or probes", () => {
    const init = container({
      name: "i",
      lifecycle: { preStop: { exec: { command: ["x"] } } },
      readinessProbe: { exec: { command: ["x"] } },
    });
    assert.deepEqual(causes({ containers: [container()], initContainers: [init] }), [
      {
        reason: "FieldValueForbidden",
        message: "Forbidden: may not be set for init containers without restartPolicy=Always",
        field: "spec.initContainers[0].lifecycle",
      },
      {
        reason: "FieldValueForbidden",
        message: "Forbidden: may not be set for init containers without restartPolicy=Always",
        field: "spec.initContainers[0].readinessProbe",
      },
    ]);
    const sidecar = { ...init, restartPolicy: "Always", lifecycle: { preStop: {} } };
    assert.deepEqual(causes({ containers: [container()], initContainers: [sidecar] }), [{
      reason: "FieldValueRequired",
      message: "Required value: must specify a handler type",
      field: "spec.initContainers[0].lifecycle.preStop",
    }]);
    assert.deepEqual(
      causes({
        containers: [container()],
        initContainers: [{ ...container({ name: "i" }), restartPolicy: "Never" }],
      }),
      [{
        reason: "FieldValueNotSupported",
        message: 'Unsupported value: "Never": supported values: "Always"',
        field: "spec.initContainers[0].restartPolicy",
      }],
    );
  });

  it("from 1.35 (ContainerRestartRules) containers take Always, Never or OnFailure", () => {
    // As kube-apiserver v1.36.3 answers (scripts/oracle/compare.ts, "pod init container rules").
    const spec = {
      containers: [container({ restartPolicy: "Always" })],
      initContainers: [
        container({ name: "i", readinessProbe: { exec: { command: ["x"] } } }),
        container({ name: "s", restartPolicy: "Always", lifecycle: { preStop: {} } }),
        container({ restartPolicy: "Never" }),
      ],
    };
    assert.deepEqual(causes(spec, 36), [
      {
        reason: "FieldValueForbidden",
        message: "Forbidden: may not be set for init containers without restartPolicy=Always",
        field: "spec.initContainers[0].readinessProbe",
      },
      {
        reason: "FieldValueRequired",
        message: "Required value: must specify a handler type",
        field: "spec.initContainers[1].lifecycle.preStop",
      },
      {
        reason: "FieldValueDuplicate",
        message: 'Duplicate value: "c"',
        field: "spec.initContainers[2].name",
      },
    ]);
    assert.deepEqual(causes({ containers: [container({ restartPolicy: "Sometimes" })] }, 35), [{
      reason: "FieldValueNotSupported",
      message: 'Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"',
      field: "spec.containers[0].restartPolicy",
    }]);
  });

  it("valueFrom names fileKeyRef from 1.34", () => {
    assert.deepEqual(
      causes({ containers: [container({ env: [{ name: "A", valueFrom: {} }] })] }, 34),
      [{
        reason: "FieldValueInvalid",
        message:
          'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`',
        field: "spec.containers[0].env[0].valueFrom",
      }],
    );
  });

  it("a regular container may not set restartPolicy", () => {
    assert.deepEqual(causes({ containers: [container({ restartPolicy: "Always" })] }), [{
      reason: "FieldValueForbidden",
      message: "Forbidden: may not be set for non-init containers",
      field: "spec.containers[0].restartPolicy",
    }]);
  });

  it("a host port used twice across containers is a Duplicate protocol/hostIP/port", () => {
    const port = { containerPort: 80, hostPort: 8080, protocol: "TCP" };
    assert.deepEqual(
      causes({
        containers: [container({ ports: [port] }), container({ name: "d", ports: [port] })],
      }),
      [{
        reason: "FieldValueDuplicate",
        message: 'Duplicate value: "TCP//8080"',
        field: "spec.containers[1].ports[0].hostPort",
      }],
    );
  });

  it("container names are unique across containers and init containers", () => {
    assert.deepEqual(causes({ containers: [container()], initContainers: [container()] }), [{
      reason: "FieldValueDuplicate",
      message: 'Duplicate value: "c"',
      field: "spec.initContainers[0].name",
    }]);
  });
});
