// HEAD as kube-apiserver v1.36.3 answers it (seen with scripts/oracle): 405 on go-restful's
// routes (discovery documents, /version, the issuer documents, built-in resource paths), the GET
// answer elsewhere (/apis, /apis/<group>, health checks, custom resources), 404 where no route is.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { refusesHeadOn } from "../../src/kube/head_requests.ts";
import { ClusterCatalog, resourcesOfDefinition } from "../../src/resources/mod.ts";
import { ADMIN, kubeFixture } from "./kube_fixture.ts";

const METHOD_NOT_ALLOWED = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "the server does not allow this method on the requested resource",
  reason: "MethodNotAllowed",
  details: {},
  code: 405,
};

function catalogWithWidgets(): ClusterCatalog {
  const catalog = new ClusterCatalog();
  catalog.define(
    "widgets.example.com",
    resourcesOfDefinition({
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget" },
        versions: [{ name: "v1", served: true, storage: true, subresources: { status: {} } }],
      },
    }),
  );
  return catalog;
}

describe("HEAD requests", () => {
  it("are refused on go-restful's routes and served as GET elsewhere", () => {
    const catalog = catalogWithWidgets();
    for (
      const path of [
        "/api",
        "/api/",
        "/api/v1",
        "/api/v1/",
        "/apis/apps/v1",
        "/apis/apps/v1/",
        "/version",
        "/version/",
        "/.well-known/openid-configuration",
        "/openid/v1/jwks",
        "/api/v1/namespaces",
        "/api/v1/nodes",
        "/api/v1/nodes/missing/status",
        "/api/v1/namespaces/default/configmaps",
        "/api/v1/namespaces/default/configmaps/",
        "/api/v1/namespaces/nope/configmaps",
        "/api/v1/namespaces/default/configmaps/missing",
        "/api/v1/watch/namespaces/default/configmaps",
        "/api/v1/namespaces/default/pods/x/log",
        "/api/v1/namespaces/default/pods/x/exec",
        "/api/v1/namespaces/default/pods/x/portforward",
        "/api/v1/namespaces/default/serviceaccounts/default/token",
        "/apis/apps/v1/namespaces/default/deployments",
        "/apis/authentication.k8s.io/v1/tokenreviews",
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      ]
    ) assert.equal(refusesHeadOn(path, catalog), true, path);
    for (
      const path of [
        "/apis",
        "/apis/",
        "/apis/apps",
        "/apis/apps/",
        "/healthz",
        "/livez/ping",
        "/openapi/v2",
        "/openapi/v3/apis/apps/v1",
        "/nope",
        "/api/v2",
        "/apis/apps/v2",
        "/api/v1/foos",
        "/api/v1/namespaces/default/configmaps/x/bogus",
        "/api/v1/namespaces/default/pods/x/proxy",
        "/apis/nope/v1/foo",
        "/apis/example.com/v1",
        "/apis/example.com/v1/widgets",
        "/apis/example.com/v1/namespaces/default/widgets/w1",
        "/apis/example.com/v1/namespaces/default/widgets/w1/status",
      ]
    ) assert.equal(refusesHeadOn(path, catalog), false, path);
  });

  it("answer 405 MethodNotAllowed with go-restful's Status on a built-in path", async () => {
    const { call } = kubeFixture();
    for (const path of ["/version", "/api", "/apis/apps/v1", "/api/v1/namespaces/default"]) {
      const { status, headers } = await call("HEAD", path);
      assert.equal(status, 405, path);
      assert.equal(headers.get("content-type"), "application/json", path);
      assert.equal(headers.get("cache-control"), "no-cache, private", path);
    }
    assert.equal((await call("HEAD", "/apis")).status, 200);
    assert.equal((await call("HEAD", "/healthz")).status, 200);
    assert.equal((await call("HEAD", "/api/v1/foos")).status, 404);
  });

  it("a listener's HEAD (handed over as a GET) gets the 405 Status, whose length Go tells", async () => {
    const { app, cluster } = kubeFixture();
    const bindings = { cluster, client: ADMIN, head: true };
    const path = "/api/v1/namespaces/default/configmaps";
    const answer = await app.request(path, {}, bindings);
    assert.equal(answer.status, 405);
    assert.deepEqual(JSON.parse(await answer.text()), METHOD_NOT_ALLOWED);
    const apis = await app.request("/apis", {}, bindings);
    assert.equal(apis.status, 200);
  });
});
