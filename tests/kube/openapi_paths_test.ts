// The `paths` of OpenAPI v3 group-version documents: kube-apiserver's routes, per minor.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { builtinCatalog, ClusterCatalog, ResourceCatalog } from "../../src/resources/mod.ts";
import { openApiV3Document, openApiV3Index } from "../../src/kube/openapi.ts";
import { toValidOperationId } from "../../src/kube/openapi_paths.ts";
import {
  pathDifferences,
  publishedSpecDir,
  readPublishedPaths,
} from "../../scripts/openapi/_published.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const RELEASES = ["29", "30", "31", "32", "33", "34", "35", "36"].map((minor) =>
  builtinCatalog(`v1.${minor}.0`).kubernetesVersion
);
const V136 = builtinCatalog("v1.36.3");
const paths = (path: string, catalog = V136): Json =>
  JSON.parse(openApiV3Document(catalog, catalog.kubernetesVersion, path)!.body).paths;

describe("OpenAPI v3 paths against kube-apiserver's published spec", () => {
  for (const release of RELEASES) {
    const dir = publishedSpecDir(release);
    it(`${release}: every group version's paths as upstream serves them`, {
      skip: dir ? false : `no k8s.io/kubernetes@${release} in the Go module cache`,
    }, () => {
      const catalog = builtinCatalog(release);
      const index = JSON.parse(openApiV3Index(catalog, release).body).paths;
      for (const path of Object.keys(index)) {
        const theirs = readPublishedPaths(dir!, path, catalog);
        const differences = pathDifferences(theirs, paths(path, catalog));
        assert.deepEqual(differences.slice(0, 5), [], `${release} ${path}`);
      }
    });
  }
});

// What kube-apiserver v1.36.3 answered (scripts/oracle), key order included.
describe("OpenAPI v3 paths as kube-apiserver v1.36 serves them", () => {
  it("writes methods, then the parameters every route shares; operation keys in spec3's order", () => {
    const item = paths("apis/apps/v1")["/apis/apps/v1/namespaces/{namespace}/deployments"];
    assert.deepEqual(Object.keys(item), ["get", "post", "delete", "parameters"]);
    assert.deepEqual(item.parameters.map((p: Json) => p.name), ["namespace", "pretty"]);
    assert.deepEqual(Object.keys(item.get), [
      "tags",
      "description",
      "operationId",
      "parameters",
      "responses",
      "x-kubernetes-action",
      "x-kubernetes-group-version-kind",
    ]);
    assert.deepEqual(item.get.parameters.map((p: Json) => p.name), [
      "allowWatchBookmarks",
      "continue",
      "fieldSelector",
      "labelSelector",
      "limit",
      "resourceVersion",
      "resourceVersionMatch",
      "sendInitialEvents",
      "shardSelector",
      "timeoutSeconds",
      "watch",
    ]);
    assert.deepEqual(Object.keys(item.get.responses["200"].content), [
      "application/json",
      "application/json;stream=watch",
      "application/vnd.kubernetes.protobuf",
      "application/vnd.kubernetes.protobuf;stream=watch",
      "application/yaml",
    ]);
    assert.deepEqual(item.get.responses["401"], { description: "Unauthorized" });
    assert.deepEqual(item.delete["x-kubernetes-group-version-kind"], {
      group: "apps",
      version: "v1",
      kind: "Deployment",
    });
    assert.equal(item.delete.operationId, "deleteAppsV1CollectionNamespacedDeployment");
    assert.equal(item.delete.requestBody.required, undefined, "DeleteOptions is optional");
    assert.deepEqual(Object.keys(item.post.responses), ["200", "201", "202", "401"]);
  });

  it("serves the group version's resource list and the deprecated /watch paths", () => {
    const all = paths("apis/apps/v1");
    assert.deepEqual(Object.keys(all["/apis/apps/v1/"].get), [
      "tags",
      "description",
      "operationId",
      "responses",
    ]);
    assert.equal(all["/apis/apps/v1/"].get.operationId, "getAppsV1APIResources");
    const watch = all["/apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}"];
    assert.equal(watch.get.operationId, "watchAppsV1NamespacedDeployment");
    assert.equal(watch.get["x-kubernetes-action"], "watch");
    assert.equal(
      all["/apis/apps/v1/watch/deployments"].get.operationId,
      "watchAppsV1DeploymentListForAllNamespaces",
    );
    const keys = Object.keys(all);
    assert.deepEqual(keys, [...keys].sort(), "sorted as Go writes a map");
  });

  it("connects exec, attach, portforward and proxies with their options; logs as text", () => {
    const core = paths("api/v1");
    const exec = core["/api/v1/namespaces/{namespace}/pods/{name}/exec"];
    assert.deepEqual(Object.keys(exec), ["get", "post", "parameters"]);
    assert.equal(exec.post.operationId, "connectCoreV1PostNamespacedPodExec");
    assert.equal(
      exec.parameters.find((p: Json) => p.name === "name").description,
      "name of the PodExecOptions",
    );
    assert.deepEqual(exec.get.responses["200"], {
      description: "OK",
      content: { "*/*": { schema: { type: "string" } } },
    });
    const proxy = core["/api/v1/nodes/{name}/proxy/{path}"];
    assert.deepEqual(Object.keys(proxy), [
      "get",
      "put",
      "post",
      "delete",
      "options",
      "head",
      "patch",
      "parameters",
    ]);
    assert.deepEqual(proxy.parameters.map((p: Json) => `${p.name}:${p.in}`), [
      "name:path",
      "path:path",
      "path:query",
    ]);
    assert.equal(proxy.head.operationId, "connectCoreV1HeadNodeProxyWithPath");
    const log = core["/api/v1/namespaces/{namespace}/pods/{name}/log"].get;
    assert.deepEqual(Object.keys(log.responses["200"].content), [
      "application/json",
      "application/vnd.kubernetes.protobuf",
      "application/yaml",
      "text/plain",
    ]);
    assert.equal(
      core["/api/v1/namespaces/{namespace}/bindings"].post.description,
      "create a Binding",
    );
    assert.equal(core["/api/v1/namespaces/{namespace}/bindings/{name}"], undefined);
    assert.equal(
      core["/api/v1/namespaces/{namespace}/endpoints"].post.description,
      "create Endpoints",
    );
    assert.equal(
      core["/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token"].post.description,
      "create token of a ServiceAccount",
    );
    // A pod's DELETE answers the pod; a ConfigMap's a Status.
    const ref = (path: string) =>
      core[path].delete.responses["200"].content["application/json"].schema.$ref;
    assert.equal(
      ref("/api/v1/namespaces/{namespace}/pods/{name}"),
      "#/components/schemas/io.k8s.api.core.v1.Pod",
    );
    assert.match(ref("/api/v1/namespaces/{namespace}/configmaps/{name}"), /meta\.v1\.Status$/);
  });

  it("follows the minor: shardSelector from 1.36, ignoreStoreReadError... from 1.32", () => {
    const names = (catalog: ResourceCatalog) =>
      paths("api/v1", catalog)["/api/v1/namespaces/{namespace}/pods"].delete.parameters.map((
        p: Json,
      ) => p.name);
    const v129 = names(builtinCatalog("v1.29.6"));
    assert.ok(
      !v129.includes("shardSelector") &&
        !v129.includes("ignoreStoreReadErrorWithClusterBreakingPotential"),
    );
    assert.ok(
      names(builtinCatalog("v1.32.13")).includes(
        "ignoreStoreReadErrorWithClusterBreakingPotential",
      ),
    );
    assert.ok(names(V136).includes("shardSelector"));
  });

  it("names operations as kube-apiserver's ToValidOperationID", () => {
    assert.equal(toValidOperationId("rbac.authorization", false), "rbacAuthorization");
    assert.equal(toValidOperationId("flowcontrol.apiserver", true), "FlowcontrolApiserver");
    assert.equal(toValidOperationId("v1beta1", true), "V1beta1");
    const rbac =
      paths("apis/rbac.authorization.k8s.io/v1")["/apis/rbac.authorization.k8s.io/v1/clusterroles"];
    assert.equal(rbac.get.operationId, "listRbacAuthorizationV1ClusterRole");
    assert.deepEqual(rbac.get.tags, ["rbacAuthorization_v1"]);
  });
});

describe("OpenAPI v3 documents as kube-apiserver v1.36 writes them", () => {
  it("escapes <, > and & as Go, declares BearerToken, and orders schema keys as spec.Schema", () => {
    const body = openApiV3Document(V136, "v1.36.3", "apis/authentication.k8s.io/v1")!.body;
    assert.ok(body.includes("'f:\\u003cname\\u003e'") && !body.includes("<name>"));
    const doc = JSON.parse(body);
    assert.deepEqual(Object.keys(doc), ["openapi", "info", "paths", "components"]);
    assert.deepEqual(doc.components.securitySchemes, {
      BearerToken: {
        type: "apiKey",
        description: "Bearer Token authentication",
        name: "authorization",
        in: "header",
      },
    });
    const spec = JSON.parse(openApiV3Document(V136, "v1.36.3", "apis/apps/v1")!.body)
      .components.schemas["io.k8s.api.apps.v1.DeploymentSpec"];
    assert.deepEqual(Object.keys(spec), ["description", "type", "required", "properties"]);
    assert.deepEqual(Object.keys(spec.properties.strategy), [
      "description",
      "default",
      "allOf",
      "x-kubernetes-patch-strategy",
    ]);
    const properties = Object.keys(spec.properties);
    assert.deepEqual(properties, [...properties].sort());
  });
});

describe("OpenAPI v3 root documents", () => {
  it("lists /api, /apis, each group, /version and the OIDC endpoints beside the group versions", () => {
    const index = Object.keys(JSON.parse(openApiV3Index(V136, "v1.36.3").body).paths);
    assert.deepEqual(index.slice(0, 5), [
      ".well-known/openid-configuration",
      "api",
      "api/v1",
      "apis",
      "apis/admissionregistration.k8s.io",
    ]);
    assert.deepEqual(index.slice(-2), ["openid/v1/jwks", "version"]);
    const group = JSON.parse(
      openApiV3Document(V136, "v1.36.3", "apis/rbac.authorization.k8s.io")!.body,
    );
    assert.deepEqual(
      group.paths["/apis/rbac.authorization.k8s.io/"].get.operationId,
      "getRbacAuthorizationAPIGroup",
    );
    assert.deepEqual(Object.keys(group.components.schemas), [
      "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup",
      "io.k8s.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR",
    ]);
    const jwks = JSON.parse(openApiV3Document(V136, "v1.36.3", "openid/v1/jwks")!.body);
    assert.deepEqual(Object.keys(jwks.components), ["securitySchemes"]);
    assert.deepEqual(jwks.paths["/openid/v1/jwks/"].get.responses["200"].content, {
      "application/jwk-set+json": { schema: { type: "string" } },
    });
  });
});

describe("OpenAPI v3 documents are shared across clusters", () => {
  it("a cluster without CRDs serves the documents of its minor's built-ins", () => {
    // First use of this release: the cluster's catalog is keyed by the shared built-ins.
    const cluster = new ClusterCatalog(V136);
    const index = JSON.parse(openApiV3Index(cluster, "v1.36.9").body).paths;
    assert.match(index["apis/apps/v1"].serverRelativeURL, /\?hash=[0-9A-F]{128}$/);
    assert.equal(
      openApiV3Document(cluster, "v1.36.9", "apis/apps/v1"),
      openApiV3Document(V136, "v1.36.9", "apis/apps/v1"),
    );
  });

  it("a cluster with CRDs reuses the built-in group versions' documents, and equal CRDs share theirs", () => {
    const crd = V136.find("apps", "v1", "deployments")!;
    const widget = {
      ...crd,
      group: "example.com",
      version: "v1",
      name: "widgets",
      kind: "Widget",
      key: "example.com/widgets",
      subresources: [],
      custom: true,
    };
    const [a, b] = [new ClusterCatalog(V136), new ClusterCatalog(V136)];
    a.define("widgets.example.com", [widget]);
    b.define("widgets.example.com", [{ ...widget }]);
    const doc = (catalog: ClusterCatalog, path: string) =>
      openApiV3Document(catalog, "v1.36.3", path);
    assert.equal(doc(a, "apis/apps/v1"), doc(new ClusterCatalog(V136), "apis/apps/v1"));
    assert.equal(doc(a, "api/v1"), openApiV3Document(V136, "v1.36.3", "api/v1"));
    assert.ok(doc(a, "apis/example.com/v1"));
    assert.equal(doc(a, "apis/example.com/v1"), doc(b, "apis/example.com/v1"));
    assert.equal(openApiV3Index(a, "v1.36.3"), openApiV3Index(b, "v1.36.3"));
    const custom = JSON.parse(doc(a, "apis/example.com/v1")!.body).paths;
    const patch = custom["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"].patch;
    assert.ok(!("application/strategic-merge-patch+json" in patch.requestBody.content));
  });
});
