// The proxy subresources as kube-apiserver v1.36.3 answers them before dialing (scripts/oracle):
// 404 for a missing pod, service (or its Endpoints) or node, whatever the method and the path
// after `proxy`; 400 "address not allowed" for a pod without an IP.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeFixture } from "./kube_fixture.ts";

const NS = "/api/v1/namespaces/default";

describe("proxy subresources", () => {
  it("answer 404 for the object they name when it is missing, for every method", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    for (
      const [path, kind, name] of [
        [`${NS}/pods/missing/proxy`, "pods", "missing"],
        [`${NS}/pods/missing:8080/proxy/`, "pods", "missing"],
        [`${NS}/services/https:missing:443/proxy/x`, "services", "missing"],
        ["/api/v1/nodes/missing/proxy/x/y", "nodes", "missing"],
        ["/api/v1/namespaces/nope/pods/missing/proxy", "pods", "missing"],
      ]
    ) {
      for (const method of ["GET", "POST", "DELETE", "PATCH"]) {
        const { status, json } = await call(method, path);
        assert.equal(status, 404, `${method} ${path}`);
        assert.deepEqual(json, {
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message: `${kind} "${name}" not found`,
          reason: "NotFound",
          details: { name, kind },
          code: 404,
        });
      }
    }
  });

  it("answer a service without Endpoints as missing, and a pod without an IP 400", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const service = { metadata: { name: "s1" }, spec: { ports: [{ port: 80 }] } };
    assert.equal((await call("POST", `${NS}/services`, service)).status, 201);
    assert.equal(
      (await call("GET", `${NS}/services/s1/proxy`)).json.message,
      'services "s1" not found',
    );
    const pod = {
      metadata: { name: "gp" },
      spec: { nodeName: "nowhere", containers: [{ name: "c", image: "nginx" }] },
    };
    assert.equal((await call("POST", `${NS}/pods`, pod)).status, 201);
    const { status, json } = await call("GET", `${NS}/pods/gp/proxy`);
    assert.equal(status, 400);
    assert.deepEqual(json, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "address not allowed",
      reason: "BadRequest",
      code: 400,
    });
  });
});
