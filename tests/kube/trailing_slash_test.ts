// Paths with a trailing slash: served as kube-apiserver's go-restful (trimmed) and non-go-restful
// mux (exactly one slash) serve them.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";
import { withoutTrailingSlash } from "../../src/kube/trailing_slash.ts";

describe("trailing slashes", () => {
  it("maps each path to the one kube-apiserver routes", () => {
    const cases: [string, string | undefined][] = [
      ["/version/", "/version"],
      ["/version//", "/version"],
      ["/api/", "/api"],
      ["/api/v1/", "/api/v1"],
      ["/apis/", "/apis"],
      ["/apis/apps/", "/apis/apps"],
      ["/apis/apps/v1/", "/apis/apps/v1"],
      ["/api/v1/namespaces/default/pods/", "/api/v1/namespaces/default/pods"],
      // The non-go-restful mux registers exactly "/apis/" and "/apis/<group>/".
      ["/apis//", undefined],
      ["/apis/apps//", undefined],
      ["/openapi/v2/", undefined],
      ["/versions/", undefined],
      ["/", undefined],
      ["/version", undefined],
    ];
    for (const [path, routed] of cases) assert.equal(withoutTrailingSlash(path), routed, path);
  });

  it("the paths generated clients call answer as without the slash", async () => {
    const { call } = kubeFixture();
    const kinds: Record<string, string | undefined> = {
      "/api/": "APIVersions",
      "/apis/": "APIGroupList",
      "/api/v1/": "APIResourceList",
      "/apis/apps/": "APIGroup",
      "/apis/apps/v1/": "APIResourceList",
      "/api/v1/namespaces/default/configmaps/?limit=1": "ConfigMapList",
    };
    for (const [path, kind] of Object.entries(kinds)) {
      const answer = await call("GET", path);
      assert.equal(answer.status, 200, path);
      assert.equal(answer.json.kind, kind, path);
    }
    const version = await call("GET", "/version/");
    assert.equal(version.status, 200);
    assert.equal(version.json.gitVersion, "v1.33.1");
    assert.equal((await call("GET", "/apis//")).status, 404);
  });

  it("other methods keep their path and body (never re-wrapped, never a 5xx)", async () => {
    const { call } = kubeFixture();
    for (const path of ["/apis/", "/api/v1/", "/api/x/v1/namespaces/fuzz/configmaps/"]) {
      const answer = await call("PUT", path, "a: b", { "content-type": "application/yaml" });
      assert.ok(answer.status < 500, `${path} → ${answer.status}`);
    }
  });
});
