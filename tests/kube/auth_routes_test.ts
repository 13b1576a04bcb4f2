// The authentication and authorization kinds, TokenRequest, the OIDC documents, bearer tokens
// and the scale subresource over the kube app, with kube-apiserver's codes and messages.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createKubeApp } from "../../src/kube/mod.ts";
import { kubeFixture } from "./kube_fixture.ts";

const ISSUER = "https://kubernetes.default.svc.cluster.local";

function decodeSegment(segment: string) {
  const base64 = segment.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

// No workload controllers: the Scale tests read the Deployment's status as written, not as a
// Deployment controller would rewrite it.
async function setup(serviceAccountTokenAuth = true) {
  const fixture = kubeFixture({ workloads: false });
  const { call } = fixture;
  await call("POST", "/api/v1/namespaces/default/serviceaccounts", {
    metadata: { name: "builder" },
  });
  const bearer = async (path: string, token: string, init: RequestInit = {}) => {
    const app = createKubeApp({
      now: () => new Date("2026-01-02T03:04:05Z"),
      anonymousAuth: false,
      serviceAccountTokenAuth,
    });
    const response = await app.request(path, {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` },
    }, { cluster: fixture.cluster, client: { authenticated: false, groups: [] } });
    return { status: response.status, json: await response.json() };
  };
  return { ...fixture, bearer };
}

const SSAR = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
const SAR = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

describe("access reviews", () => {
  it("SelfSubjectAccessReview: system:masters may do anything (201, allowed)", async () => {
    const { call } = await setup();
    const answer = await call("POST", SSAR, {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { verb: "delete", resource: "nodes" } },
    });
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.json.status, { allowed: true });
    assert.deepEqual(answer.json.metadata, { creationTimestamp: null });
  });

  it("SubjectAccessReview evaluates stored RBAC for the spec's user", async () => {
    const { call } = await setup();
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", {
      metadata: { name: "scaler" },
      rules: [{ verbs: ["get", "patch"], apiGroups: ["apps"], resources: ["deployments/scale"] }],
    });
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", {
      metadata: { name: "scaler" },
      subjects: [{ kind: "ServiceAccount", name: "builder" }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "scaler" },
    });
    const review = (verb: string, subresource?: string) =>
      call("POST", SAR, {
        spec: {
          user: "system:serviceaccount:default:builder",
          resourceAttributes: {
            namespace: "default",
            verb,
            group: "apps",
            resource: "deployments",
            subresource,
          },
        },
      });
    const allowed = await review("patch", "scale");
    assert.equal(allowed.status, 201);
    assert.deepEqual(allowed.json.status, {
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "scaler/default" of Role "scaler" to ServiceAccount "builder/default"',
    });
    assert.deepEqual((await review("patch")).json.status, { allowed: false });
  });

  it("SubjectAccessReview without attributes or user: 422 with both causes", async () => {
    const { call } = await setup();
    const answer = await call("POST", SAR, { spec: {} });
    assert.equal(answer.status, 422);
    assert.equal(
      answer.json.message,
      'SubjectAccessReview.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]',
    );
    assert.deepEqual(answer.json.details.causes.map((c: { field: string }) => c.field), [
      "spec.resourceAttributes",
      "spec.user",
    ]);
  });

  it("LocalSubjectAccessReview: attributes in another namespace are 422", async () => {
    const { call } = await setup();
    const answer = await call(
      "POST",
      "/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews",
      {
        spec: {
          user: "u",
          resourceAttributes: { namespace: "other", verb: "get", resource: "pods" },
        },
      },
    );
    assert.equal(answer.status, 422);
    assert.match(
      answer.json.message,
      /spec.resourceAttributes.namespace: Invalid value: "other": must match metadata.namespace/,
    );
  });

  it("SelfSubjectRulesReview: 400 without a namespace, the bound rules with one", async () => {
    const { call } = await setup();
    const missing = await call("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", {
      spec: {},
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.message, "no namespace on request");
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
      metadata: { name: "viewer" },
      rules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }, {
        verbs: ["get"],
        nonResourceURLs: ["/healthz"],
      }],
    });
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
      metadata: { name: "masters-view" },
      subjects: [{ kind: "Group", name: "system:masters" }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "viewer" },
    });
    const rules = await call("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", {
      spec: { namespace: "default" },
    });
    assert.equal(rules.status, 201);
    assert.deepEqual(rules.json.status, {
      resourceRules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }],
      incomplete: false,
    });
  });

  it("SelfSubjectReview answers the certificate's CN and O plus system:authenticated", async () => {
    const { call } = await setup();
    const answer = await call("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {});
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.json, {
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: "2026-01-02T03:04:05Z" },
      status: {
        userInfo: {
          username: "kubernetes-admin",
          groups: ["system:masters", "system:authenticated"],
        },
      },
    });
  });
});

describe("TokenRequest and token authentication", () => {
  it("issues a JWT kube-apiserver's way that verifies against /openid/v1/jwks", async () => {
    const { call } = await setup();
    const answer = await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {
      spec: { expirationSeconds: 600 },
    });
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.json.spec, {
      audiences: [ISSUER],
      expirationSeconds: 600,
      boundObjectRef: null,
    });
    assert.equal(answer.json.status.expirationTimestamp, "2026-01-02T03:14:05Z");
    const [header, payload, signature] = answer.json.status.token.split(".");
    const claims = JSON.parse(new TextDecoder().decode(decodeSegment(payload)));
    assert.equal(claims.sub, "system:serviceaccount:default:builder");
    assert.equal(claims.iss, ISSUER);
    assert.equal(claims.exp - claims.iat, 600);
    assert.equal(claims["kubernetes.io"].serviceaccount.name, "builder");

    const jwks = await call("GET", "/openid/v1/jwks");
    assert.equal(jwks.headers.get("content-type"), "application/jwk-set+json");
    const [jwk] = jwks.json.keys;
    assert.equal(JSON.parse(new TextDecoder().decode(decodeSegment(header))).kid, jwk.kid);
    const key = await crypto.subtle.importKey(
      "jwk",
      jwk,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
    const valid = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      key,
      decodeSegment(signature),
      new TextEncoder().encode(`${header}.${payload}`),
    );
    assert.ok(valid);

    const config = await call("GET", "/.well-known/openid-configuration");
    assert.deepEqual(config.json, {
      issuer: ISSUER,
      jwks_uri: "https://127.0.0.1:20000/openid/v1/jwks",
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  });

  it("without --service-account-token-auth a valid token is no way in: 401", async () => {
    const { call, bearer } = await setup(false);
    const token =
      (await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {})).json
        .status.token;
    const answer = await bearer("/api/v1/namespaces/default/configmaps", token);
    assert.equal(answer.status, 401);
  });

  it("a forged token on a cluster that never issued one is 401 and makes no key", async () => {
    const { bearer, cluster } = await setup();
    const forged = [{ alg: "RS256", kid: "x" }, { iss: ISSUER, aud: [ISSUER], exp: 2e9 }]
      .map((part) => btoa(JSON.stringify(part)).replace(/=+$/, "")).join(".") + ".c2ln";
    const answer = await bearer("/api/v1/namespaces/default/configmaps", forged);
    assert.equal(answer.status, 401);
    assert.equal(cluster.existingServiceAccountKey(), undefined);
  });

  it("404 for a missing service account, 422 under ten minutes", async () => {
    const { call } = await setup();
    const missing = await call(
      "POST",
      "/api/v1/namespaces/default/serviceaccounts/nobody/token",
      {},
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.json.message, 'serviceaccounts "nobody" not found');
    const short = await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {
      spec: { expirationSeconds: 599 },
    });
    assert.equal(short.status, 422);
    assert.equal(
      short.json.message,
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes',
    );
    const typed = await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {
      spec: { expirationSeconds: "600" },
    });
    assert.equal(typed.status, 400);
    assert.equal(
      typed.json.message,
      'TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal string into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64',
    );
  });

  it("binds to a pod of the service account, and refuses one running as another", async () => {
    const { call } = await setup();
    const pod = (name: string, serviceAccountName: string) =>
      call("POST", "/api/v1/namespaces/default/pods", {
        metadata: { name },
        spec: { serviceAccountName, containers: [{ name: "c", image: "i" }] },
      });
    const mine = (await pod("mine", "builder")).json;
    await pod("theirs", "default");
    const bound = await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {
      spec: {
        boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "mine", uid: mine.metadata.uid },
      },
    });
    assert.equal(bound.status, 201);
    const claims = JSON.parse(
      new TextDecoder().decode(decodeSegment(bound.json.status.token.split(".")[1])),
    );
    assert.deepEqual(claims["kubernetes.io"].pod, { name: "mine", uid: mine.metadata.uid });
    // The kubelet's projected tokens (3607 s, pod-bound, API audiences) live a year, warned after
    // 3607 s; the answer still says 3607 s.
    const projected = await call(
      "POST",
      "/api/v1/namespaces/default/serviceaccounts/builder/token",
      {
        spec: {
          expirationSeconds: 3607,
          boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "mine" },
        },
      },
    );
    assert.equal(projected.json.spec.expirationSeconds, 3607);
    assert.equal(projected.json.status.expirationTimestamp, "2026-01-02T04:04:12Z");
    const long = JSON.parse(
      new TextDecoder().decode(decodeSegment(projected.json.status.token.split(".")[1])),
    );
    assert.equal(long.exp - long.iat, 365 * 24 * 3600);
    assert.equal(long["kubernetes.io"].warnafter, long.iat + 3607);
    const wrong = await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {
      spec: { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "theirs" } },
    });
    assert.equal(wrong.status, 400);
    assert.equal(
      wrong.json.message,
      'cannot bind token for serviceaccount "builder" to pod running with different serviceaccount name.',
    );
    const deployment = await call(
      "POST",
      "/api/v1/namespaces/default/serviceaccounts/builder/token",
      {
        spec: { boundObjectRef: { kind: "Deployment", apiVersion: "apps/v1", name: "x" } },
      },
    );
    assert.equal(
      deployment.json.message,
      "cannot bind token to object of type apps/v1, Kind=Deployment",
    );
  });

  it("TokenReview authenticates an issued token and reports a garbage one", async () => {
    const { call } = await setup();
    const token =
      (await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {})).json
        .status.token;
    const good = await call("POST", "/apis/authentication.k8s.io/v1/tokenreviews", {
      spec: { token },
    });
    assert.equal(good.status, 201);
    assert.equal(good.json.status.authenticated, true);
    assert.equal(good.json.status.user.username, "system:serviceaccount:default:builder");
    assert.deepEqual(good.json.status.audiences, [ISSUER]);
    const bad = await call("POST", "/apis/authentication.k8s.io/v1/tokenreviews", {
      spec: { token: "nope" },
    });
    assert.deepEqual(bad.json.status, { user: {}, error: "invalid bearer token" });
    const empty = await call("POST", "/apis/authentication.k8s.io/v1/tokenreviews", { spec: {} });
    assert.equal(empty.status, 400);
  });

  it("a bearer token authenticates its service account, which RBAC then authorizes", async () => {
    const { call, bearer } = await setup();
    const token =
      (await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {})).json
        .status.token;
    const denied = await bearer("/api/v1/namespaces/default/configmaps", token);
    assert.equal(denied.status, 403);
    assert.equal(
      denied.json.message,
      'configmaps is forbidden: User "system:serviceaccount:default:builder" cannot list resource "configmaps" in API group "" in the namespace "default"',
    );
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
      metadata: { name: "cm-reader" },
      rules: [{ verbs: ["list"], apiGroups: [""], resources: ["configmaps"] }],
    });
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
      metadata: { name: "sa-cm" },
      subjects: [{ kind: "Group", name: "system:serviceaccounts:default" }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cm-reader" },
    });
    assert.equal((await bearer("/api/v1/namespaces/default/configmaps", token)).status, 200);
    assert.equal((await bearer("/api/v1/namespaces/default/configmaps", "garbage")).status, 401);
    await call("DELETE", "/api/v1/namespaces/default/serviceaccounts/builder");
    assert.equal((await bearer("/api/v1/namespaces/default/configmaps", token)).status, 401);
  });
});

describe("impersonation", () => {
  it("system:masters may impersonate; the request then runs as that user under RBAC", async () => {
    const { call } = await setup();
    const as = { "impersonate-user": "alice", "impersonate-group": "dev" };
    const whoami = await call("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {}, as);
    assert.equal(whoami.status, 403, "alice may not create SelfSubjectReviews without RBAC");
    assert.equal(
      whoami.json.message,
      'selfsubjectreviews.authentication.k8s.io is forbidden: User "alice" cannot create resource "selfsubjectreviews" in API group "authentication.k8s.io" at the cluster scope',
    );
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
      metadata: { name: "whoami" },
      rules: [{
        verbs: ["create"],
        apiGroups: ["authentication.k8s.io"],
        resources: ["selfsubjectreviews"],
      }],
    });
    await call("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
      metadata: { name: "whoami" },
      subjects: [{ kind: "Group", name: "system:authenticated" }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "whoami" },
    });
    const allowed = await call("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {}, as);
    assert.equal(allowed.status, 201);
    assert.deepEqual(allowed.json.status.userInfo, {
      username: "alice",
      groups: ["dev", "system:authenticated"],
    });
  });

  it("a service account user gets its groups; a token client may not impersonate without RBAC", async () => {
    const { call, bearer } = await setup();
    const token =
      (await call("POST", "/api/v1/namespaces/default/serviceaccounts/builder/token", {})).json
        .status.token;
    const denied = await bearer("/api/v1/namespaces/default/pods", token, {
      headers: { "impersonate-user": "system:serviceaccount:kube-system:admin" },
    });
    assert.equal(denied.status, 403);
    assert.equal(
      denied.json.message,
      'serviceaccounts "admin" is forbidden: User "system:serviceaccount:default:builder" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    );
  });

  it("groups without a user are a plain-text 500, as kube-apiserver's filter answers", async () => {
    const { call } = await setup();
    const answer = await call("GET", "/api/v1/namespaces", undefined, {
      "impersonate-group": "dev",
    });
    assert.equal(answer.status, 500);
    assert.equal(
      answer.text,
      'Internal Server Error: "/api/v1/namespaces": requested [{Group  dev    }] without impersonating a user\n',
    );
  });
});

describe("scale subresource", () => {
  async function withDeployment() {
    const fixture = await setup();
    await fixture.call("POST", "/apis/apps/v1/namespaces/default/deployments", {
      metadata: { name: "web" },
      spec: {
        replicas: 2,
        selector: {
          matchLabels: { app: "web" },
          matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }],
        },
        template: {
          metadata: { labels: { app: "web", tier: "a" } },
          spec: { containers: [{ name: "c", image: "i" }] },
        },
      },
    });
    return fixture;
  }
  const SCALE = "/apis/apps/v1/namespaces/default/deployments/web/scale";

  it("GET answers an autoscaling/v1 Scale with the selector as a string", async () => {
    const { call } = await withDeployment();
    const scale = await call("GET", SCALE);
    assert.equal(scale.status, 200);
    assert.equal(scale.json.apiVersion, "autoscaling/v1");
    assert.equal(scale.json.kind, "Scale");
    assert.deepEqual(scale.json.spec, { replicas: 2 });
    assert.deepEqual(scale.json.status, { replicas: 0, selector: "app=web,tier in (a,b)" });
  });

  it("PUT and PATCH write spec.replicas of the deployment", async () => {
    const { call } = await withDeployment();
    const current = (await call("GET", SCALE)).json;
    const put = await call("PUT", SCALE, { ...current, spec: { replicas: 4 } });
    assert.equal(put.status, 200);
    assert.deepEqual(put.json.spec, { replicas: 4 });
    const patched = await call("PATCH", SCALE, { spec: { replicas: 7 } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(patched.status, 200);
    const deployment = (await call("GET", "/apis/apps/v1/namespaces/default/deployments/web")).json;
    assert.equal(deployment.spec.replicas, 7);
    const stale = await call("PUT", SCALE, { ...current, spec: { replicas: 1 } });
    assert.equal(stale.status, 409);
  });

  it("negative replicas are 422, a missing deployment 404", async () => {
    const { call } = await withDeployment();
    const negative = await call("PATCH", SCALE, { spec: { replicas: -1 } }, {
      "content-type": "application/merge-patch+json",
    });
    assert.equal(negative.status, 422);
    assert.equal(
      negative.json.message,
      'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    // From v1.33 ScaleREST.Get passes the store's NotFound on.
    const missing = await call("GET", "/apis/apps/v1/namespaces/default/deployments/nope/scale");
    assert.equal(missing.status, 404);
    assert.equal(missing.json.message, 'deployments.apps "nope" not found');
  });

  it("serves the scale of ReplicationControllers with their map selector", async () => {
    const { call } = await setup();
    await call("POST", "/api/v1/namespaces/default/replicationcontrollers", {
      metadata: { name: "rc" },
      spec: {
        replicas: 3,
        selector: { b: "2", a: "1" },
        template: {
          metadata: { labels: { a: "1", b: "2" } },
          spec: { containers: [{ name: "c", image: "i" }] },
        },
      },
    });
    const scale = await call("GET", "/api/v1/namespaces/default/replicationcontrollers/rc/scale");
    assert.equal(scale.status, 200);
    assert.deepEqual(scale.json.status, { replicas: 0, selector: "a=1,b=2" });
  });
});
