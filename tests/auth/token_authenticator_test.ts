// Authenticating the service account tokens a cluster signed: signature, issuer, audiences,
// expiry, and the service account and bound pod still existing with their uids.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  authenticateToken,
  AuthError,
  serviceAccountClaims,
  ServiceAccountKey,
  type StoredRef,
  type TokenLookups,
} from "../../src/auth/mod.ts";

const ISSUER = "https://kubernetes.default.svc.cluster.local";
const NOW = new Date("2026-01-02T03:04:05Z");
const key = await ServiceAccountKey.generate();

function lookups(objects: Record<string, StoredRef>): TokenLookups {
  return {
    serviceAccount: (ns, name) => objects[`sa/${ns}/${name}`],
    pod: (ns, name) => objects[`pod/${ns}/${name}`],
    secret: (ns, name) => objects[`secret/${ns}/${name}`],
  };
}

const STORED = lookups({ "sa/team/builder": { uid: "sa-uid" }, "pod/team/p": { uid: "pod-uid" } });

async function token(
  extra: Partial<Parameters<typeof serviceAccountClaims>[0]> = {},
  signer = key,
) {
  return await signer.sign(serviceAccountClaims({
    issuer: ISSUER,
    audiences: [ISSUER],
    now: NOW,
    expirationSeconds: 3600,
    namespace: "team",
    serviceAccount: { name: "builder", uid: "sa-uid" },
    id: "jti-1",
    ...extra,
  }));
}

const options = { issuer: ISSUER, audiences: [ISSUER], now: NOW, lookups: STORED };

describe("authenticateToken", () => {
  it("answers the service account's user, groups with system:authenticated, uid and extra", async () => {
    const result = await authenticateToken(
      await token({ pod: { name: "p", uid: "pod-uid" } }),
      key,
      options,
    );
    assert.deepEqual(result, {
      user: {
        username: "system:serviceaccount:team:builder",
        uid: "sa-uid",
        groups: ["system:serviceaccounts", "system:serviceaccounts:team", "system:authenticated"],
        extra: {
          "authentication.kubernetes.io/pod-name": ["p"],
          "authentication.kubernetes.io/pod-uid": ["pod-uid"],
          "authentication.kubernetes.io/credential-id": ["JTI=jti-1"],
        },
      },
      audiences: [ISSUER],
    });
  });

  it("leaves tokens of other issuers and non-JWTs to other authenticators (undefined)", async () => {
    assert.equal(
      await authenticateToken(await token({ issuer: "https://elsewhere" }), key, options),
      undefined,
    );
    assert.equal(await authenticateToken("abcdef.0123456789abcdef", key, options), undefined);
  });

  it("refuses a token signed with another key", async () => {
    const other = await ServiceAccountKey.generate();
    await assert.rejects(
      authenticateToken(await token({}, other), key, options),
      new AuthError("go-jose/go-jose: error in cryptographic primitive"),
    );
  });

  it("refuses audiences the request does not accept, in kube's words", async () => {
    await assert.rejects(
      authenticateToken(await token({ audiences: ["vault"] }), key, options),
      (error: Error) =>
        error.message ===
          `token audiences ["vault"] is invalid for the target audiences ["${ISSUER}"]`,
    );
  });

  it("refuses an expired token (beyond a minute of leeway)", async () => {
    const later = { ...options, now: new Date(NOW.getTime() + (3600 + 61) * 1000) };
    await assert.rejects(
      authenticateToken(await token(), key, later),
      /service account token has expired/,
    );
    const within = { ...options, now: new Date(NOW.getTime() + (3600 + 59) * 1000) };
    assert.ok(await authenticateToken(await token(), key, within));
  });

  it("refuses a token whose service account is gone or was recreated", async () => {
    const gone = { ...options, lookups: lookups({}) };
    await assert.rejects(
      authenticateToken(await token(), key, gone),
      /serviceaccounts "builder" not found/,
    );
    const recreated = { ...options, lookups: lookups({ "sa/team/builder": { uid: "new" } }) };
    await assert.rejects(
      authenticateToken(await token(), key, recreated),
      /service account UID \(new\) does not match claim \(sa-uid\)/,
    );
  });

  it("refuses a pod-bound token once the pod is gone", async () => {
    await assert.rejects(
      authenticateToken(await token({ pod: { name: "q", uid: "x" } }), key, options),
      /service account token has been invalidated/,
    );
  });
});
