// The per-minor built-in catalog: what a default kube-apiserver of each minor serves, shared by clusters.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { builtinCatalog, ClusterCatalog } from "../../src/resources/mod.ts";
import { apiResourceList } from "../../src/kube/discovery.ts";

const subresourcesOf = (version: string, group: string, name: string) =>
  builtinCatalog(version).find(group, group ? "v1" : "v1", name)?.subresources.map((s) => s.name);

describe("builtinCatalog", () => {
  it("serves every subresource kube-apiserver 1.33 lists for pods, with their kinds", () => {
    assert.deepEqual(subresourcesOf("v1.33.1", "", "pods"), [
      "attach",
      "binding",
      "ephemeralcontainers",
      "eviction",
      "exec",
      "log",
      "portforward",
      "proxy",
      "resize",
      "status",
    ]);
    // pods/resize arrived in 1.33 (InPlacePodVerticalScaling beta).
    assert.ok(!subresourcesOf("v1.32.4", "", "pods")!.includes("resize"));
    const token = builtinCatalog("v1.33.1").find("", "v1", "serviceaccounts")!.subresources[0];
    assert.deepEqual(token, {
      name: "token",
      kind: "TokenRequest",
      verbs: ["create"],
      group: "authentication.k8s.io",
      version: "v1",
    });
  });

  it("lists scale, approval and status subresources as upstream does", () => {
    assert.deepEqual(subresourcesOf("v1.33.1", "apps", "deployments"), ["scale", "status"]);
    assert.deepEqual(
      subresourcesOf("v1.33.1", "certificates.k8s.io", "certificatesigningrequests"),
      [
        "approval",
        "status",
      ],
    );
    assert.deepEqual(subresourcesOf("v1.33.1", "", "namespaces"), ["finalize", "status"]);
  });

  it("keeps upstream verbs, short names, categories and storage version hashes", () => {
    const catalog = builtinCatalog("v1.33.1");
    const namespaces = catalog.find("", "v1", "namespaces")!;
    assert.deepEqual(namespaces.verbs, [
      "create",
      "delete",
      "get",
      "list",
      "patch",
      "update",
      "watch",
    ]);
    assert.equal(namespaces.specFinalizers, true);
    const deployments = catalog.find("apps", "v1", "deployments")!;
    assert.equal(deployments.storageVersionHash, "8aSe+NMegvE=");
    assert.deepEqual(deployments.categories, ["all"]);
    assert.equal(deployments.tracksGeneration, true);
    assert.deepEqual(catalog.find("", "v1", "componentstatuses")!.shortNames, ["cs"]);
    assert.deepEqual(catalog.find("", "v1", "bindings")!.verbs, ["create"]);
  });

  it("serves GA group/versions only, but for 1.29-1.31's legacy flowcontrol v1beta3", () => {
    assert.ok(
      builtinCatalog("v1.29.6").find("flowcontrol.apiserver.k8s.io", "v1beta3", "flowschemas"),
    );
    assert.equal(
      builtinCatalog("v1.32.13").find("flowcontrol.apiserver.k8s.io", "v1beta3", "flowschemas"),
      undefined,
    );
    for (const minor of [29, 30, 31, 32, 33, 34, 35, 36]) {
      for (const { version } of builtinCatalog(`v1.${minor}.0`).groupVersions()) {
        assert.ok(/^v\d+$/.test(version) || (minor <= 31 && version === "v1beta3"), version);
      }
    }
  });

  it("follows the minor: volumeattributesclasses and resource.k8s.io/v1 arrive in 1.34", () => {
    assert.equal(
      builtinCatalog("v1.33.1").find("storage.k8s.io", "v1", "volumeattributesclasses"),
      undefined,
    );
    assert.ok(builtinCatalog("v1.34.4").find("storage.k8s.io", "v1", "volumeattributesclasses"));
    assert.ok(builtinCatalog("v1.34.4").find("resource.k8s.io", "v1", "resourceclaims"));
    assert.equal(
      builtinCatalog("v1.33.1").find("resource.k8s.io", "v1", "resourceclaims"),
      undefined,
    );
  });

  it("is one shared catalog per minor; an unknown minor gets the nearest newer table", () => {
    assert.equal(builtinCatalog("v1.33.1"), builtinCatalog("v1.33.9"));
    assert.notEqual(builtinCatalog("v1.33.1"), builtinCatalog("v1.34.0"));
    assert.equal(builtinCatalog("v1.27.3"), builtinCatalog("v1.29.0"));
    assert.equal(builtinCatalog("v1.40.0"), builtinCatalog("v1.36.0"));
    assert.equal(builtinCatalog("v1.31.2").kubernetesVersion, "v1.31.14");
  });
});

describe("ClusterCatalog", () => {
  it("switches built-ins with the cluster's version and shares the cache key while it has no CRDs", () => {
    const a = new ClusterCatalog(builtinCatalog("v1.33.1"));
    const b = new ClusterCatalog(builtinCatalog("v1.33.1"));
    assert.equal(a.cacheKey(), b.cacheKey());
    a.useVersion("v1.34.2");
    assert.equal(a.kubernetesVersion, "v1.34.4");
    assert.ok(a.find("storage.k8s.io", "v1", "volumeattributesclasses"));
    assert.notEqual(a.cacheKey(), b.cacheKey());
  });

  it("answers /apis/apps/v1 with storageVersionHash on resources, none on subresources", () => {
    const list = apiResourceList(builtinCatalog("v1.33.1"), "apps", "v1")!;
    const byName = Object.fromEntries(list.resources.map((r) => [r.name, r]));
    assert.equal(
      (byName.deployments as { storageVersionHash?: string }).storageVersionHash,
      "8aSe+NMegvE=",
    );
    assert.equal("storageVersionHash" in byName["deployments/scale"], false);
    assert.deepEqual(byName["deployments/scale"], {
      name: "deployments/scale",
      singularName: "",
      namespaced: true,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: ["get", "patch", "update"],
    });
  });
});
