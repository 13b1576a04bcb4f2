// A CustomResourceDefinition's status as apiextensions' strategy and controllers keep it, through the REST handlers.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { widgetCrd } from "../api/crd/_realistic_crd.ts";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const WIDGETS = `${CRDS}/widgets.example.com`;

// deno-lint-ignore no-explicit-any
type Loose = any;

function gizmoCrd(names: Record<string, unknown>): Loose {
  const crd: Loose = widgetCrd();
  crd.metadata = { name: "gizmos.example.com" };
  crd.spec.names = { plural: "gizmos", kind: "Gizmo", ...names };
  return crd;
}

describe("CustomResourceDefinition status", () => {
  it("a new CRD: spec names and conversion defaulted, names accepted, established, one stored version", async () => {
    const { call } = kubeFixture();
    const crd = widgetCrd() as Loose;
    delete crd.spec.names.singular;
    delete crd.spec.names.listKind;
    const created = await call("POST", CRDS, crd);
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.spec.names, {
      plural: "widgets",
      singular: "widget",
      kind: "Widget",
      listKind: "WidgetList",
    });
    assert.deepEqual(created.json.spec.conversion, { strategy: "None" });
    // As kube-apiserver v1.36.3 answers the create (scripts/oracle): the registry's status, and
    // only the creator's managedFields; its controllers establish it one resourceVersion later.
    assert.deepEqual(created.json.status, {
      conditions: null,
      acceptedNames: { plural: "", kind: "" },
      storedVersions: ["v1"],
    });
    assert.equal(created.json.metadata.managedFields.length, 1);
    const read = await call("GET", WIDGETS);
    assert.equal(
      Number(read.json.metadata.resourceVersion),
      Number(created.json.metadata.resourceVersion) + 1,
    );
    assert.deepEqual(
      read.json.metadata.managedFields.map((e: Loose) => [e.operation, e.subresource]),
      [["Update", undefined], ["Update", "status"]],
    );
    const { status } = read.json;
    assert.deepEqual(status.acceptedNames, created.json.spec.names);
    assert.deepEqual(status.storedVersions, ["v1"]);
    assert.deepEqual(
      status.conditions.map((c: Loose) => [c.type, c.status, c.reason, c.message]),
      [
        ["NamesAccepted", "True", "NoConflicts", "no conflicts found"],
        ["Established", "True", "InitialNamesAccepted", "the initial names have been accepted"],
      ],
    );
  });

  it("a new storage version joins storedVersions; the old one stays until removed through /status", async () => {
    const { call } = kubeFixture();
    await call("POST", CRDS, widgetCrd());
    const crd = (await call("GET", WIDGETS)).json;
    crd.spec.versions[0].storage = false;
    crd.spec.versions[1].storage = true;
    const updated = await call("PUT", WIDGETS, crd);
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.json.status.storedVersions, ["v1", "v1beta1"]);
    // Unchanged on a further update that keeps the storage version.
    updated.json.metadata.labels = { a: "b" };
    const again = await call("PUT", WIDGETS, updated.json);
    assert.deepEqual(again.json.status.storedVersions, ["v1", "v1beta1"]);
  });

  it("accepted names follow the spec (a new short name, categories)", async () => {
    const { call } = kubeFixture();
    await call("POST", CRDS, widgetCrd());
    const crd = (await call("GET", WIDGETS)).json;
    crd.spec.names.shortNames = ["wd"];
    crd.spec.names.categories = ["all"];
    const updated = await call("PUT", WIDGETS, crd);
    assert.deepEqual(updated.json.status.acceptedNames.shortNames, ["wd"]);
    assert.deepEqual(updated.json.status.acceptedNames.categories, ["all"]);
    assert.equal(updated.json.status.conditions[0].status, "True");
  });

  it("names another CRD of the group accepted are refused: NamesAccepted False, not Established", async () => {
    const { call } = kubeFixture();
    const widgets = widgetCrd() as Loose;
    widgets.spec.names.shortNames = ["wd"];
    await call("POST", CRDS, widgets);
    const created = await call(
      "POST",
      CRDS,
      gizmoCrd({ singular: "widget", shortNames: ["wd", "gz"], listKind: "WidgetList" }),
    );
    assert.equal(created.status, 201);
    const { status } = (await call("GET", `${CRDS}/gizmos.example.com`)).json;
    // Only the names nobody else holds are accepted; the last conflict names the condition.
    assert.deepEqual(status.acceptedNames, { plural: "gizmos", kind: "Gizmo" });
    assert.deepEqual(
      status.conditions.map((c: Loose) => [c.type, c.status, c.reason, c.message]),
      [
        ["NamesAccepted", "False", "ListKindConflict", '"WidgetList" is already in use'],
        ["Established", "False", "NotAccepted", "not all names are accepted"],
      ],
    );
  });

  it("short name conflicts are aggregated as utilerrors prints them", async () => {
    const { call } = kubeFixture();
    const widgets = widgetCrd() as Loose;
    widgets.spec.names.shortNames = ["wd", "wg"];
    await call("POST", CRDS, widgets);
    await call("POST", CRDS, gizmoCrd({ shortNames: ["wd", "wg"] }));
    const created = await call("GET", `${CRDS}/gizmos.example.com`);
    const names = created.json.status.conditions[0];
    assert.equal(names.reason, "ShortNamesConflict");
    assert.equal(names.message, '["wd" is already in use, "wg" is already in use]');
    assert.deepEqual(created.json.status.acceptedNames, {
      plural: "gizmos",
      singular: "gizmo",
      kind: "Gizmo",
      listKind: "GizmoList",
    });
  });
});
