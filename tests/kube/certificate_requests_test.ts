// CertificateSigningRequests through the kube app: the requester recorded on create, no
// managedFields, approval through /approval — kube-apiserver v1.36.3's answers to the same calls.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { kubeFixture } from "./kube_fixture.ts";

const CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
const REQUEST = btoa(
  "-----BEGIN CERTIFICATE REQUEST-----\nMIHiMIGJAgEAMCcxFDASBgNVBAMMC29yYWNsZS11c2Vy\n-----END CERTIFICATE REQUEST-----\n",
);
const csr = {
  apiVersion: "certificates.k8s.io/v1",
  kind: "CertificateSigningRequest",
  metadata: { name: "user" },
  spec: {
    request: REQUEST,
    signerName: "kubernetes.io/kube-apiserver-client",
    usages: ["client auth"],
    // Whatever identity a client claims is replaced by its own.
    username: "someone-else",
    groups: ["system:nodes"],
  },
  status: { conditions: [{ type: "Approved", status: "True", reason: "Self" }] },
};
const approval = (conditions: unknown[]) => ({ ...csr, status: { conditions } });

describe("CertificateSigningRequests", () => {
  it("a create records the requester, empties the status and carries no managedFields", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    const created = await call("POST", CSRS, csr);
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.spec, {
      request: REQUEST,
      signerName: "kubernetes.io/kube-apiserver-client",
      usages: ["client auth"],
      username: "kubernetes-admin",
      groups: ["system:masters", "system:authenticated"],
    });
    assert.deepEqual(created.json.status, {});
    assert.equal(created.json.metadata.managedFields, undefined);
  });

  it("PUT /approval changes the conditions only, dated now; Approved with Denied is 422", async () => {
    const { call } = kubeFixture({ kubernetesVersion: "v1.36.3" });
    await call("POST", CSRS, csr);
    const approved = await call(
      "PUT",
      `${CSRS}/user/approval`,
      approval([{ type: "Approved", status: "True", reason: "Oracle", message: "ok" }]),
    );
    assert.equal(approved.status, 200);
    assert.equal(approved.json.spec.username, "kubernetes-admin");
    assert.deepEqual(approved.json.status, {
      conditions: [{
        type: "Approved",
        status: "True",
        reason: "Oracle",
        message: "ok",
        lastUpdateTime: "2026-01-02T03:04:05Z",
        lastTransitionTime: "2026-01-02T03:04:05Z",
      }],
    });
    assert.equal(approved.json.metadata.managedFields, undefined);
    const both = await call(
      "PUT",
      `${CSRS}/user/approval`,
      approval([
        { type: "Approved", status: "True", reason: "Oracle" },
        { type: "Denied", status: "True", reason: "Oracle" },
      ]),
    );
    assert.equal(both.status, 422);
    assert.deepEqual(both.json.details, {
      name: "user",
      group: "certificates.k8s.io",
      kind: "CertificateSigningRequest",
      causes: [{
        reason: "FieldValueInvalid",
        message: 'Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
        field: "status.conditions",
      }],
    });
    assert.equal(
      both.json.message,
      'CertificateSigningRequest.certificates.k8s.io "user" is invalid: status.conditions: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
    );
  });
});
