// Custom resources stored before their CRD gained a default are read with it (GET, LIST, watch), never rewritten.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ADMIN, kubeFixture } from "./kube_fixture.ts";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
const THINGS = "/apis/example.com/v1/namespaces/default/things";

function thingCrd(spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "things.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "things", singular: "thing", kind: "Thing", listKind: "ThingList" },
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        additionalPrinterColumns: [{ name: "Tier", type: "string", jsonPath: ".spec.tier" }],
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: { spec: { type: "object", properties: spec } },
          },
        },
      }],
    },
  };
}

async function storedBeforeDefault() {
  const fixture = kubeFixture();
  const { call } = fixture;
  assert.equal((await call("POST", CRDS, thingCrd({ size: { type: "integer" } }))).status, 201);
  const created = await call("POST", THINGS, {
    apiVersion: "example.com/v1",
    kind: "Thing",
    metadata: { name: "old" },
    spec: { size: 1 },
  });
  assert.equal(created.status, 201);
  const crd = (await call("GET", `${CRDS}/things.example.com`)).json;
  crd.spec = thingCrd({
    size: { type: "integer" },
    tier: { type: "string", default: "gold" },
    items: {
      type: "array",
      items: { type: "object", properties: { w: { type: "integer", default: 7 } } },
    },
  }).spec;
  assert.equal((await call("PUT", `${CRDS}/things.example.com`, crd)).status, 200);
  return fixture;
}

describe("custom resources defaulted on read", () => {
  it("GET shows a default the CRD gained after the object was stored; the store keeps it as written", async () => {
    const { call, cluster } = await storedBeforeDefault();
    const got = await call("GET", `${THINGS}/old`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.json.spec, { size: 1, tier: "gold" });
    const resource = cluster.catalog.byKey("example.com/things")!;
    const stored = cluster.store.get(resource, "default", "old")!;
    assert.deepEqual(stored.spec, { size: 1 });
    // The resourceVersion is the stored one: reading writes nothing.
    assert.equal(got.json.metadata.resourceVersion, stored.metadata.resourceVersion);
  });

  it("LIST items, Table rows and watch events carry the default too", async () => {
    const { call, app, cluster } = await storedBeforeDefault();
    const list = await call("GET", THINGS);
    assert.deepEqual(list.json.items[0].spec, { size: 1, tier: "gold" });
    const table = await call("GET", THINGS, undefined, {
      accept: "application/json;as=Table;v=v1;g=meta.k8s.io",
    });
    assert.deepEqual(table.json.rows[0].cells, ["old", "gold"]);
    const response = await app.request(`${THINGS}?watch=1&resourceVersion=0`, {}, {
      cluster,
      client: ADMIN,
    });
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    const event = JSON.parse(new TextDecoder().decode(value).split("\n")[0]);
    assert.equal(event.type, "ADDED");
    assert.deepEqual(event.object.spec, { size: 1, tier: "gold" });
  });

  it("list items without a value take their item default; nulls are kept on read, not pruned", async () => {
    const { call, cluster } = await storedBeforeDefault();
    const resource = cluster.catalog.byKey("example.com/things")!;
    const stored = cluster.store.get(resource, "default", "old")!;
    // An object as an older CRD (no items schema) let it be stored.
    cluster.store.update(resource, { ...stored, spec: { size: 2, items: [{}, { w: 1 }] } });
    const got = await call("GET", `${THINGS}/old`);
    assert.deepEqual(got.json.spec, { size: 2, tier: "gold", items: [{ w: 7 }, { w: 1 }] });
  });

  it("objects complete already are answered as stored (no copy)", async () => {
    const { call } = await storedBeforeDefault();
    const created = await call("POST", THINGS, {
      apiVersion: "example.com/v1",
      kind: "Thing",
      metadata: { name: "new" },
      spec: { size: 2 },
    });
    assert.deepEqual(created.json.spec, { size: 2, tier: "gold" });
    const got = await call("GET", `${THINGS}/new`);
    assert.equal(got.text, created.text);
  });
});
