// The WatchList feature gate per minor, as kube-apiserver's defaults set it: `sendInitialEvents`
// on a watch is served where the gate is on (1.32, 1.34+) and refused with ListOptions' 422 where
// it is off (1.29–1.31, 1.33).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { watchListEnabled } from "../../src/kube/feature_gates.ts";
import { kubeFixture } from "./kube_fixture.ts";

const WATCH_LIST = "/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true" +
  "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1";

describe("WatchList feature gate", () => {
  it("follows kube-apiserver's default per minor", () => {
    const on = ["v1.29.15", "v1.30.14", "v1.31.14", "v1.32.13", "v1.33.1", "v1.34.1", "v1.36.3"]
      .map(watchListEnabled);
    assert.deepEqual(on, [false, false, false, true, false, true, true]);
  });

  for (const version of ["v1.31.14", "v1.33.1"]) {
    it(`${version}: a watch-list is 422 Invalid with the gate's cause`, async () => {
      const { call } = kubeFixture({ kubernetesVersion: version });
      const { status, json } = await call("GET", WATCH_LIST);
      assert.equal(status, 422);
      assert.equal(json.reason, "Invalid");
      assert.equal(
        json.message,
        'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
      );
      assert.deepEqual(json.details.causes, [{
        reason: "FieldValueForbidden",
        message:
          "Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled",
        field: "sendInitialEvents",
      }]);
    });
  }

  for (const version of ["v1.32.13", "v1.34.1"]) {
    it(`${version}: a watch-list streams the initial events and their bookmark`, async () => {
      const { call } = kubeFixture({ kubernetesVersion: version });
      const { status, text } = await call("GET", WATCH_LIST);
      assert.equal(status, 200);
      assert.match(text, /"k8s.io\/initial-events-end":"true"/);
    });
  }

  it("without the gate, both the option's own rule and the gate are reported", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.33.1" });
    const { json } = await call(
      "GET",
      "/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true",
    );
    assert.deepEqual(json.details.causes.map((c: { field: string }) => c.field), [
      "resourceVersionMatch",
      "sendInitialEvents",
    ]);
  });
});
