// Service account token claims as kube-apiserver's TokenRequest writes them, and the
// expirationSeconds bounds of its validation.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { expirationErrors, serviceAccountClaims } from "../../src/auth/mod.ts";

const NOW = new Date("2026-01-02T03:04:05.678Z");

describe("serviceAccountClaims", () => {
  it("writes iss, aud, whole-second times and the kubernetes.io claims, keys sorted as go-jose", () => {
    const claims = serviceAccountClaims({
      issuer: "https://kubernetes.default.svc.cluster.local",
      audiences: ["api"],
      now: NOW,
      expirationSeconds: 3600,
      namespace: "team",
      serviceAccount: { name: "builder", uid: "sa-uid" },
      pod: { name: "p", uid: "pod-uid" },
      node: { name: "n", uid: "node-uid" },
      id: "jti-1",
    });
    const iat = Math.floor(NOW.getTime() / 1000);
    assert.equal(
      JSON.stringify(claims),
      JSON.stringify({
        aud: ["api"],
        exp: iat + 3600,
        iat,
        iss: "https://kubernetes.default.svc.cluster.local",
        jti: "jti-1",
        "kubernetes.io": {
          namespace: "team",
          node: { name: "n", uid: "node-uid" },
          pod: { name: "p", uid: "pod-uid" },
          serviceaccount: { name: "builder", uid: "sa-uid" },
        },
        nbf: iat,
        sub: "system:serviceaccount:team:builder",
      }),
    );
  });

  it("omits jti and bound objects when there are none (1.29)", () => {
    const claims = serviceAccountClaims({
      issuer: "i",
      audiences: ["a"],
      now: NOW,
      expirationSeconds: 600,
      namespace: "ns",
      serviceAccount: { name: "default", uid: "u" },
    });
    assert.equal(claims.jti, undefined);
    assert.deepEqual(Object.keys(claims["kubernetes.io"]), ["namespace", "serviceaccount"]);
    assert.equal(claims.exp - claims.iat, 600);
  });
});

describe("expirationErrors", () => {
  it("accepts 600 seconds to 2^32 seconds", () => {
    assert.deepEqual(expirationErrors(600), []);
    assert.deepEqual(expirationErrors(3600), []);
    assert.deepEqual(expirationErrors(2 ** 32), []);
  });

  it("refuses under 10 minutes and over 2^32 seconds in kube's words", () => {
    assert.deepEqual(expirationErrors(599), [[
      "spec.expirationSeconds",
      599,
      "may not specify a duration less than 10 minutes",
    ]]);
    assert.deepEqual(expirationErrors(2 ** 32 + 1), [[
      "spec.expirationSeconds",
      2 ** 32 + 1,
      "may not specify a duration larger than 2^32 seconds",
    ]]);
  });
});
