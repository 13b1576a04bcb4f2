// Table column definitions as kube-apiserver's printers declare them: their types and the full
// field docs as descriptions (pkg/printers/internalversion/printers.go).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

// kube-apiserver v1.36.3's answer for ConfigMaps.
const CONFIGMAP_COLUMNS = [{
  "name": "Name",
  "type": "string",
  "format": "name",
  "description":
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  "priority": 0,
}, {
  "name": "Data",
  "type": "string",
  "format": "",
  "description":
    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
  "priority": 0,
}, {
  "name": "Age",
  "type": "string",
  "format": "",
  "description":
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  "priority": 0,
}];

describe("Table columns", () => {
  it("ConfigMaps: Name, Data (typed string) and Age with kube-apiserver's descriptions", async () => {
    const { call } = kubeFixture();
    await call("POST", "/api/v1/namespaces/default/configmaps", {
      metadata: { name: "one" },
      data: { a: "1" },
    });
    const table = await call("GET", "/api/v1/namespaces/default/configmaps", undefined, {
      accept: TABLE,
    });
    assert.equal(table.status, 200);
    assert.deepEqual(table.json.columnDefinitions, CONFIGMAP_COLUMNS);
    assert.deepEqual(table.json.rows[0].cells.slice(0, 2), ["one", 1]);
  });

  it("Pods: Restarts is a string column, IP and Node carry their field docs", async () => {
    const { call } = kubeFixture();
    const table = await call("GET", "/api/v1/pods", undefined, { accept: TABLE });
    const columns = Object.fromEntries(
      table.json.columnDefinitions.map((c: { name: string }) => [c.name, c]),
    );
    assert.equal(columns.Restarts.type, "string");
    assert.match(columns.IP.description, /^podIP address allocated to the pod\./);
    assert.match(
      columns.Node.description,
      /^NodeName indicates in which node this pod is scheduled\./,
    );
  });

  it("a CRD printer column without a description is described by its JSONPath", async () => {
    const { call } = kubeFixture();
    const crd = await call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          additionalPrinterColumns: [
            { name: "Size", type: "integer", jsonPath: ".spec.size" },
            { name: "Color", type: "string", jsonPath: ".spec.color", description: "Its color" },
          ],
          schema: {
            openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        }],
      },
    });
    assert.equal(crd.status, 201);
    const table = await call("GET", "/apis/example.com/v1/widgets", undefined, { accept: TABLE });
    const descriptions = table.json.columnDefinitions.map((c: { description: string }) =>
      c.description
    );
    assert.deepEqual(descriptions.slice(1), [
      "Custom resource definition column (in JSONPath format): .spec.size",
      "Its color",
    ]);
  });
});
