// kube-apiserver's two 404s: a JSON Status under its go-restful web services (`/api...`,
// `/apis/<built-in group>...`, `/version...`), Go's plain `404 page not found` everywhere else
// (unknown groups, custom resource groups' unknown resources, `/healthz/<unknown>`, `/openapi/v2/x`).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const STATUS_404 = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "the server could not find the requested resource",
  reason: "NotFound",
  details: {},
  code: 404,
};

describe("404 answers", () => {
  it("paths outside go-restful's web services answer Go's plain-text 404", async () => {
    const { call } = kubeFixture();
    for (
      const path of [
        "/nope",
        "/apis/nope.example.com",
        "/apis/nope.example.com/v1",
        "/apis/nope.example.com/v1/widgets",
        "/apis/nope.example.com/v1/namespaces/default/widgets/w",
        "/healthz/nope",
        "/healthz/",
        "/openapi/v2/x",
      ]
    ) {
      const { status, text, headers } = await call("GET", path);
      assert.equal(status, 404, path);
      assert.equal(text, "404 page not found\n", path);
      assert.equal(headers.get("content-type"), "text/plain; charset=utf-8", path);
      assert.equal(headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(headers.get("cache-control"), "no-cache, private", path);
    }
  });

  it("paths under /api, /version and built-in groups answer a Status", async () => {
    const { call } = kubeFixture();
    for (
      const path of [
        "/api/v2",
        "/api/v1/nopes",
        "/api/v1/namespaces/default/configmaps/x/nope",
        "/apis/apps/v2",
        "/apis/apps/v2/x",
        "/apis/apps/v1/nopes",
        "/version/foo",
      ]
    ) {
      const { status, json, headers } = await call("GET", path);
      assert.equal(status, 404, path);
      assert.deepEqual(json, STATUS_404, path);
      assert.equal(headers.get("content-type"), "application/json", path);
      assert.equal(headers.get("x-content-type-options"), null, path);
    }
  });

  it("a custom resource group: unknown resources fall through, unknown subresources are NotFound", async () => {
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
          schema: {
            openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          },
        }],
      },
    });
    assert.equal(crd.status, 201, JSON.stringify(crd.json));
    assert.equal((await call("GET", "/apis/example.com/v1/widgets")).status, 200);
    for (const path of ["/apis/example.com/v1/gadgets", "/apis/example.com/v2/widgets"]) {
      const { status, text } = await call("GET", path);
      assert.equal(status, 404, path);
      assert.equal(text, "404 page not found\n", path);
    }
    const sub = await call("GET", "/apis/example.com/v1/namespaces/default/widgets/w/nope");
    assert.equal(sub.status, 404);
    assert.deepEqual(sub.json, {
      ...STATUS_404,
      message: 'widgets.example.com "w" not found',
      details: { name: "w", group: "example.com", kind: "widgets" },
    });
  });
});
