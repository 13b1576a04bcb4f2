// Writes of built-in kinds are decoded as kube-apiserver decodes them: wrong types 400/422, unknown fields dropped.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stringify } from "yaml";
import { kubeFixture } from "./kube_fixture.ts";

const CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

function configMap(fields: Record<string, unknown> = {}) {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, ...fields };
}

describe("create and update bodies", () => {
  it("a wrong type is 400 BadRequest worded as the Go decoder, and nothing is stored", async () => {
    const { call } = kubeFixture();
    for (
      const [data, error] of [
        [
          [1, 2],
          "json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string",
        ],
        [
          { a: 1 },
          "json: cannot unmarshal number into Go struct field ConfigMap.data of type string",
        ],
      ] as const
    ) {
      const created = await call("POST", CONFIGMAPS, configMap({ data }));
      assert.equal(created.status, 400);
      assert.equal(created.json.reason, "BadRequest");
      assert.equal(
        created.json.message,
        `ConfigMap in version "v1" cannot be handled as a ConfigMap: ${error}`,
      );
    }
    assert.equal((await call("GET", `${CONFIGMAPS}/cm`)).status, 404);
  });

  it("YAML bodies are checked too", async () => {
    const { call } = kubeFixture();
    const body = stringify({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { replicas: "3" },
    });
    const created = await call("POST", "/apis/apps/v1/namespaces/default/deployments", body, {
      "content-type": "application/yaml",
    });
    assert.equal(created.status, 400);
    assert.equal(
      created.json.message,
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it("unknown fields are dropped with a Warning header (Warn, the default)", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CONFIGMAPS, configMap({ data: { a: "b" }, foo: 1 }));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("warning"), '299 - "unknown field \\"foo\\""');
    assert.equal(created.json.foo, undefined);
    assert.equal((await call("GET", `${CONFIGMAPS}/cm`)).json.foo, undefined);
  });

  it("the warning survives a protobuf answer", async () => {
    const { call } = kubeFixture();
    const created = await call("POST", CONFIGMAPS, configMap({ foo: 1 }), {
      accept: "application/vnd.kubernetes.protobuf",
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("content-type"), "application/vnd.kubernetes.protobuf");
    assert.equal(created.headers.get("warning"), '299 - "unknown field \\"foo\\""');
  });

  it("fieldValidation=Strict refuses unknown fields with 400; Ignore drops them silently", async () => {
    const { call } = kubeFixture();
    const strict = await call(
      "POST",
      `${CONFIGMAPS}?fieldValidation=Strict`,
      configMap({ foo: 1, metadata: { name: "cm", bar: 2 } }),
    );
    assert.equal(strict.status, 400);
    assert.equal(
      strict.json.message,
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.bar", unknown field "foo"',
    );
    const ignored = await call(
      "POST",
      `${CONFIGMAPS}?fieldValidation=Ignore`,
      configMap({ foo: 1 }),
    );
    assert.equal(ignored.status, 201);
    assert.equal(ignored.headers.get("warning"), null);
    assert.equal(ignored.json.foo, undefined);
  });

  it("an unsupported fieldValidation is 422 on the options", async () => {
    const { call } = kubeFixture();
    const answer = await call("POST", `${CONFIGMAPS}?fieldValidation=Loud`, configMap());
    assert.equal(answer.status, 422);
    assert.equal(
      answer.json.message,
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"',
    );
    assert.deepEqual(answer.json.details, {
      group: "meta.k8s.io",
      kind: "CreateOptions",
      causes: [{
        reason: "FieldValueNotSupported",
        message: 'Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"',
        field: "fieldValidation",
      }],
    });
  });

  it("quantities are stored and answered as Go marshals them (1000m is 1), in a patch too", async () => {
    const { call } = kubeFixture();
    const pods = "/api/v1/namespaces/default/pods";
    // RuntimeClass admission refuses a Pod's overhead unless its RuntimeClass defines the same.
    const runtimeClass = {
      metadata: { name: "rc" },
      handler: "h",
      overhead: { podFixed: { cpu: "1n" } },
    };
    await call("POST", "/apis/node.k8s.io/v1/runtimeclasses", runtimeClass);
    const created = await call("POST", pods, {
      metadata: { name: "q" },
      spec: {
        runtimeClassName: "rc",
        containers: [{
          name: "c",
          image: "i",
          resources: { requests: { cpu: "1000m", memory: 0.5 }, limits: { memory: "1024Mi" } },
        }],
        overhead: { cpu: "0.1n" },
      },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.spec.containers[0].resources, {
      requests: { cpu: "1", memory: "500m" },
      limits: { memory: "1Gi" },
    });
    assert.deepEqual(created.json.spec.overhead, { cpu: "1n" });
    const quotas = "/api/v1/namespaces/default/resourcequotas";
    await call("POST", quotas, { metadata: { name: "rq" }, spec: { hard: { pods: "10" } } });
    const patched = await call("PATCH", `${quotas}/rq`, {
      spec: { hard: { memory: "2048Mi" } },
    }, { "content-type": "application/merge-patch+json" });
    assert.deepEqual(patched.json.spec.hard, { pods: "10", memory: "2Gi" });
    assert.deepEqual((await call("GET", `${quotas}/rq`)).json.spec.hard.memory, "2Gi");
  });

  it("PUT and PUT /status are checked", async () => {
    const { call } = kubeFixture();
    const node = (await call("POST", "/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n1" },
      status: { capacity: { cpu: "2" } },
    })).json;
    const path = "/api/v1/nodes/n1";
    const status = await call("PUT", `${path}/status`, {
      ...node,
      status: { ...node.status, capacity: { cpu: [] } },
    });
    assert.equal(status.status, 400);
    assert.match(
      status.json.message,
      /^Node in version "v1" cannot be handled as a Node: quantities/,
    );
    const update = await call("PUT", path, { ...node, spec: { taints: [{ effect: 1 }] } });
    assert.equal(update.status, 400);
    assert.equal(
      update.json.message,
      'Node in version "v1" cannot be handled as a Node: json: cannot unmarshal number into Go struct field Taint.spec.taints.effect of type v1.TaintEffect',
    );
  });
});

describe("patch results", () => {
  it("merge and JSON patches that break a type are 422 on the patch, with the patched JSON", async () => {
    const { call } = kubeFixture();
    await call("POST", CONFIGMAPS, configMap({ data: { a: "b" } }));
    const merge = await call("PATCH", `${CONFIGMAPS}/cm`, { data: { a: 1 } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(merge.status, 422);
    assert.equal(merge.json.reason, "Invalid");
    const error =
      "json: cannot unmarshal number into Go struct field ConfigMap.data of type string";
    assert.ok(merge.json.message.startsWith(' "" is invalid: patch: Invalid value: "{'));
    assert.ok(merge.json.message.endsWith(`}": ${error}`));
    assert.equal(merge.json.details.causes[0].field, "patch");
    const json = await call("PATCH", `${CONFIGMAPS}/cm`, [
      { op: "replace", path: "/data", value: [1] },
    ], { "content-type": "application/json-patch+json" });
    assert.equal(json.status, 422);
    assert.ok(json.json.message.endsWith(
      "json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string",
    ));
    assert.deepEqual((await call("GET", `${CONFIGMAPS}/cm`)).json.data, { a: "b" });
  });

  it("strategic merge patches answer as the unstructured converter, showing the patch", async () => {
    const { call } = kubeFixture();
    await call("POST", CONFIGMAPS, configMap());
    const answer = await call("PATCH", `${CONFIGMAPS}/cm`, { data: [1, 2] }, {
      "content-type": "application/strategic-merge-patch+json",
    });
    assert.equal(answer.status, 422);
    assert.equal(
      answer.json.message,
      ' "" is invalid: patch: Invalid value: "map[data:[1 2]]": cannot restore map from slice',
    );
  });

  it("unknown fields a patch adds are dropped with a warning, or 422 under Strict", async () => {
    const { call } = kubeFixture();
    await call("POST", CONFIGMAPS, configMap());
    const merge = { "content-type": "application/merge-patch+json" };
    const warned = await call("PATCH", `${CONFIGMAPS}/cm`, { spec: { x: 1 } }, merge);
    assert.equal(warned.status, 200);
    assert.equal(warned.headers.get("warning"), '299 - "unknown field \\"spec\\""');
    assert.equal(warned.json.spec, undefined);
    const strict = await call(
      "PATCH",
      `${CONFIGMAPS}/cm?fieldValidation=Strict`,
      { spec: { x: 1 } },
      merge,
    );
    assert.equal(strict.status, 422);
    assert.ok(strict.json.message.endsWith(': strict decoding error: unknown field "spec"'));
  });
});

describe("custom resources", () => {
  it("are left to their own schemas", async () => {
    const { call } = kubeFixture();
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
        scope: "Namespaced",
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        }],
      },
    };
    assert.equal(
      (await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).status,
      201,
    );
    const widget = await call("POST", "/apis/example.com/v1/namespaces/default/widgets", {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
      data: [1, 2],
    });
    assert.equal(widget.status, 201);
    assert.deepEqual(widget.json.data, [1, 2]);
    assert.equal(widget.headers.get("warning"), null);
  });
});
