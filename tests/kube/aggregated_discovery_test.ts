import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { aggregatedDiscovery, negotiateDiscovery } from "../../src/kube/aggregated_discovery.ts";
import { BUILTIN_CATALOG } from "../../src/resources/mod.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const catalog = BUILTIN_CATALOG;
const V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
const V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
// client-go discovery_client.go acceptDiscoveryFormats (kubectl 1.30+); 1.27-1.29 omit the v2 entry.
const CLIENT_GO_ACCEPT = `${V2},${V2BETA1},application/json`;

const resource = (list: Json, group: string, name: string) =>
  list.items.find((g: Json) => (g.metadata.name ?? "") === group).versions[0].resources.find((
    r: Json,
  ) => r.resource === name);

describe("aggregatedDiscovery", () => {
  it('GET /api lists the core group (name "", so none written) as an APIGroupDiscoveryList', () => {
    const list: Json = aggregatedDiscovery(catalog, "core", "v2");
    assert.equal(list.kind, "APIGroupDiscoveryList");
    assert.equal(list.apiVersion, "apidiscovery.k8s.io/v2");
    assert.equal(list.items.length, 1);
    // As kube-apiserver v1.36.3 answers (scripts/oracle): ObjectMeta.name is omitempty.
    assert.equal("name" in list.items[0].metadata, false);
    const [version] = list.items[0].versions;
    assert.equal(version.version, "v1");
    assert.equal(version.freshness, "Current");
  });

  it("describes pods with responseKind, scope, singular, verbs, short names and categories", () => {
    const pods = resource(aggregatedDiscovery(catalog, "core", "v2"), "", "pods");
    // kube-apiserver leaves a built-in's group and version empty (api/discovery/aggregated_v2.json).
    assert.deepEqual(pods.responseKind, { group: "", version: "", kind: "Pod" });
    assert.equal(pods.scope, "Namespaced");
    assert.equal(pods.singularResource, "pod");
    assert.ok(pods.verbs.includes("watch") && pods.verbs.includes("deletecollection"));
    assert.deepEqual(pods.shortNames, ["po"]);
    assert.deepEqual(pods.categories, ["all"]);
  });

  it("nests subresources; pods/eviction answers with policy/v1 Eviction", () => {
    const pods = resource(aggregatedDiscovery(catalog, "core", "v2"), "", "pods");
    const byName = Object.fromEntries(pods.subresources.map((s: Json) => [s.subresource, s]));
    assert.deepEqual(byName.eviction, {
      subresource: "eviction",
      responseKind: { group: "policy", version: "v1", kind: "Eviction" },
      verbs: ["create"],
    });
    assert.deepEqual(byName.status.responseKind, { group: "", version: "", kind: "Pod" });
    assert.deepEqual(byName.portforward.responseKind.kind, "PodPortForwardOptions");
  });

  it("marks cluster-scoped resources Cluster and omits empty optional lists", () => {
    const list = aggregatedDiscovery(catalog, "core", "v2");
    assert.equal(resource(list, "", "nodes").scope, "Cluster");
    const secrets = resource(list, "", "secrets");
    assert.equal("shortNames" in secrets, false);
    assert.equal("subresources" in secrets, false);
    assert.equal("categories" in secrets, false);
  });

  it("GET /apis lists only the named groups; built-in response kinds name no group", () => {
    const list: Json = aggregatedDiscovery(catalog, "apis", "v2");
    const names = list.items.map((g: Json) => g.metadata.name);
    assert.ok(!names.includes(""));
    assert.ok(names.includes("apps") && names.includes("rbac.authorization.k8s.io"));
    const deployments = resource(list, "apps", "deployments");
    assert.deepEqual(deployments.responseKind, { group: "", version: "", kind: "Deployment" });
    const scale = deployments.subresources.find((s: Json) => s.subresource === "scale");
    assert.deepEqual(scale.responseKind, { group: "autoscaling", version: "v1", kind: "Scale" });
    assert.deepEqual(deployments.shortNames, ["deploy"]);
  });

  it("builds v2beta1 with the same content and is cached per catalog", () => {
    const beta: Json = aggregatedDiscovery(catalog, "apis", "v2beta1");
    const v2: Json = aggregatedDiscovery(catalog, "apis", "v2");
    assert.equal(beta.apiVersion, "apidiscovery.k8s.io/v2beta1");
    assert.deepEqual(beta.items, v2.items);
    assert.equal(aggregatedDiscovery(catalog, "apis", "v2"), v2);
  });
});

describe("negotiateDiscovery", () => {
  it("picks v2 first from client-go's Accept header", () => {
    assert.deepEqual(negotiateDiscovery(CLIENT_GO_ACCEPT), { version: "v2", contentType: V2 });
  });

  it("picks v2beta1 when only v2beta1 is offered (kubectl 1.27-1.29)", () => {
    assert.deepEqual(negotiateDiscovery(`${V2BETA1},application/json`), {
      version: "v2beta1",
      contentType: V2BETA1,
    });
  });

  it("returns undefined (legacy discovery) for plain JSON, no header or protobuf only", () => {
    assert.equal(negotiateDiscovery("application/json"), undefined);
    assert.equal(negotiateDiscovery(undefined), undefined);
    assert.equal(negotiateDiscovery("application/vnd.kubernetes.protobuf"), undefined);
    assert.equal(
      negotiateDiscovery(
        "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      ),
      undefined,
    );
  });

  it("skips protobuf variants and keeps looking for a JSON one", () => {
    const accept =
      "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," +
      V2BETA1;
    assert.equal(negotiateDiscovery(accept)?.version, "v2beta1");
  });

  it("tolerates spaces, parameter order and the nopeer profile; honours q=0", () => {
    assert.equal(
      negotiateDiscovery("application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io")
        ?.version,
      "v2",
    );
    assert.equal(negotiateDiscovery(`${V2};profile=nopeer,${CLIENT_GO_ACCEPT}`)?.contentType, V2);
    assert.equal(negotiateDiscovery(`${V2};q=0,${V2BETA1}`)?.version, "v2beta1");
  });

  it("stops at a plain application/json listed before the aggregated forms", () => {
    assert.equal(negotiateDiscovery(`application/json,${V2}`), undefined);
  });
});
