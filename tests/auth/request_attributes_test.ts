// Request attributes for authorization, as kube-apiserver's RequestInfoFactory derives them.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { requestAttributes } from "../../src/auth/mod.ts";

const q = (text = "") => new URLSearchParams(text);

describe("requestAttributes", () => {
  it("reads verb, group, resource, namespace, name and subresource of resource paths", () => {
    assert.deepEqual(
      requestAttributes("PATCH", "/apis/apps/v1/namespaces/ns/deployments/web/scale", q()),
      {
        kind: "resource",
        verb: "patch",
        apiGroup: "apps",
        resource: "deployments",
        subresource: "scale",
        namespace: "ns",
        name: "web",
      },
    );
  });

  it("turns GET of collections into list or watch, DELETE into deletecollection", () => {
    assert.equal(requestAttributes("GET", "/api/v1/pods", q()).verb, "list");
    assert.equal(requestAttributes("GET", "/api/v1/pods", q("watch=True")).verb, "watch");
    assert.equal(requestAttributes("GET", "/api/v1/watch/namespaces/a/pods", q()).verb, "watch");
    assert.equal(
      requestAttributes("DELETE", "/api/v1/namespaces/a/pods", q()).verb,
      "deletecollection",
    );
  });

  it("names the object a metadata.name field selector lists", () => {
    const attributes = requestAttributes(
      "GET",
      "/api/v1/namespaces/a/pods",
      q("fieldSelector=metadata.name%3Dp"),
    );
    assert.equal(attributes.kind === "resource" && attributes.name, "p");
  });

  it("reads namespaces/<name> and namespaces/<name>/status as the namespace resource", () => {
    assert.deepEqual(requestAttributes("PUT", "/api/v1/namespaces/a/status", q()), {
      kind: "resource",
      verb: "update",
      apiGroup: "",
      resource: "namespaces",
      subresource: "status",
      namespace: "a",
      name: "a",
    });
  });

  it("treats discovery and other paths as non-resource requests with the method as verb", () => {
    assert.deepEqual(requestAttributes("GET", "/apis/apps", q()), {
      kind: "nonResource",
      verb: "get",
      path: "/apis/apps",
    });
    assert.deepEqual(requestAttributes("GET", "/version", q()), {
      kind: "nonResource",
      verb: "get",
      path: "/version",
    });
    assert.deepEqual(requestAttributes("POST", "/api/v1", q()), {
      kind: "nonResource",
      verb: "post",
      path: "/api/v1",
    });
  });
});
