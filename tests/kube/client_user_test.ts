// The user.Info of a request's client: certificate users with system:authenticated (and their
// credential ID from 1.32), token and impersonated users as resolved, anonymous otherwise.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { clientUser } from "../../src/kube/client_user.ts";

const CERT = {
  authenticated: true,
  user: "kubernetes-admin",
  groups: ["system:masters"],
  certificateSha256: "ab12",
};

describe("clientUser", () => {
  it("adds system:authenticated to a certificate's groups", () => {
    assert.deepEqual(clientUser(CERT, "v1.31.4"), {
      username: "kubernetes-admin",
      groups: ["system:masters", "system:authenticated"],
    });
  });

  it("reports the certificate's X509SHA256 credential ID from 1.32", () => {
    assert.deepEqual(clientUser(CERT, "v1.32.0").extra, {
      "authentication.kubernetes.io/credential-id": ["X509SHA256=ab12"],
    });
  });

  it("keeps a token user's groups as resolved", () => {
    const user = clientUser({
      authenticated: true,
      user: "system:serviceaccount:a:b",
      groups: ["system:serviceaccounts", "system:authenticated"],
      uid: "u",
      authorizeByRbac: true,
    });
    assert.deepEqual(user, {
      username: "system:serviceaccount:a:b",
      groups: ["system:serviceaccounts", "system:authenticated"],
      uid: "u",
    });
  });

  it("is system:anonymous without authentication", () => {
    assert.deepEqual(clientUser({ authenticated: false, groups: [] }), {
      username: "system:anonymous",
      groups: ["system:unauthenticated"],
    });
  });
});
