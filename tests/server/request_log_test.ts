import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { requestLogFields } from "../../src/server/request_log.ts";

describe("request log", () => {
  it("names the group, resource and subresource, rounds the time and adds the error", () => {
    assert.deepEqual(
      requestLogFields({
        cluster: "ns/c1",
        verb: "patch",
        group: "apps",
        version: "v1",
        resource: "deployments",
        subresource: "status",
        code: 422,
        seconds: 0.01234,
        error: 'Deployment.apps "web" is invalid',
      }),
      {
        cluster: "ns/c1",
        verb: "patch",
        resource: "apps/deployments/status",
        code: 422,
        ms: 12,
        error: 'Deployment.apps "web" is invalid',
      },
    );
  });

  it("leaves out the resource of a non-resource path and the error of a success", () => {
    assert.deepEqual(
      requestLogFields({
        cluster: "ns/c1",
        verb: "get",
        group: "",
        version: "",
        resource: "",
        code: 200,
        seconds: 0.0004,
      }),
      { cluster: "ns/c1", verb: "get", code: 200, ms: 0 },
    );
  });
});
